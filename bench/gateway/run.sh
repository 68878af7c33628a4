#!/usr/bin/env bash
# Gateway overhead benchmark (figures, not a test).
#
# The same database-backed read, GET /api/cycle/bodies/{id}, measured directly against the cycle
# service and through the YARP gateway, alternately (direct, gateway, direct, gateway ...) in one run,
# with wrk on loopback. Two loads per round: saturating (CONNECTIONS, for throughput) and one
# connection (the latency a single request pays for the extra hop). Prints the medians across rounds,
# the throughput ratio and the p50 added per hop; writes them to bench/results/gateway-<stamp>.json.
#
#   bench/gateway/run.sh
#
# Settings (environment):
#   ROUNDS=3          alternating rounds per load
#   DURATION=10s      each measured wrk run
#   WARMUP=10s        each warm-up run (saturating, not counted)
#   WARMUP_ROUNDS=2   alternating warm-up rounds: freshly started .NET processes need about 30-40 s of load
#                     on two cores before tiered JIT settles (the JIT competes with the load for CPU)
#   CONNECTIONS=32    connections of the saturating load
#   THREADS=2         wrk threads of the saturating load (the one-connection load uses one)
#   SINGLE=1          0 skips the one-connection rounds
#   BUILD=1           0 skips `dotnet build src/AppHost src/Cli -c Release` (use what is built)
#   START_TIMEOUT=180 seconds to wait for the platform
#
# Exits non-zero if anything fails, including any wrk run that saw a non-2xx response or a socket error.
# Missing the targets is reported, not an error.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"

rounds=${ROUNDS:-3}
duration=${DURATION:-10s}
warmup=${WARMUP:-10s}
warmup_rounds=${WARMUP_ROUNDS:-2}
connections=${CONNECTIONS:-32}
threads=${THREADS:-2}
single=${SINGLE:-1}
build=${BUILD:-1}
start_timeout=${START_TIMEOUT:-180}

results="$root/bench/results"
data="$root/.concordat/bench"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
marker="gateway-$stamp-$$"
prefix="$results/gateway-$stamp"
log="$prefix.apphost.log"
manifest="$data/resources.json"
manifest_copy="$prefix.resources.json"

loud() { # a banner nobody scrolls past
    {
        echo
        echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
        for line in "$@"; do echo "!!! $line"; done
        echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
        echo
    } >&2
}
die() { echo "error: $*" >&2; exit 1; }

# --- prerequisites ----------------------------------------------------------------------------------
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive whole number, not '$rounds'"
[[ "$warmup_rounds" =~ ^[0-9]+$ ]] || die "WARMUP_ROUNDS must be a whole number, not '$warmup_rounds'"
[[ "$connections" =~ ^[1-9][0-9]*$ ]] || die "CONNECTIONS must be a positive whole number, not '$connections'"
[[ "$threads" =~ ^[1-9][0-9]*$ ]] || die "THREADS must be a positive whole number, not '$threads'"
((threads <= connections)) || die "THREADS ($threads) must not exceed CONNECTIONS ($connections): wrk needs a connection per thread"
for d in "$duration" "$warmup"; do
    [[ "$d" =~ ^[0-9]+[smh]?$ ]] || die "DURATION and WARMUP take wrk durations such as 10s or 1m, not '$d'"
done

if ! command -v wrk >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "wrk is missing; installing the Debian package..."
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
    else
        die "wrk is missing: install the Debian package with 'sudo apt-get install -y wrk' (or your system's 'wrk' package)"
    fi
fi
for tool in curl python3 dotnet; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is needed"
done

mkdir -p "$results" "$data"

# A platform already running from the benchmark's data folder would hold its PostgreSQL data; a manifest
# left by a killed run would make us start measuring before anything is up.
if [ -f "$manifest" ]; then
    alive=$(python3 - "$manifest" <<'PY' || true
import json, os, sys
try:
    resources = json.load(open(sys.argv[1]))
except Exception:
    resources = []
for r in resources:
    pid = r.get("pid")
    if pid and os.path.exists(f"/proc/{pid}"):
        print(f"{r['name']}:{pid}")
PY
)
    if [ -n "$alive" ]; then
        die "a platform is already running from $data ($(echo $alive)); stop it first"
    fi
    rm -f "$manifest"
