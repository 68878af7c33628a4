#!/usr/bin/env bash
# Subscriptions benchmark (figures, not a test): ENDPOINTS healthy webhook endpoints on loopback ports receive every
# decision published at RATE a second for DURATION seconds, then the same with a 9 s endpoint and a 500 endpoint
# subscribed too; prints p50 and p99 from publication to receipt for each phase. See bench/README.md.
#
#   bench/subscriptions/run.sh            ENDPOINTS=100 RATE=10 DURATION=60 BUILD=1
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
endpoints=${ENDPOINTS:-100}
rate=${RATE:-10}
duration=${DURATION:-60}
if [ "${BUILD:-1}" != 0 ]; then
    dotnet build bench/subscriptions -c Release -nologo -v quiet -clp:ErrorsOnly
    dotnet build src/Cli -c Release -nologo -v quiet -clp:ErrorsOnly
fi
mkdir -p bench/results
out="bench/results/subscriptions-$(date -u +%Y%m%dT%H%M%SZ).txt"
echo "bench/subscriptions/run.sh at commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown), $(nproc) cores" | tee "$out"
dotnet src/Cli/bin/Release/net10.0/Concordat.Cli.dll exec -- dotnet bench/subscriptions/bin/Release/net10.0/Concordat.Bench.Subscriptions.dll \
    --endpoints="$endpoints" --rate="$rate" --duration="$duration" 2>&1 | grep -v -E '^(fail|warn|info): |^      ' | tee -a "$out"
