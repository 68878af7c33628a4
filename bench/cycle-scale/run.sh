#!/usr/bin/env bash
# The cycle's reads as the number of issues grows (figures, not a test).
#
# Starts its own platform (the Aspire app host, headless, demo data, its own data folder, gateway on a free loopback
# port, rate limits lifted), then for each size in SIZES seeds issues carried to implementation straight into the
# cycle's database with SQL (seed.sql: issue, holder, published decision, delivery plan with 10 actions, 3 indicators
# of 8 periods, 3 milestones, 2 risks, 6 timeline entries) while the platform is up, ANALYZEs, and measures through
# the gateway. Seeding goes around the API on purpose: 100k issues through it would take hours; the rows are what the
# API writes (bodies as the registry read model holds them, seed-bodies.sql).
#
#   bench/cycle-scale/run.sh                 # SIZES="1000 100000"
#   SIZES="1000 10000" bench/cycle-scale/run.sh
#
# Reads, each sequential on one kept-alive connection (curl), REQUESTS requests after WARMUP discarded ones:
#   holding             GET /api/cycle/bodies/{a partnership}/holding         (it holds 1 in 1,000 of the issues)
#   register            GET /api/cycle/decisions?limit=50
#   register by body    GET /api/cycle/decisions?body={Scale LAA}&limit=50     (it took 1 decision in 10)
#   timeline            GET /api/cycle/issues/{an issue}/timeline
#   LAA roll-up         GET /api/cycle/bodies/{Scale LAA}/delivery?limit=20
#   lessons             GET /api/cycle/lessons?q=flooding                       (a lesson per ten issues, a third of
#                       them about flooding: seed-lessons.sql)
# At the last size, EXPLAIN (ANALYZE, BUFFERS) of each read's SQL (explain.sql), with the indexes it used.
#
# Settings (environment): SIZES="1000 100000" (cumulative: each size adds issues up to it), REQUESTS=200,
# WARMUP=50, BUILD=1 (0 uses what is built), START_TIMEOUT=300. Output: the terminal and
# bench/results/cycle-scale-<stamp>.txt (plans in cycle-scale-<stamp>-explain.txt).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
here="$root/bench/cycle-scale"
cd "$root"
sizes=${SIZES:-"1000 100000"}
requests=${REQUESTS:-200}
warmup=${WARMUP:-50}
start_timeout=${START_TIMEOUT:-300}
apphost="dotnet src/AppHost/bin/Release/net10.0/Concordat.AppHost.dll"
data="$root/.concordat/bench-cycle-scale"
results="$root/bench/results"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out="$results/cycle-scale-$stamp.txt"
plans="$results/cycle-scale-$stamp-explain.txt"
work=$(mktemp -d)
mkdir -p "$results"
for size in $sizes; do [[ "$size" =~ ^[1-9][0-9]*$ ]] || { echo "SIZES are positive whole numbers" >&2; exit 1; }; done

if [ "${BUILD:-1}" = 1 ]; then
    dotnet build src/AppHost -c Release -nologo -v quiet -clp:ErrorsOnly
fi

rm -rf "$data"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
gateway="http://127.0.0.1:$port"
export CONCORDAT_BENCH_RUN="cycle-scale-$stamp-$$" AppHost__DataDirectory="$data" AppHost__Dashboard=false AppHost__GatewayUrl="$gateway"
for budget in Identified Anonymous PerAddress; do
    export "Gateway__RateLimits__${budget}__PermitsPerSecond=1000000" "Gateway__RateLimits__${budget}__Burst=1000000"
done
log="$work/apphost.log"
$apphost >"$log" 2>&1 &
apphost_pid=$!
trap 'kill -TERM $apphost_pid 2>/dev/null; wait $apphost_pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq "$start_timeout"); do
    grep -q "Concordat is up" "$log" && break
    kill -0 $apphost_pid 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 1
done
grep -q "Concordat is up" "$log" || { echo "the platform did not come up in ${start_timeout} s" >&2; tail -30 "$log" >&2; exit 1; }
for _ in $(seq 120); do
    curl -sf "$gateway/api/cycle/decisions?limit=1" >/dev/null && break
    sleep 1
done

# The local PostgreSQL listens on a loopback port and a socket in its data folder; the socket names the port.
socket=$(ls "$data"/postgres/.s.PGSQL.* | grep -v '\.lock$' | head -1)
pg() { psql -X -q -v ON_ERROR_STOP=1 -h "$data/postgres" -p "${socket##*.}" -U concordat -d cycledb "$@"; }
pg -f "$here/seed-bodies.sql"
laa=$(pg -At -c "SELECT id FROM bench_bodies WHERE n = -1")
partnership=$(pg -At -c "SELECT id FROM bench_bodies WHERE n = 7")
issue=$(pg -At -c "SELECT md5('issue7')::uuid")