fi

# --- build and start ----------------------------------------------------------------------------------
if [ "$build" != 0 ]; then
    echo "building src/AppHost (it builds the services and the gateway too) and src/Cli in Release..."
    if ! { dotnet build src/AppHost -c Release -nologo -v quiet && dotnet build src/Cli -c Release -nologo -v quiet; } >"$prefix.build.log" 2>&1; then
        tail -40 "$prefix.build.log" >&2
        die "the build failed (log: $prefix.build.log)"
    fi
fi
apphost="src/AppHost/bin/Release/net10.0/Concordat.AppHost.dll"
cli="src/Cli/bin/Release/net10.0/Concordat.Cli.dll"
for built in "$apphost" "$cli"; do
    [ -f "$built" ] || die "$built is not built (run without BUILD=0)"
done

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

apphost_pid=""
stop_platform() {
    local status=$?
    trap - EXIT INT TERM
    if [ -n "$apphost_pid" ] && kill -0 "$apphost_pid" 2>/dev/null; then
        echo "stopping the platform (app host pid $apphost_pid)..."
        kill -TERM "$apphost_pid" 2>/dev/null || true
        local waited=0
        while kill -0 "$apphost_pid" 2>/dev/null && ((waited < 60)); do
            sleep 1
            waited=$((waited + 1))
        done
        if kill -0 "$apphost_pid" 2>/dev/null; then
            echo "the app host did not stop within 60 s; killing it" >&2
            kill -KILL "$apphost_pid" 2>/dev/null || true
        fi
    fi
    [ -n "$apphost_pid" ] && { wait "$apphost_pid" 2>/dev/null || true; }
    # The app host stops everything it started; make sure, using any pids a manifest published (only ours: the
    # command line must name the benchmark's data folder or a Concordat assembly).
    if [ -f "$manifest_copy" ]; then
        local pid
        for pid in $(python3 -c 'import json,sys; print(" ".join(str(r["pid"]) for r in json.load(open(sys.argv[1])) if r.get("pid")))' "$manifest_copy" 2>/dev/null); do
            if [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qE "$data|Concordat\."; then
                echo "warning: pid $pid ($(tr '\0' ' ' <"/proc/$pid/cmdline" | cut -c1-80)) outlived the app host; stopping it" >&2
                kill -TERM "$pid" 2>/dev/null || true
            fi
        done
    fi
    exit "$status"
}
trap stop_platform EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "starting the platform in $data, gateway on 127.0.0.1:$port (log: ${log#"$root"/})..."
# wrk is one anonymous client on loopback sending thousands of requests a second: lift the gateway's rate
# limits far above that (the limiter still runs, so its cost stays in the figures) rather than measure 429s.
CONCORDAT_BENCH_RUN="$marker" AppHost__Dashboard=false AppHost__DataDirectory="$data" AppHost__GatewayUrl="http://127.0.0.1:$port" \
    Gateway__RateLimits__Anonymous__PermitsPerSecond=1000000 Gateway__RateLimits__Anonymous__Burst=1000000 \
    Gateway__RateLimits__PerAddress__PermitsPerSecond=1000000 Gateway__RateLimits__PerAddress__Burst=1000000 \
    dotnet "$apphost" >"$log" 2>&1 &
apphost_pid=$!

started=$SECONDS
until [ -f "$manifest" ] && python3 -c 'import json,sys; names = {r["name"] for r in json.load(open(sys.argv[1]))}; sys.exit(0 if {"cycle", "gateway"} <= names else 1)' "$manifest" 2>/dev/null; do
    if ! kill -0 "$apphost_pid" 2>/dev/null; then
        tail -40 "$log" >&2
        die "the app host exited before the platform was up (log: $log)"
    fi
    if ((SECONDS - started >= start_timeout)); then
        tail -40 "$log" >&2
        die "the platform was not up within $start_timeout s (log: $log)"
    fi
    sleep 1
done
cp "$manifest" "$manifest_copy"
echo "the platform is up after $((SECONDS - started)) s"

url_of() {
    python3 - "$manifest_copy" "$1" <<'PY'
import json, sys
from urllib.parse import urlsplit
resource = next(r for r in json.load(open(sys.argv[1])) if r["name"] == sys.argv[2])
url = resource["url"].rstrip("/")
if urlsplit(url).hostname not in ("127.0.0.1", "localhost", "::1"):
    sys.exit(f"{sys.argv[2]} is at {url}, not on loopback")
if resource["state"] != "Running":
    sys.exit(f"{sys.argv[2]} is {resource['state']}, not Running")
print(url)
PY
}
gateway=$(url_of gateway)
cycle=$(url_of cycle)

# --- the body to read -----------------------------------------------------------------------------
# Writes need a token: a platform administrator's, from the development issuer in the benchmark's data folder.
admin=$(AppHost__DataDirectory="$data" dotnet "$cli" token platform_admin --subject bench-gateway) || die "no token from $cli"
status=$(curl -sS -o "$prefix.created.json" -w '%{http_code}' -X POST "$gateway/api/registry/bodies" \
    -H "Authorization: Bearer $admin" -H 'content-type: application/json' \
    -d '{"name":"Benchmark Partnership","type":"operational","scope":"thematic","tier":"county"}') || die "POST $gateway/api/registry/bodies failed"
[ "$status" = 201 ] || { cat "$prefix.created.json" >&2; echo >&2; die "POST /api/registry/bodies answered $status, not 201"; }
id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$prefix.created.json") \
    || die "the created body has no id: $(cat "$prefix.created.json")"

direct_url="$cycle/api/cycle/bodies/$id"
gateway_url="$gateway/api/cycle/bodies/$id"

echo "registered body $id; waiting for the cycle service to hear of it (through RabbitMQ)..."
waited_from=$SECONDS
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$gateway_url")" = 200 ]; do
    ((SECONDS - waited_from < 60)) || die "GET $gateway_url did not answer 200 within 60 s"
    sleep 0.2
