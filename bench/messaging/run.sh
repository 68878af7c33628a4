#!/usr/bin/env bash
# Messaging benchmark (figures, not a test).
#
# Our outbox path against plain MassTransit, side by side in one run, on throwaway PostgreSQL and RabbitMQ
# servers started by `concordat exec` (the same servers `./concordat test` uses):
#   outbox: a body and its BodyRegistered committed together with EF Core (AddIntegrationEvent + SaveChangesAsync),
#           the relay publishing it with confirms, RabbitMQ, an InboxConsumer committing its effect and inbox row;
#   plain:  the same event published with IPublishEndpoint.Publish to its own vhost and consumed by a consumer
#           that does no database work (the ceiling).
# Warms up until the JIT settles, then measures throughput (rounds of EVENTS as fast as PRODUCERS can send,
# alternating the paths) and latency at a fixed offered RATE. Prints the figures, the targets (outbox throughput
# >= 0.5 x plain; outbox p95 < 50 ms at 200 events/s) and published figures for reference, and writes the same
# to bench/results/messaging-<stamp>.txt (git-ignored). See bench/README.md.
#
#   bench/messaging/run.sh
#
# Settings (environment):
#   WARMUP=500          events per path in each warm-up round (discarded)
#   WARMUP_ROUNDS=20    at most this many warm-up rounds; they stop once a round JIT-compiles fewer than 50 methods
#   EVENTS=5000         events per path in each throughput round
#   PRODUCERS=16        concurrent producers in the throughput rounds
#   ROUNDS=3            alternating throughput rounds (outbox, plain, outbox, plain ...)
#   RATE=200,500        offered events/s in the latency phases, one phase per rate and path
#   PHASES=500          times each part of one event is run alone (PhaseSplit; 0 skips it)
#   DURABLE=1           0 runs PostgreSQL with the throwaway settings of the test servers (fsync=off,
#                       synchronous_commit=off); 1 (default) with production durability (both on)
#   DURATION=30         seconds of the latency phase, per path
#   QUORUM_QUEUES=false true declares quorum queues (as on the Kubernetes broker) instead of classic durable ones
#   BUILD=1             0 skips `dotnet build Concordat.slnx -c Release` (use what is built)
#
# Exits non-zero if anything fails (the build, the servers, events not consumed). Missing the targets is
# reported, not an error.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"

warmup=${WARMUP:-500}
warmup_rounds=${WARMUP_ROUNDS:-20}
events=${EVENTS:-5000}
producers=${PRODUCERS:-16}
rounds=${ROUNDS:-3}
rate=${RATE:-200,500}
phases=${PHASES:-500}
duration=${DURATION:-30}
quorum_queues=${QUORUM_QUEUES:-false}
build=${BUILD:-1}
durable=${DURABLE:-1}

die() { echo "error: $*" >&2; exit 1; }

# --- prerequisites ----------------------------------------------------------------------------------
[[ "$warmup" =~ ^[0-9]+$ ]] || die "WARMUP must be a whole number, not '$warmup'"
[[ "$rate" =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] || die "RATE must be positive whole numbers separated by commas, not '$rate'"
[[ "$phases" =~ ^[0-9]+$ ]] || die "PHASES must be a whole number, not '$phases'"
[[ "$durable" =~ ^[01]$ ]] || die "DURABLE must be 0 or 1, not '$durable'"
for setting in "WARMUP_ROUNDS=$warmup_rounds" "EVENTS=$events" "PRODUCERS=$producers" "ROUNDS=$rounds" "DURATION=$duration"; do
    [[ "${setting#*=}" =~ ^[1-9][0-9]*$ ]] || die "${setting%%=*} must be a positive whole number, not '${setting#*=}'"
done
[[ "$quorum_queues" =~ ^(true|false)$ ]] || die "QUORUM_QUEUES must be true or false, not '$quorum_queues'"
command -v dotnet >/dev/null 2>&1 || die "the .NET SDK is needed (dotnet is not on PATH)"

results="$root/bench/results"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
label=$([ "$durable" = 1 ] && echo durable || echo throwaway)$([ "$quorum_queues" = true ] && echo -quorum || true)
out="$results/messaging-$stamp-$label.txt"
mkdir -p "$results"

# --- build ------------------------------------------------------------------------------------------
if [ "$build" != 0 ]; then
    echo "building Concordat.slnx in Release..."
    dotnet build Concordat.slnx -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null || {
        dotnet build Concordat.slnx -c Release -nologo -v quiet -clp:ErrorsOnly >&2 || true
        die "the build failed"
    }
fi
cli="src/Cli/bin/Release/net10.0/Concordat.Cli.dll"
bench="bench/messaging/bin/Release/net10.0/Concordat.Bench.Messaging.dll"
for built in "$cli" "$bench"; do
    [ -f "$built" ] || die "$built is not built (run without BUILD=0)"
done

# --- run --------------------------------------------------------------------------------------------
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if ! git diff --quiet HEAD -- src bench 2>/dev/null; then commit="$commit+uncommitted changes"; fi
{
    echo "bench/messaging/run.sh at commit $commit: WARMUP=$warmup WARMUP_ROUNDS=$warmup_rounds EVENTS=$events PRODUCERS=$producers ROUNDS=$rounds RATE=$rate DURATION=$duration QUORUM_QUEUES=$quorum_queues PHASES=$phases DURABLE=$durable"
    echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown) before the start."
    if [ "$(nproc)" -le 2 ]; then
        echo "On $(nproc) cores the servers (PostgreSQL, RabbitMQ), the relay, the consumers and the load generator all run together."
    fi
} | tee "$out"

# The command line (`concordat exec`) starts the servers, runs the benchmark with CONCORDAT_TEST_* set and stops them, also on Ctrl+C
# (tee ignores the interrupt so the last lines still reach the file).
set +e
servers=()
if [ "$durable" = 1 ]; then servers=(--durable); fi
dotnet "$cli" exec "${servers[@]}" -- dotnet "$bench" \
    --warmup="$warmup" --warmup-rounds="$warmup_rounds" --events="$events" --producers="$producers" \
    --rounds="$rounds" --rate="$rate" --duration="$duration" --quorum-queues="$quorum_queues" --phases="$phases" 2>&1 | tee -i -a "$out"
status=${PIPESTATUS[0]}
set -e

echo "figures: ${out#"$root"/}"
exit "$status"
