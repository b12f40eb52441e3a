#!/usr/bin/env bash
# Runs the whole suite against one freshly started server and prints the table of medians.
#   benchmarks/bench.sh demo     [suite options]   # samples/demo: all roles in one JVM (7272 / 8282 / 1236)
#   benchmarks/bench.sh ceiling  [suite options]   # the one-hop Netty server (7373 / 8383)
#   benchmarks/bench.sh split    [suite options]   # register+gateway in one JVM, the worker in another (7474 / 8484)
#   benchmarks/bench.sh external PIDS [suite options] # a server you started yourself (e.g. PHP GatewayWorker:
#                                                    # comma-separated pids of all its processes; WS / TEXT env)
# Suite options (see README): --runs 3 --conns 18000 --only echo,latency,fanout,churn,conns --warmup s --duration s
# SERVER_JAR overrides the demo jar (default samples/demo/target/jgateway-demo-exec.jar, copied first so that a rebuild
# cannot change it under the running server); SERVER_OPTS adds JVM options to the servers. NICE=-10 runs servers and
# generator at a higher priority than other work on a shared machine (root only).
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH=$(mktemp --suffix=.jar); cp benchmarks/target/jgateway-benchmarks.jar "$BENCH"   # a rebuild must not break a run
MODE=${1:?usage: bench.sh demo|ceiling|split|external [PID] [suite options]}
shift
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

start() { # start LOGFILE command...: runs the server in the background, remembers its pid
  local log=$1; shift
  nice -n "${NICE:-0}" "$@" >"$log" 2>&1 &
  PIDS+=($!)
}

case "$MODE" in
  demo)
    jar=$(mktemp --suffix=.jar); cp "${SERVER_JAR:-samples/demo/target/jgateway-demo-exec.jar}" "$jar"
    start /tmp/bench-demo.log java ${SERVER_OPTS:-} -jar "$jar"
    SERVER=${PIDS[-1]}; WS=ws://127.0.0.1:7272/; TEXT=tcp://127.0.0.1:8282 ;;
  ceiling)
    start /tmp/bench-ceiling.log java ${SERVER_OPTS:-} -jar "$BENCH" ceiling --ws-port 7373 --text-port 8383
    SERVER=${PIDS[-1]}; WS=ws://127.0.0.1:7373/; TEXT=tcp://127.0.0.1:8383 ;;
  split)
    start /tmp/bench-gateway.log java ${SERVER_OPTS:-} -jar "$BENCH" server --roles register,gateway \
      --ws-port 7474 --text-port 8484 --register-port 1336 --inner-ws-port 2950 --inner-text-port 3950
    SERVER=${PIDS[-1]}; sleep 2
    start /tmp/bench-worker.log java ${SERVER_OPTS:-} -jar "$BENCH" server --roles worker --register 127.0.0.1:1336
    SERVER="$SERVER,${PIDS[-1]}"   # server CPU and RSS = gateway JVM + worker JVM
    WS=ws://127.0.0.1:7474/; TEXT=tcp://127.0.0.1:8484 ;;
  external)
    SERVER=${1:?external needs the server pid}; shift
    WS=${WS:-ws://127.0.0.1:7272/}; TEXT=${TEXT:-tcp://127.0.0.1:8282} ;;
  *) echo "unknown mode $MODE" >&2; exit 2 ;;
esac
sleep 4
echo "server pid $SERVER, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
nice -n "${NICE:-0}" java -jar "$BENCH" suite --ws "$WS" --text "$TEXT" --pid "$SERVER" "$@"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
