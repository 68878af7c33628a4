#!/usr/bin/env bash
# Run by run.sh inside `concordat exec`: $1 the schema SQL, $2 the sizes, $3 seconds a statement.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
schema=$1 sizes=$2 seconds=$3
# CONCORDAT_TEST_POSTGRES is a connection string: Host=…;Port=…;Username=…;Database=…
declare -A cs
IFS=';' read -ra parts <<<"$CONCORDAT_TEST_POSTGRES"
for part in "${parts[@]}"; do cs[${part%%=*}]=${part#*=}; done
export PGHOST=${cs[Host]} PGPORT=${cs[Port]} PGUSER=${cs[Username]} PGPASSWORD=${cs[Password]:-}
export PGDATABASE="bench_fanout_$$"
psql -q -d postgres -c "CREATE DATABASE $PGDATABASE"
trap 'psql -q -d postgres -c "DROP DATABASE IF EXISTS $PGDATABASE" >/dev/null' EXIT
psql -q -v ON_ERROR_STOP=1 -f "$schema" >/dev/null
printf '%-10s %-11s %8s %12s %12s\n' endpoints lookup rows "latency ms" "per second"
for size in $sizes; do
    psql -q -v ON_ERROR_STOP=1 -v size="$size" -f "$here/seed.sql" >/dev/null
    for lookup in all candidates; do
        rows=$(psql -tA -f "$here/$lookup.sql" | wc -l)
        result=$(pgbench -n -c 1 -T "$seconds" -f "$here/$lookup.sql" 2>/dev/null)
        latency=$(sed -n 's/^latency average = \([0-9.]*\) ms$/\1/p' <<<"$result")
        rate=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' <<<"$result")
        printf '%-10s %-11s %8s %12s %12.0f\n' "$size" "$lookup" "$rows" "$latency" "$rate"
    done
done
