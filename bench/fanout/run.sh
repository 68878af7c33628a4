#!/usr/bin/env bash
# Fan-out's endpoint lookup as the number of webhook endpoints grows (figures, not a test).
#
# For each public event it hears, the subscriptions service finds the endpoints whose filters it matches. Until
# this bench it loaded every endpoint that was not disabled and filtered them in memory; now it asks PostgreSQL for the
# candidates (EventFilter.Candidates: the event's type or its service's wildcard, array overlaps on bodies and areas,
# with GIN indexes) and filters only those. This bench times both statements with pgbench against the service's own
# schema (its migrations, as SQL), on `concordat exec`'s PostgreSQL, for each size in SIZES: the rows each returns, and
# its latency and rate from one connection. Endpoints are seeded as partners would register them (seed.sql).
#
#   bench/fanout/run.sh                 # SIZES="100 1000 10000 50000" SECONDS_EACH=10 BUILD=1
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
here="$root/bench/fanout"
cd "$root"
sizes=${SIZES:-"100 1000 10000 50000"}
seconds=${SECONDS_EACH:-10}
for size in $sizes; do [[ "$size" =~ ^[1-9][0-9]*$ ]] || { echo "SIZES are positive whole numbers" >&2; exit 1; }; done
if [ "${BUILD:-1}" != 0 ]; then
    dotnet build src/Services.Subscriptions -c Release -nologo -v quiet -clp:ErrorsOnly
    dotnet build src/Cli -c Release -nologo -v quiet -clp:ErrorsOnly
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet tool restore >/dev/null
dotnet ef migrations script --project src/Services.Subscriptions --startup-project src/Services.Subscriptions \
    -c SubscriptionsDbContext --configuration Release --no-build -o "$work/schema.sql" >/dev/null
mkdir -p bench/results
out="bench/results/fanout-$(date -u +%Y%m%dT%H%M%SZ).txt"
echo "bench/fanout/run.sh at commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown), $(nproc) cores, ${seconds} s a statement" | tee "$out"
dotnet src/Cli/bin/Release/net10.0/Concordat.Cli.dll exec -- bash "$here/measure.sh" "$work/schema.sql" "$sizes" "$seconds" 2>&1 | tee -a "$out"
