#!/usr/bin/env bash
# Registry lists and exports as the data grows (figures, not a test).
#
# Starts its own platform (the Aspire app host, headless, demo data, its own data folder, gateway on a free
# loopback port, rate limits lifted), measures the registry's reads through the gateway at demo size, loads
# SCALE x (10,000 people, 1,000 organisations, 1,000 bodies, 10,000 memberships) through the registry's
# import (POST /api/registry/import, in uploads under its 10 MiB limit), and measures the same reads again.
# Prints demo and loaded side by side, and the registry's resident memory before and after downloading
# popolo.json and export.json.
#
#   bench/registry-scale/run.sh
#
# Reads, each sequential on one kept-alive connection (curl), REQUESTS requests after WARMUP discarded ones:
#   people first page      GET /api/registry/people?limit=50
#   people page 50 deep    the page after 49 pages of 50 (at demo size, the last page there is)
#   people q search        GET /api/registry/people?q=Dyer
#   bodies by role         GET /api/registry/bodies?role=authorising
# and, for the first page and the search, throughput from wrk with 8 connections for DURATION.
#
# Settings (environment): SCALE=10 (10 = 100k people), REQUESTS=300, WARMUP=100, WARM=5s (wrk on each read
# before it is measured), DURATION=10s, BUILD=1 (0 uses
# what is built), START_TIMEOUT=180, SETTLE=70 (seconds after the load for autovacuum to take in the new rows,
# as it would in service). Output: the terminal and bench/results/registry-scale-<stamp>.txt.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
scale=${SCALE:-10}
requests=${REQUESTS:-300}
warmup=${WARMUP:-100}
duration=${DURATION:-10s}
warm=${WARM:-5s}
start_timeout=${START_TIMEOUT:-180}
settle=${SETTLE:-70}
apphost="dotnet src/AppHost/bin/Release/net10.0/Concordat.AppHost.dll"
cli="dotnet src/Cli/bin/Release/net10.0/Concordat.Cli.dll"
data="$root/.concordat/bench-registry-scale"
results="$root/bench/results"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out="$results/registry-scale-$stamp.txt"
work=$(mktemp -d)
mkdir -p "$results"
[[ "$scale" =~ ^[1-9][0-9]*$ ]] || { echo "SCALE must be a positive whole number" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is needed (Debian package wrk)" >&2; exit 1; }

if [ "${BUILD:-1}" = 1 ]; then
    dotnet build Concordat.slnx -c Release -nologo -v quiet -clp:ErrorsOnly
fi

# A fresh registry each run: the loaded rows would otherwise be there at "demo size".
rm -rf "$data"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
gateway="http://127.0.0.1:$port"
marker="registry-scale-$stamp-$$"
export CONCORDAT_BENCH_RUN="$marker" AppHost__DataDirectory="$data" AppHost__Dashboard=false AppHost__GatewayUrl="$gateway"
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
# Demo data is seeded as the registry starts; wait until the people list answers with it.
for _ in $(seq 60); do
    curl -sf "$gateway/api/registry/people?limit=1" | grep -q '"id"' && break
    sleep 1
done
admin=$($cli token platform_admin --subject bench-registry-scale)

# The registry's process: the one running the registry's assembly with this run's marker in its environment (the
# orchestrator starts the services outside this script's process tree; each inherits the marker).
registry_pid() {
    python3 - "$marker" <<'PY'
import os, sys
marker = ("CONCORDAT_BENCH_RUN=" + sys.argv[1]).encode()
for pid in filter(str.isdigit, os.listdir("/proc")):
    try:
        cmdline = open(f"/proc/{pid}/cmdline", "rb").read()
        if b"Concordat.Services.Registry" in cmdline and marker in open(f"/proc/{pid}/environ", "rb").read():
            print(pid)
            break
    except OSError:
        pass
else:
    sys.exit("the registry's process was not found")
PY
}
status_mb() { local pid; pid=$(registry_pid) || { echo "?"; return; }; awk -v field="$1:" '$1 == field { printf "%.0f", $2 / 1024 }' "/proc/$pid/status"; }
rss_mb() { status_mb VmRSS; }
hwm_mb() { status_mb VmHWM; }

# The URL of the page after 49 pages of 50 (or of the last page, if there are fewer).
deep_page() {
    local url="$gateway/api/registry/people?limit=50" next n
    for ((n = 1; n < 50; n++)); do
        next=$(curl -sf "$url" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("next") or "")')
        [ -n "$next" ] || break
        url="$gateway/api/registry/people?limit=50&cursor=$next"
    done
    echo "$n $url"
}

# One curl, WARMUP + REQUESTS transfers on one connection; prints the measured transfers' seconds, refuses any non-200.
sequential() {
    local url=$1 urls=() i
    for ((i = 0; i < warmup + requests; i++)); do urls+=(-o /dev/null "$url"); done
    curl -s -w '%{http_code} %{time_total}\n' "${urls[@]}" | awk -v skip="$warmup" '$1 != 200 { print "HTTP " $1 > "/dev/stderr"; exit 1 } NR > skip { print $2 }'
}
percentile() { sort -g | awk -v p="$1" 'NF { v[n++] = $1 } END { i = int(p * n); if (i >= n) i = n - 1; printf "%.1f", v[i] * 1000 }'; }
throughput() {
    local report
    report=$(wrk -t2 -c8 -d"$duration" "$1")
    if grep -qE 'Non-2xx|Socket errors' <<<"$report"; then echo "wrk saw failures on $1:" >&2; echo "$report" >&2; exit 1; fi
    awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<<"$report"
}

declare -A figures
measure_all() { # phase
    local phase=$1 deep depth
    read -r depth deep < <(deep_page)
    figures[$phase,depth]=$depth
    figures[$phase,people]=$(curl -sf "$gateway/api/registry/people?limit=1" >/dev/null && echo ok)
    local -A urls=(
        [first]="$gateway/api/registry/people?limit=50"
        [deep]="$deep"
        [q]="$gateway/api/registry/people?q=Dyer"
        [role]="$gateway/api/registry/bodies?role=authorising"
    )
    local name times
    # Warm up every read under load first: the JIT and the pools settle in seconds under wrk, not in a hundred
    # sequential requests, and the demo phase runs right after start-up.
    for name in first deep q role; do
        wrk -t2 -c8 -d"$warm" "${urls[$name]}" >/dev/null
    done
    figures[$phase,first,rps]=$(throughput "${urls[first]}")
    figures[$phase,q,rps]=$(throughput "${urls[q]}")
    for name in first deep q role; do
        times=$(sequential "${urls[$name]}")
        figures[$phase,$name,p50]=$(percentile 0.5 <<<"$times")
        figures[$phase,$name,p99]=$(percentile 0.99 <<<"$times")
        echo "  $phase $name: p50 ${figures[$phase,$name,p50]} ms, p99 ${figures[$phase,$name,p99]} ms"
    done
    echo "  $phase 8 clients: first page ${figures[$phase,first,rps]} req/s, q ${figures[$phase,q,rps]} req/s"
}

echo "measuring at demo size..."
measure_all demo
rss_demo=$(rss_mb)

echo "generating and importing $((scale * 10000)) people, $((scale * 1000)) organisations, $((scale * 1000)) bodies, $((scale * 10000)) memberships..."
python3 - "$work" "$scale" <<'PY'
import json, random, sys, uuid
work, scale = sys.argv[1], int(sys.argv[2])
random.seed(10)
surnames = ["Dyer", "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright", "Thompson",
            "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke", "Patel", "Khan", "Lewis", "James",
            "Phillips", "Mason", "Mitchell", "Rose", "Davis", "Rodriguez", "Cox", "Alexander", "Morden", "Pullen", "Harding", "Baker",
            "Hughes", "Edwards", "Hill", "Moore", "Clark", "Harrison", "Scott", "Young", "Morris", "Ward", "Turner", "Carter", "Cooper"]
given = ["Alex", "Sam", "Jo", "Chris", "Pat", "Morgan", "Robin", "Jamie", "Kim", "Lee", "Ash", "Charlie", "Drew", "Frankie", "Jess"]
kinds = ["parish_or_town_council", "voluntary_sector", "business", "public_agency", "nhs_body", "other"]
roles = ["deliberative", "authorising", "executive", "delivery", "scrutiny"]
def doc(**collections):
    return {"format": "concordat-registry/1", **collections}
organisations = [{"id": str(uuid.uuid4()), "name": f"Scale Organisation {i}", "kind": random.choice(kinds), "dutyToCooperate": False}
                 for i in range(scale * 1000)]
bodies = [{"id": str(uuid.uuid4()), "name": f"Scale Partnership {i}", "shortName": f"SP{i}", "type": random.choice(["strategic", "operational", "consultative"]),
           "scope": "thematic", "tier": "district", "roles": random.sample(roles, 2), "status": "active"} for i in range(scale * 1000)]
people = [{"id": str(uuid.uuid4()), "name": f"{random.choice(given)} {random.choice(surnames)} {i}", "elected": False, "affiliations": []}
          for i in range(scale * 10000)]
memberships = [{"id": str(uuid.uuid4()), "bodyId": random.choice(bodies)["id"], "personId": people[i % len(people)]["id"], "role": "member",
                "voting": False, "startsOn": "2026-01-01"} for i in range(scale * 10000)]
files = [doc(organisations=organisations), doc(bodies=bodies)]
files += [doc(people=people[i:i + 20000]) for i in range(0, len(people), 20000)]
files += [doc(memberships=memberships[i:i + 20000]) for i in range(0, len(memberships), 20000)]
for n, f in enumerate(files):
    json.dump(f, open(f"{work}/import-{n:02d}.json", "w"))
PY
load_started=$SECONDS
for file in "$work"/import-*.json; do
    status=$(curl -sS -o "$work/answer.json" -w '%{http_code}' -X POST "$gateway/api/registry/import" \
        -H "Authorization: Bearer $admin" -H 'content-type: application/json' --data-binary "@$file")
    [ "$status" = 200 ] || { echo "import of $(basename "$file") answered $status:" >&2; head -c 2000 "$work/answer.json" >&2; exit 1; }
done
echo "  loaded in $((SECONDS - load_started)) s; waiting ${settle} s for autovacuum to take in the new rows..."
sleep "$settle"

echo "measuring at $((scale * 10))k..."
measure_all loaded

echo "exports at $((scale * 10))k..."
download() { # label url [curl options]: prints "bytes ms"
    local started bytes
    started=$(date +%s%N)
    bytes=$(curl -sf -o /dev/null -w '%{size_download}' "${@:2}" "$1")
    echo "$bytes $(( ($(date +%s%N) - started) / 1000000 ))"
}
rss_before=$(rss_mb)
# Reset the registry's peak RSS (VmHWM), so the peak reported is the downloads', not the import's.
echo 5 >"/proc/$(registry_pid)/clear_refs" 2>/dev/null || echo "  (could not reset the peak RSS; the peak includes the load)"
read -r popolo_bytes popolo_ms < <(download "$gateway/api/registry/open-data/popolo.json")
read -r _ popolo_ms2 < <(download "$gateway/api/registry/open-data/popolo.json")
rss_popolo=$(rss_mb)
read -r export_bytes export_ms < <(download "$gateway/api/registry/export.json" -H "Authorization: Bearer $admin")
read -r _ export_ms2 < <(download "$gateway/api/registry/export.json" -H "Authorization: Bearer $admin")
rss_export=$(rss_mb)
sleep 5
rss_later=$(rss_mb)

{
    echo "Registry at demo size and at $((scale * 10))k people through the gateway, $(date -u +%Y-%m-%d), commit $(git rev-parse --short HEAD)"
    echo "sequential: $requests requests on one connection after $warmup discarded; throughput: wrk, 8 connections, $duration"
    echo "deep page: page ${figures[demo,depth]} at demo size (the last there is), page ${figures[loaded,depth]} when loaded"
    printf '%-28s %12s %12s %12s %12s %8s\n' read "demo p50" "demo p99" "loaded p50" "loaded p99" "p99 ±"
    for name in first deep q role; do
        label=$(case $name in first) echo "people first page";; deep) echo "people deep page";; q) echo "people ?q=Dyer";; role) echo "bodies ?role=authorising";; esac)
        printf '%-28s %12s %12s %12s %12s %8s\n' "$label" "${figures[demo,$name,p50]}" "${figures[demo,$name,p99]}" \
            "${figures[loaded,$name,p50]}" "${figures[loaded,$name,p99]}" \
            "$(awk -v a="${figures[demo,$name,p99]}" -v b="${figures[loaded,$name,p99]}" 'BEGIN { printf "%+.0f%%", 100 * (b - a) / a }')"
    done
    printf '%-28s %12s %12s\n' "8 clients req/s" demo loaded
    printf '%-28s %12s %12s\n' "people first page" "${figures[demo,first,rps]}" "${figures[loaded,first,rps]}"
    printf '%-28s %12s %12s\n' "people ?q=Dyer" "${figures[demo,q,rps]}" "${figures[loaded,q,rps]}"
    echo "popolo.json: $popolo_bytes bytes in $popolo_ms ms, again $popolo_ms2 ms; export.json: $export_bytes bytes in $export_ms ms, again $export_ms2 ms"
    echo "registry RSS MB: at demo size $rss_demo; loaded, before the downloads $rss_before; after two popolo.json $rss_popolo;" \
        "after two export.json $rss_export; 5 s later $rss_later; peak during the downloads $(hwm_mb)"
} | tee "$out"