done
status=$(curl -s -o /dev/null -w '%{http_code}' "$direct_url")
[ "$status" = 200 ] || die "GET $direct_url answered $status, not 200"

# --- measure --------------------------------------------------------------------------------------
problems=()
files=()
# CPU accounting, to tell a quiet machine from a busy one: a snapshot of the machine's user+system time and
# of every process's; the share of the machine taken by processes that are not ours (this script, wrk,
# the app host and everything it started) during a run says how far its figures can be trusted. The
# orchestrator starts the services outside this script's process tree, so they are told by the marker
# (CONCORDAT_BENCH_RUN) that every process the app host starts inherits.
cpu_snapshot() { # file
    python3 - "$1" "$data" "$marker" <<'PY'
import json, os, sys
out, data, marker = sys.argv[1], sys.argv[2], ("CONCORDAT_BENCH_RUN=" + sys.argv[3]).encode()
with open("/proc/stat") as f:
    cpu = [int(x) for x in f.readline().split()[1:]]
procs = {}
for pid in os.listdir("/proc"):
    if not pid.isdigit():
        continue
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            cmdline = f.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        continue
    # after the command name: state ppid ... utime(12) stime(13) cutime(14) cstime(15)
    try:
        with open(f"/proc/{pid}/environ", "rb") as f:
            marked = marker in f.read()
    except OSError:
        marked = False
    procs[pid] = [int(fields[1]), int(fields[11]) + int(fields[12]), int(fields[13]) + int(fields[14]), data in cmdline or marked]
json.dump({"cpu": cpu, "procs": procs, "ticks": os.sysconf("SC_CLK_TCK"), "cores": os.cpu_count()}, open(out, "w"))
PY
}
cpu_share() { # before after seconds -> JSON {foreignPct, oursPct, stealPct}
    python3 - "$1" "$2" "$3" "$$" <<'PY'
import json, sys
a, b = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
seconds, script = float(sys.argv[3]), sys.argv[4]
capacity = seconds * b["ticks"] * b["cores"]
cpu = [y - x for x, y in zip(a["cpu"], b["cpu"])]
busy = cpu[0] + cpu[1] + cpu[2]          # user, nice, system (irq time is not charged to processes)
steal = cpu[7] if len(cpu) > 7 else 0
children = {}
for pid, (ppid, *_rest) in b["procs"].items():
    children.setdefault(str(ppid), []).append(pid)
ours, stack = set(), [script] + [pid for pid, p in b["procs"].items() if p[3]]
while stack:
    pid = stack.pop()
    if pid not in ours:
        ours.add(pid)
        stack.extend(children.get(pid, []))
used = 0
for pid in ours:
    if pid in a["procs"] and pid in b["procs"]:
        used += (b["procs"][pid][1] - a["procs"][pid][1]) + (b["procs"][pid][2] - a["procs"][pid][2])
    elif pid in b["procs"]:
        used += b["procs"][pid][1]
pct = lambda ticks: round(100.0 * max(ticks, 0) / capacity, 1)
print(json.dumps({"foreignPct": pct(busy - used), "oursPct": pct(used), "stealPct": pct(steal)}))
PY
}