# One curl, WARMUP + REQUESTS transfers on one connection; prints the measured transfers' seconds, refuses any non-200.
sequential() {
    local url=$1 urls=() i
    for ((i = 0; i < warmup + requests; i++)); do urls+=(-o /dev/null "$url"); done
    curl -s -w '%{http_code} %{time_total}\n' "${urls[@]}" | awk -v skip="$warmup" '$1 != 200 { print "HTTP " $1 " from " url > "/dev/stderr"; exit 1 } NR > skip { print $2 }' url="$url"
}
percentile() { sort -g | awk -v p="$1" 'NF { v[n++] = $1 } END { i = int(p * n); if (i >= n) i = n - 1; printf "%.1f", v[i] * 1000 }'; }

names=(holding register register_body timeline rollup lessons)
declare -A urls=(
    [holding]="$gateway/api/cycle/bodies/$partnership/holding"
    [register]="$gateway/api/cycle/decisions?limit=50"
    [register_body]="$gateway/api/cycle/decisions?body=$laa&limit=50"
    [timeline]="$gateway/api/cycle/issues/$issue/timeline"
    [rollup]="$gateway/api/cycle/bodies/$laa/delivery?limit=20"
    [lessons]="$gateway/api/cycle/lessons?q=flooding"
)
declare -A labels=([holding]="body holding" [register]="decision register" [register_body]="register ?body=LAA"
    [timeline]="issue timeline" [rollup]="LAA roll-up" [lessons]="lessons ?q=flooding")
declare -A figures
have=0
for size in $sizes; do
    if ((size > have)); then
        echo "seeding issues $have..$((size - 1))..."
        started=$(date +%s%N)
        pg -v from="$have" -v to="$size" -f "$here/seed.sql"
        pg -v from="$have" -v to="$size" -f "$here/seed-lessons.sql"
        figures[$size,seed]=$(( ($(date +%s%N) - started) / 1000000 ))
        pg -c "ANALYZE"
        echo "  $((size - have)) issues seeded in ${figures[$size,seed]} ms (with ANALYZE after)"
        have=$size
    fi
    for name in "${names[@]}"; do
        if ! curl -sf -o /dev/null "${urls[$name]}"; then
            figures[$size,$name,p50]="-"; figures[$size,$name,p99]="-"
            echo "  $size ${labels[$name]}: not answering 200, not measured"
            continue
        fi
        times=$(sequential "${urls[$name]}")
        figures[$size,$name,p50]=$(percentile 0.5 <<<"$times")
        figures[$size,$name,p99]=$(percentile 0.99 <<<"$times")
        echo "  $size ${labels[$name]}: p50 ${figures[$size,$name,p50]} ms, p99 ${figures[$size,$name,p99]} ms"
    done
done

echo "EXPLAIN at $have issues..."
rollup_ids=$(curl -sf "${urls[rollup]}" | python3 -c 'import json,sys; print("{" + ",".join(i["planId"] for i in json.load(sys.stdin)["items"]) + "}")')
pg -v body="$partnership" -v laa="$laa" -v issue="$issue" -v plans="$rollup_ids" -v today="$(TZ=Europe/London date +%F)" -f "$here/explain.sql" >"$plans" 2>&1
indexes=$(awk '/^-- / { read = substr($0, 4) } /Index Scan|Index Only Scan|Bitmap Index Scan|Seq Scan/ { line = $0; sub(/^ *(->)? */, "", line); sub(/  \(cost.*/, "", line); used[read] = used[read] (used[read] ? "; " : "") line } END { for (r in used) print r ": " used[r] }' "$plans" | sort)

first=${sizes%% *}
{
    echo "Cycle reads at $(echo "$sizes" | sed 's/ /, /g') issues through the gateway, $(date -u +%Y-%m-%d), commit $(git rev-parse --short HEAD), load average $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "sequential: $requests requests on one connection after $warmup discarded; ms"
    printf '%-22s' read
    for size in $sizes; do printf ' %14s' "$size p50/p99"; done
    printf ' %12s\n' "p50, p99 ×"
    for name in "${names[@]}"; do
        printf '%-22s' "${labels[$name]}"
        for size in $sizes; do printf ' %14s' "${figures[$size,$name,p50]}/${figures[$size,$name,p99]}"; done
        printf ' %12s\n' "$(awk -v a="${figures[$first,$name,p50]}" -v b="${figures[$have,$name,p50]}" -v c="${figures[$first,$name,p99]}" -v d="${figures[$have,$name,p99]}" \
            'BEGIN { if (a == "-" || b == "-" || a == 0 || c == 0) print "-"; else printf "%.2f, %.2f", b / a, d / c }')"
    done
    for size in $sizes; do [ -n "${figures[$size,seed]:-}" ] && echo "seeding up to $size issues: ${figures[$size,seed]} ms"; done
    echo "indexes in the plans at $have issues (full plans: $(basename "$plans")):"
    echo "$indexes"
} | tee "$out"
