#!/usr/bin/env bash
# Gateway overhead: the same database-backed read (GET /api/cycle/bodies/{id}) measured directly against
# the cycle service and through the gateway, alternately, in one run, with wrk on loopback.
# Prints requests/s and p50/p99 for both, the throughput ratio and the latency added per hop.
#   bench/gateway/run.sh            (ROUNDS, DURATION, CONNECTIONS, THREADS override the defaults)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

rounds=${ROUNDS:-3}
duration=${DURATION:-10s}
connections=${CONNECTIONS:-32}
threads=${THREADS:-2}

if ! command -v wrk >/dev/null; then
    if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && apt-get install -y -qq wrk >/dev/null
    else echo "wrk is missing: sudo apt-get install -y wrk" >&2; exit 1; fi
fi

results="$root/bench/results"
mkdir -p "$results"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
log="$results/gateway-$stamp.launcher.log"
data="$root/.concordat/bench"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

echo "building (Release)..."
dotnet build src/AppHost -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null

AppHost__Logs=console AppHost__DataDirectory="$data" AppHost__GatewayUrl="http://127.0.0.1:$port" \
    dotnet src/AppHost/bin/Release/net10.0/Concordat.AppHost.dll up >"$log" 2>&1 &
launcher=$!
stop() {
    kill -TERM "$launcher" 2>/dev/null || true
    wait "$launcher" 2>/dev/null || true
}
trap stop EXIT

echo "starting the platform (log: $log)..."
for _ in $(seq 1 180); do
    [ -f "$data/resources.json" ] && break
    if ! kill -0 "$launcher" 2>/dev/null; then tail -30 "$log"; echo "the launcher exited" >&2; exit 1; fi
    sleep 1
done
[ -f "$data/resources.json" ] || { tail -30 "$log"; echo "the platform did not start in 180 s" >&2; exit 1; }

url_of() { python3 -c "import json,sys; print(next(r['url'] for r in json.load(open(sys.argv[1])) if r['name']==sys.argv[2]).rstrip('/'))" "$data/resources.json" "$1"; }
gateway=$(url_of gateway)
cycle=$(url_of cycle)

id=$(curl -sf -X POST "$gateway/api/registry/bodies" -H 'content-type: application/json' \
    -d '{"name":"Benchmark Partnership"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
for _ in $(seq 1 100); do
    curl -sf -o /dev/null "$gateway/api/cycle/bodies/$id" && break
    sleep 0.1
done
curl -sf -o /dev/null "$gateway/api/cycle/bodies/$id" || { echo "the body never reached the cycle service" >&2; exit 1; }

direct_url="$cycle/api/cycle/bodies/$id"
gateway_url="$gateway/api/cycle/bodies/$id"

run_wrk() { # label url duration -> file
    local out="$results/gateway-$stamp.$1.$4.txt"
    wrk -t"${threads}" -c"${connections}" -d"$3" --latency "$2" >"$out"
    if grep -qE "Non-2xx or 3xx responses|Socket errors" "$out"; then
        cat "$out" >&2
        echo "ERROR: $1 run $4 saw failed requests; the figures would be meaningless" >&2
        exit 1
    fi
    echo "$out"
}

echo "warming up..."
run_wrk direct "$direct_url" 5s warmup >/dev/null
run_wrk gateway "$gateway_url" 5s warmup >/dev/null

# Two loads: saturating (throughput) and one connection (the latency a single request pays per hop).
files=()
for round in $(seq 1 "$rounds"); do
    echo "round $round of $rounds, one connection: direct, then gateway ($duration each)"
    files+=("$(connections=1 threads=1 run_wrk direct-single "$direct_url" "$duration" "$round")")
    files+=("$(connections=1 threads=1 run_wrk gateway-single "$gateway_url" "$duration" "$round")")
done
for round in $(seq 1 "$rounds"); do
    echo "round $round of $rounds: direct, then gateway ($duration each, $connections connections, $threads threads)"
    files+=("$(run_wrk direct "$direct_url" "$duration" "$round")")
    files+=("$(run_wrk gateway "$gateway_url" "$duration" "$round")")
done

python3 - "$connections" "$results/gateway-$stamp.json" "${files[@]}" <<'PY'
import json, re, statistics, sys, os
connections, out, files = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
def ms(value):
    number, unit = re.match(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
runs = {"direct": [], "gateway": [], "direct-single": [], "gateway-single": []}
for path in files:
    text = open(path).read()
    label = os.path.basename(path).split(".")[1]
    runs[label].append({
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)),
        "p50": ms(re.search(r"^\s+50%\s+(\S+)", text, re.M).group(1)),
        "p99": ms(re.search(r"^\s+99%\s+(\S+)", text, re.M).group(1)),
    })
median = {label: {k: statistics.median(r[k] for r in rs) for k in ("rps", "p50", "p99")} for label, rs in runs.items()}
ratio = median["gateway"]["rps"] / median["direct"]["rps"]
added = median["gateway-single"]["p50"] - median["direct-single"]["p50"]
print()
print(f"{'':16}{'connections':>12}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}")
for label, c in (("direct", connections), ("gateway", connections), ("direct-single", 1), ("gateway-single", 1)):
    m = median[label]
    print(f"{label:16}{c:>12}{m['rps']:>10.0f}{m['p50']:>10.2f}{m['p99']:>10.2f}")
print()
print(f"throughput through the gateway:         {ratio:.2f}x direct   (target >= 0.75x)")
print(f"p50 added by the gateway hop, 1 conn:   {added:+.2f} ms          (target <= +0.5 ms)")
print(f"(medians of {len(runs['direct'])} alternating rounds; on {os.cpu_count()} cores wrk, the gateway, the service and PostgreSQL share the CPUs)")
json.dump({"median": median, "ratio": ratio, "addedP50Ms": added, "runs": runs, "cores": os.cpu_count()}, open(out, "w"), indent=2)
print(f"figures: {out}")
PY