measure() { # label url duration connections threads tag
    local label=$1 url=$2 time=$3 conns=$4 thr=$5 tag=$6
    local out="$prefix.$label.$tag.txt"
    local before="$prefix.cpu-before.json" after="$prefix.cpu-after.json" started_ns
    cpu_snapshot "$before"
    started_ns=$(date +%s%N)
    if ! wrk -t"$thr" -c"$conns" -d"$time" --latency "$url" >"$out" 2>&1; then
        rm -f "$before"
        problems+=("$label $tag: wrk failed")
        loud "wrk failed on $label ($tag):" "$(tail -5 "$out")"
        return
    fi
    local bad=""
    if grep -qE 'Non-2xx or 3xx responses|Socket errors' "$out"; then
        bad=$(grep -E 'Non-2xx or 3xx responses|Socket errors' "$out" | sed 's/^ *//' | paste -sd';' -)
    elif ! grep -qE '^Requests/sec:' "$out" || grep -qE '^ *0 requests in' "$out"; then
        bad="no requests completed"
    fi
    if [ -n "$bad" ]; then
        problems+=("$label $tag: $bad")
        loud "$label ($tag) saw failures: $bad" "the figures of this run are not valid (raw output: ${out#"$root"/})"
    fi
    cpu_snapshot "$after"
    cpu_share "$before" "$after" "$(( ($(date +%s%N) - started_ns) / 1000000 ))e-3" >"${out%.txt}.cpu.json"
    rm -f "$before" "$after"
    [[ "$tag" == warmup* ]] || files+=("$out")
}

# Is anything else busy? Three seconds with the platform idle.
cpu_snapshot "$prefix.cpu-before.json"
sleep 3
cpu_snapshot "$prefix.cpu-after.json"
idle_check=$(cpu_share "$prefix.cpu-before.json" "$prefix.cpu-after.json" 3)
rm -f "$prefix.cpu-before.json" "$prefix.cpu-after.json"
echo "$idle_check" >"$prefix.idle.cpu.json"
busy_elsewhere=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["foreignPct"])' "$idle_check")
if python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) >= 10 else 1)' "$busy_elsewhere"; then
    loud "other processes are using ${busy_elsewhere}% of the machine's CPU before the benchmark starts;" \
        "the figures will be noisy (see the per-run 'other CPU' column; quieter machine, better figures)"
fi

