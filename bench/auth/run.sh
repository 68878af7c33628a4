#!/usr/bin/env bash
# What authentication costs a request (figures, not a test).
#
# The same public read, GET /api/registry/bodies/{id}, through the gateway: anonymously, with a bearer
# token, and with a partner API key (the gateway and the registry each check it; the gateway keeps a
# valid answer for Auth:ApiKeyCacheSeconds). One curl per kind sends REQUESTS requests on one kept-alive
# connection; the kinds alternate for ROUNDS rounds. Prints p50 and p95 per kind and what each adds to
# the anonymous p50.
#
#   bench/auth/run.sh
#
# Settings (environment): ROUNDS=3, REQUESTS=300, BUILD=1 (0 uses what is built), START_TIMEOUT=180.
# It starts its own platform (the Aspire app host, headless, on a data folder of its own, demo data, loopback
# ports) with the gateway's rate limits lifted (they are not what is measured here) and stops it (SIGTERM: a
# background job ignores SIGINT) at the end.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
rounds=${ROUNDS:-3}
requests=${REQUESTS:-300}
start_timeout=${START_TIMEOUT:-180}
apphost="dotnet src/AppHost/bin/Release/net10.0/Concordat.AppHost.dll"
cli="dotnet src/Cli/bin/Release/net10.0/Concordat.Cli.dll"
data="$root/.concordat/bench-auth"
gateway=http://localhost:5080

if [ "${BUILD:-1}" = 1 ]; then
    dotnet build Concordat.slnx -c Release -nologo -v quiet -clp:ErrorsOnly
fi

export AppHost__DataDirectory="$data" AppHost__Dashboard=false
for budget in Identified Anonymous PerAddress; do
    export "Gateway__RateLimits__${budget}__PermitsPerSecond=1000000" "Gateway__RateLimits__${budget}__Burst=1000000"
done
log=$(mktemp)
$apphost >"$log" 2>&1 &
apphost_pid=$!
trap 'kill -TERM $apphost_pid 2>/dev/null; wait $apphost_pid 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq "$start_timeout"); do
    grep -q "Concordat is up" "$log" && break
    kill -0 $apphost_pid 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 1
done
grep -q "Concordat is up" "$log" || { echo "the platform did not come up in ${start_timeout} s" >&2; exit 1; }

admin=$($cli token platform_admin --subject bench-admin)
partner=$($cli token partner --subject bench-partner)
first_id() { python3 -c 'import sys, json; print(json.load(sys.stdin)["items"][0]["id"])'; }
body=$(curl -sf "$gateway/api/registry/bodies?role=authorising" | first_id)
organisation=$(curl -sf "$gateway/api/registry/organisations?limit=1" | first_id)
key=$(curl -sf -X POST "$gateway/api/registry/organisations/$organisation/api-keys" -H "Authorization: Bearer $admin" \
    -H 'content-type: application/json' -d '{"name":"auth benchmark"}' | python3 -c 'import sys, json; print(json.load(sys.stdin)["key"])')
url="$gateway/api/registry/bodies/$body"

# One curl, REQUESTS transfers on one connection; prints each transfer's seconds, refuses any non-200.
measure() {
    local urls=() i
    for ((i = 0; i < requests; i++)); do urls+=(-o /dev/null "$url"); done
    curl -s -w '%{http_code} %{time_total}\n' "$@" "${urls[@]}" | awk '$1 != 200 { print "HTTP " $1 > "/dev/stderr"; exit 1 } { print $2 }'
}

declare -A times
for ((round = 0; round < rounds; round++)); do
    times[anonymous]+=$(measure)$'\n'
    times[token]+=$(measure -H "Authorization: Bearer $partner")$'\n'
    times[key]+=$(measure -H "X-Api-Key: $key")$'\n'
done

percentile() { sort -g | awk -v p="$1" 'NF { v[n++] = $1 } END { i = int(p * n); if (i >= n) i = n - 1; printf "%.2f", v[i] * 1000 }'; }
base=$(printf '%s' "${times[anonymous]}" | percentile 0.5)
echo "GET /api/registry/bodies/{id} through the gateway, ${rounds} x ${requests} requests per kind, one connection each:"
printf '%-10s %8s %8s %10s\n' kind "p50 ms" "p95 ms" "p50 added"
for kind in anonymous token key; do
    p50=$(printf '%s' "${times[$kind]}" | percentile 0.5)
    p95=$(printf '%s' "${times[$kind]}" | percentile 0.95)
    printf '%-10s %8s %8s %10s\n' "$kind" "$p50" "$p95" "$(awk -v a="$p50" -v b="$base" 'BEGIN { printf "%+.2f", a - b }')"
done