for round in $(seq 1 "$warmup_rounds"); do
    echo "warm-up $round of $warmup_rounds: direct, gateway at $connections connections ($warmup each, not counted)"
    measure direct "$direct_url" "$warmup" "$connections" "$threads" "warmup$round"
    measure gateway "$gateway_url" "$warmup" "$connections" "$threads" "warmup$round"
done

for round in $(seq 1 "$rounds"); do
    echo "round $round of $rounds: direct, gateway at $connections connections ($duration each)"
    measure direct "$direct_url" "$duration" "$connections" "$threads" "$round"
    measure gateway "$gateway_url" "$duration" "$connections" "$threads" "$round"
    if [ "$single" != 0 ]; then
        echo "round $round of $rounds: direct, gateway at 1 connection ($duration each)"
        measure direct-1 "$direct_url" "$duration" 1 1 "$round"
        measure gateway-1 "$gateway_url" "$duration" 1 1 "$round"
    fi
done

# --- summarise ------------------------------------------------------------------------------------
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if ! git diff --quiet HEAD -- src 2>/dev/null; then commit="$commit+uncommitted src changes"; fi

python3 - "$prefix.json" "$connections" "$threads" "$rounds" "$duration" "$commit" "$stamp" "${#problems[@]}" "${files[@]}" <<'PY'
import json, os, platform, re, statistics, subprocess, sys

out, connections, threads, rounds, duration, commit, stamp, problem_count = sys.argv[1:9]
files = sys.argv[9:]
connections, threads, rounds, problem_count = int(connections), int(threads), int(rounds), int(problem_count)

UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0, "h": 3600000.0}
def ms(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text).groups()
    return float(number) * UNIT_MS[unit]

def parse(path):
    text = open(path).read()
    rps = re.search(r"^Requests/sec:\s+([\d.]+)", text, re.M)
    p50 = re.search(r"^\s+50%\s+(\S+)", text, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", text, re.M)
    if not (rps and p50 and p99):
        return None
    figures = {"rps": float(rps.group(1)), "p50Ms": ms(p50.group(1)), "p99Ms": ms(p99.group(1))}
    try:
        figures["cpu"] = json.load(open(path[:-len(".txt")] + ".cpu.json"))
    except (OSError, ValueError):
        pass
    return figures

runs = {}
for path in files:
    label = os.path.basename(path).split(".")[1]
    figures = parse(path)
    if figures:
        figures["round"] = int(os.path.basename(path).split(".")[2])
        runs.setdefault(label, []).append(figures)

def median(label):
    rs = runs.get(label, [])
    if not rs:
        return None
    return {k: statistics.median(r[k] for r in rs) for k in ("rps", "p50Ms", "p99Ms")}

medians = {label: median(label) for label in ("direct", "gateway", "direct-1", "gateway-1")}
d, g, d1, g1 = (medians[k] for k in ("direct", "gateway", "direct-1", "gateway-1"))
ratio = g["rps"] / d["rps"] if d and g else None
added_saturated = g["p50Ms"] - d["p50Ms"] if d and g else None
added_single = g1["p50Ms"] - d1["p50Ms"] if d1 and g1 else None
# The hop's own latency is the one-connection figure; at saturation the p50 difference is mostly queueing
# behind the CPU the gateway takes from the other processes (Little's law: p50 ~ connections / throughput).
added = added_single if added_single is not None else added_saturated
ratio_ok = ratio is not None and ratio >= 0.75
added_ok = added is not None and added <= 0.5

cores = os.cpu_count()
cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), platform.machine())
try:
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.splitlines()[0]
except Exception:
    wrk_version = "wrk"

def cell(m, key, fmt):
    return format(m[key], fmt) if m else "-"

print()
print(f"Gateway overhead: GET /api/cycle/bodies/{{id}}, medians of {rounds} alternating rounds of {duration}")
print(f"{'':24}{'direct':>10}{'gateway':>10}{'gateway - direct':>20}")
rows = [
    (f"req/s    ({connections} conns)", d, g, "rps", ".0f", f"{ratio:.2f}x direct" if ratio else ""),
    (f"p50 ms   ({connections} conns)", d, g, "p50Ms", ".2f", f"{added_saturated:+.2f} ms" if added_saturated is not None else ""),
    (f"p99 ms   ({connections} conns)", d, g, "p99Ms", ".2f", f"{g['p99Ms'] - d['p99Ms']:+.2f} ms" if d and g else ""),
]
if d1 or g1:
    rows += [
        ("req/s    (1 conn)", d1, g1, "rps", ".0f", f"{g1['rps'] / d1['rps']:.2f}x direct" if d1 and g1 else ""),
        ("p50 ms   (1 conn)", d1, g1, "p50Ms", ".3f", f"{added_single:+.3f} ms" if added_single is not None else ""),
        ("p99 ms   (1 conn)", d1, g1, "p99Ms", ".2f", f"{g1['p99Ms'] - d1['p99Ms']:+.2f} ms" if d1 and g1 else ""),
    ]
for name, a, b, key, fmt, diff in rows:
    print(f"{name:24}{cell(a, key, fmt):>10}{cell(b, key, fmt):>10}{diff:>20}")
print()
if ratio is not None:
    print(f"throughput through the gateway: {ratio:.2f}x direct      target >= 0.75x   {'met' if ratio_ok else 'NOT MET'}")
if added is not None:
    where = "1 connection" if added_single is not None else f"{connections} connections"
    print(f"p50 added per hop ({where}): {added:+.3f} ms   target <= +0.5 ms  {'met' if added_ok else 'NOT MET'}")
print()
other = lambda r: r.get("cpu", {}).get("foreignPct")
print("per round: req/s direct / gateway (ratio), and the machine's CPU taken by other processes during each run")
for label_d, label_g, name in (("direct", "gateway", f"{connections} conns"), ("direct-1", "gateway-1", "1 conn")):
    for a, b in zip(runs.get(label_d, []), runs.get(label_g, [])):
        print(f"  {name:10} round {a['round']}: {a['rps']:6.0f} / {b['rps']:6.0f} ({b['rps'] / a['rps']:.2f}x)"
              f"   other CPU {other(a) if other(a) is not None else '?'}% / {other(b) if other(b) is not None else '?'}%")
busiest = max((other(r) for rs in runs.values() for r in rs if other(r) is not None), default=None)
noisy = busiest is not None and busiest >= 10
print()
if noisy:
    print(f"WARNING: other processes took up to {busiest}% of the machine's CPU during a measured run; these figures")
    print("are disturbed by them (run again on a quiet machine before quoting them).")
    print()
print(f"Note: this machine has {cores} cores ({cpu}). wrk, the gateway, the cycle service and PostgreSQL")
print("share them, so the load generator competes with the servers for CPU, and the gateway path runs one")
print("more .NET server on the same cores. The saturating figures understate both paths and the ratio is")
print("only meaningful within one run; the one-connection p50 is the latency the hop itself adds.")

json.dump({
    "benchmark": "gateway",
    "request": "GET /api/cycle/bodies/{id}",
    "timestamp": stamp,
    "commit": commit,
    "machine": {"cores": cores, "cpu": cpu, "kernel": platform.release()},
    "settings": {"rounds": rounds, "duration": duration, "connections": connections, "threads": threads, "wrk": wrk_version},
    "median": medians,
    "ratio": ratio,
    "addedP50Ms": {"oneConnection": added_single, "saturating": added_saturated},
    "targets": {"ratio": 0.75, "addedP50Ms": 0.5, "ratioMet": ratio_ok, "addedP50Met": added_ok},
    "valid": problem_count == 0,
    "otherCpuMaxPct": busiest,
    "disturbed": noisy,
    "runs": runs,
}, open(out, "w"), indent=2)
print(f"figures: {out}")
PY

if ((${#problems[@]} > 0)); then
    loud "${#problems[@]} wrk run(s) saw failed requests; the figures above are NOT valid:" "${problems[@]}"
    exit 1
fi
