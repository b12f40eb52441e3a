#!/usr/bin/env bash
# Starts servers, runs the benchmarks against them, prints tables of medians, stops what it started.
#   benchmarks/bench.sh demo     [suite options]   # samples/demo: all roles in one JVM (7272 / 8282 / 1236)
#   benchmarks/bench.sh ceiling  [suite options]   # the one-hop Netty server (7373 / 8383)
#   benchmarks/bench.sh split    [suite options]   # register+gateway in one JVM, the worker in another (7474 / 8484)
#   benchmarks/bench.sh external PIDS [suite options] # a server you started yourself (e.g. PHP GatewayWorker:
#                                                    # comma-separated pids of all its processes; WS / TEXT env)
#   benchmarks/bench.sh memory demo|ceiling|split [--conns 18000] [--runs 3] [conns options]
#       # memory per idle connection: for ws, ws + uid + group, text, each run on a FRESH server with a fixed,
#       # pre-touched heap (MEM_OPTS), warmed, then idle; raw results and class histograms in
#       # OUT/KIND-<date> (OUT=/tmp/mem-results)
#   benchmarks/bench.sh scale    [--conns 50000] [--protocol ws|text] [--runs 1] [scale options]
#       # register (11436), 3 gateways (lanIp 127.0.0.2-4, ws 17601-3, text 18601-3) and 1 worker in 5 fresh JVMs
#       # per run, then N connections from generator processes, all proven served (echo, sendToAll, say); reports,
#       # medians and server logs in OUT/PROTOCOL-N-<date> (OUT=/tmp/scale-results)
#   benchmarks/bench.sh routed   [--runs 3] [--engines register,redis] [routed options]
#       # 8 gateways (lanIp 127.0.0.2-9, ws 17701-8, inner 12971-8, one event loop each), 1 worker, and a register
#       # (11536) or a redis-server (on a free port) per run; the generator's pusher process pushes sendToUid at a
#       # fixed rate (default 10,000/s for 5 + 20 s). Runs alternate between the engines; reports, medians per engine
#       # and server logs in OUT/<date> (OUT=/tmp/routed-results). JVM options of all its JVMs: ROUTED_OPTS
#       # (default -Xms64m -Xmx128m -XX:+UseSerialGC: ten JVMs share the two cores)
# Suite options (see README): --runs 3 --conns 18000 --only echo,latency,fanout,churn,conns --warmup s --duration s
# SERVER_JAR overrides the demo jar (default samples/demo/target/jgateway-demo-exec.jar, copied first so that a rebuild
# cannot change it under the running server); SERVER_OPTS adds JVM options to the servers (memory mode: MEM_OPTS,
# default -Xms1g -Xmx1g -XX:+AlwaysPreTouch). NICE=-10 runs servers and generator at a higher priority than other
# work on a shared machine (root only).
set -euo pipefail
cd "$(dirname "$0")/.."
TMPS=()
BENCH=$(mktemp --suffix=.jar); TMPS+=("$BENCH"); cp benchmarks/target/jgateway-benchmarks.jar "$BENCH"   # a rebuild must not break a run
MODE=${1:?usage: bench.sh demo|ceiling|split|external [PID]|memory KIND|scale|routed [options]}
shift
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -f "${TMPS[@]}"
}
trap cleanup EXIT

start() { # start LOGFILE command...: runs a server process in the background, remembers its pid
  local log=$1; shift
  nice -n "${NICE:-0}" "$@" >"$log" 2>&1 &
  PIDS+=($!)
}

stop() { # stop PID,PID...: stops server processes started by start, waits for them and forgets them
  local p q left=()
  for p in ${1//,/ }; do kill "$p" 2>/dev/null || true; done
  for p in ${1//,/ }; do wait "$p" 2>/dev/null || true; done
  for q in "${PIDS[@]}"; do [[ ",$1," == *",$q,"* ]] || left+=("$q"); done
  PIDS=("${left[@]}")   # a pid the kernel may hand to somebody else later must not be killed at exit
}

wait_listen() { # wait_listen PID PORT: until process PID listens on PORT (60 s at most). Other people's servers
  # may hold the same port on a shared machine: a connect that succeeds is not proof that ours is up.
  local i
  for i in $(seq 1 300); do
    if ss -ltnpH "sport = :$2" 2>/dev/null | grep -q "pid=$1,"; then return 0; fi
    if ! kill -0 "$1" 2>/dev/null; then echo "server $1 died before listening on $2 (port taken?)" >&2; return 1; fi
    sleep 0.2
  done
  echo "server $1 does not listen on $2 after 60 s" >&2; return 1
}

bench() { nice -n "${NICE:-0}" java -jar "$BENCH" "$@"; }

demo_jar() { # a private copy of the demo jar, made once
  if [[ -z ${DEMO_JAR:-} ]]; then
    DEMO_JAR=$(mktemp --suffix=.jar); TMPS+=("$DEMO_JAR")
    cp "${SERVER_JAR:-samples/demo/target/jgateway-demo-exec.jar}" "$DEMO_JAR"
  fi
}

start_server() { # start_server demo|ceiling|split JVM_OPTS: starts a fresh server; sets SERVER (pids), WS, TEXT
  local opts=$2
  case "$1" in
    demo)
      demo_jar
      start /tmp/bench-demo.log java $opts -jar "$DEMO_JAR"
      SERVER=${PIDS[-1]}; WS=ws://127.0.0.1:7272/; TEXT=tcp://127.0.0.1:8282
      wait_listen "$SERVER" 7272 ;;
    ceiling)
      start /tmp/bench-ceiling.log java $opts -jar "$BENCH" ceiling --ws-port 7373 --text-port 8383
      SERVER=${PIDS[-1]}; WS=ws://127.0.0.1:7373/; TEXT=tcp://127.0.0.1:8383
      wait_listen "$SERVER" 7373 ;;
    split)
      start /tmp/bench-gateway.log java $opts -jar "$BENCH" server --roles register,gateway \
        --ws-port 7474 --text-port 8484 --register-port 1336 --inner-ws-port 2950 --inner-text-port 3950
      SERVER=${PIDS[-1]}
      wait_listen "$SERVER" 7474
      start /tmp/bench-worker.log java $opts -jar "$BENCH" server --roles worker --register 127.0.0.1:1336 ${WORKER_ARGS:-}
      SERVER="$SERVER,${PIDS[-1]}"   # server CPU and memory = gateway JVM + worker JVM
      WS=ws://127.0.0.1:7474/; TEXT=tcp://127.0.0.1:8484
      sleep 2 ;;                      # the worker connects through the register
    *) echo "unknown server $1 (demo|ceiling|split)" >&2; exit 2 ;;
  esac
}

memory() { # memory KIND [--conns N] [--runs R] [conns options]
  local kind=${1:?usage: bench.sh memory demo|ceiling|split [--conns 18000] [--runs 3]}; shift
  local conns=18000 runs=3 extra=()
  while (($#)); do
    case "$1" in
      --conns) conns=$2; shift 2 ;;
      --runs) runs=$2; shift 2 ;;
      *) extra+=("$1"); shift ;;
    esac
  done
  local out opts=${MEM_OPTS:--Xms1g -Xmx1g -XX:+AlwaysPreTouch}
  out=${OUT:-/tmp/mem-results}/$kind-$(date +%Y%m%d-%H%M%S)   # one directory per invocation: the table takes all of it
  mkdir -p "$out"
  echo "memory $kind: $conns connections, $runs fresh server(s) per case, JVM options: $opts"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  local case run file
  for case in ws ws-uid-group text; do
    for run in $(seq 1 "$runs"); do
      start_server "$kind" "$opts"
      # Warm-up: the echo paths of both listeners, then connection set-up with and without bind + join, so that
      # class loading and JIT code of those paths are not counted as per-connection memory of the measured run.
      bench echo --target "$WS" --conns 100 --inflight 10 --warmup 1 --duration 3 >/dev/null
      bench echo --target "$TEXT" --conns 100 --inflight 10 --warmup 1 --duration 3 >/dev/null
      bench conns --target "$WS" --conns "${WARM_CONNS:-2000}" --bind-join --settle 0 >/dev/null
      bench conns --target "$TEXT" --conns "${WARM_CONNS:-2000}" --settle 0 >/dev/null
      sleep "${IDLE:-5}"
      file=$out/$kind-$case-run$run.txt
      case $case in
        ws) bench conns --target "$WS" --pid "$SERVER" --conns "$conns" \
              --histogram "$out/histogram-$kind-$case-run$run.txt" "${extra[@]}" | tee "$file" ;;
        ws-uid-group) bench conns --target "$WS" --pid "$SERVER" --conns "$conns" --bind-join \
              --histogram "$out/histogram-$kind-$case-run$run.txt" "${extra[@]}" | tee "$file" ;;
        text) bench conns --target "$TEXT" --pid "$SERVER" --conns "$conns" \
              --histogram "$out/histogram-$kind-$case-run$run.txt" "${extra[@]}" | tee "$file" ;;
      esac
      echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$file"
      stop "$SERVER"
    done
  done
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  bench memory-table "$out/$kind"-ws-run*.txt "$out/$kind"-ws-uid-group-run*.txt "$out/$kind"-text-run*.txt \
    | tee "$out/table.md"
  echo "raw results, class histograms and the table: $out"
}

scale() { # scale [--conns N] [--protocol ws|text] [--runs R] [scale options]: 5 fresh server JVMs per run
  local conns=50000 protocol=ws runs=1 extra=()
  while (($#)); do
    case "$1" in
      --conns) conns=$2; shift 2 ;;
      --protocol) protocol=$2; shift 2 ;;
      --runs) runs=$2; shift 2 ;;
      *) extra+=("$1"); shift ;;
    esac
  done
  local out run
  out=${OUT:-/tmp/scale-results}/$protocol-$conns-$(date +%Y%m%d-%H%M%S)   # one directory per invocation
  mkdir -p "$out"
  for run in $(seq 1 "$runs"); do
    scale_run "$out/run$run" "$protocol" "$conns" "${extra[@]}"
  done
  echo
  bench medians "$out"/run*.txt | tee "$out/medians.txt"
  echo "reports, medians and the servers' logs: $out"
}

scale_run() { # scale_run OUTPREFIX PROTOCOL CONNS [scale options]: register, 3 gateways, 1 worker, the scenario
  local prefix=$1 protocol=$2 conns=$3 opts=${SERVER_OPTS:-}
  shift 3
  start "$prefix-register.log" java $opts -jar "$BENCH" server --roles register --register-port 11436
  local register=${PIDS[-1]}
  wait_listen "$register" 11436
  local gateways=() targets=() g
  for g in 1 2 3; do
    # One lanIp per gateway stands in for one host each; client, inner and register ports differ as well.
    start "$prefix-gateway$g.log" java $opts -jar "$BENCH" server --roles gateway --name "Scale$g" \
      --lan-ip "127.0.0.$((g + 1))" --register 127.0.0.1:11436 --ws-port $((17600 + g)) --text-port $((18600 + g)) \
      --inner-ws-port $((12960 + g)) --inner-text-port $((13960 + g))
    gateways+=("${PIDS[-1]}")
    if [[ $protocol == text ]]; then targets+=("tcp://127.0.0.1:$((18600 + g))"); else targets+=("ws://127.0.0.1:$((17600 + g))/"); fi
  done
  for g in 1 2 3; do wait_listen "${gateways[g - 1]}" $((17600 + g)); done
  start "$prefix-worker.log" java $opts -jar "$BENCH" server --roles worker --name Scale --register 127.0.0.1:11436
  local worker=${PIDS[-1]} gwpids
  gwpids=$(IFS=,; echo "${gateways[*]}")
  echo "register $register, gateways $gwpids, worker $worker; logs $prefix-*.log"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  bench scale --targets "$(IFS=,; echo "${targets[*]}")" --conns "$conns" \
    --gateway-pids "$gwpids" --worker-pid "$worker" --register-pid "$register" "$@" | tee "$prefix.txt"
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  # Worker first (it finishes the clients' onClose events it holds), then the gateways, then the register: stopping
  # all at once logs lost register connections and unconfirmed events that say nothing about the run.
  stop "$worker"; stop "$gwpids"; stop "$register"
}

free_port() { # a TCP port nobody listens on now, from the ephemeral range's neighbourhood
  local p
  for _ in $(seq 1 100); do
    p=$(shuf -i 20000-29999 -n 1)
    if ! ss -ltnH "sport = :$p" 2>/dev/null | grep -q .; then echo "$p"; return 0; fi
  done
  echo "no free port found" >&2; return 1
}

routed() { # routed [--runs R] [--engines register,redis] [routed options]: fresh servers per run, engines alternating
  local runs=3 engines=register,redis extra=()
  while (($#)); do
    case "$1" in
      --runs) runs=$2; shift 2 ;;
      --engines) engines=$2; shift 2 ;;
      *) extra+=("$1"); shift ;;
    esac
  done
  local out run engine
  out=${OUT:-/tmp/routed-results}/$(date +%Y%m%d-%H%M%S)   # one directory per invocation
  mkdir -p "$out"
  for run in $(seq 1 "$runs"); do
    for engine in ${engines//,/ }; do
      routed_run "$out/$engine-run$run" "$engine" "${extra[@]}"
    done
  done
  echo
  bench medians "$out"/*-run*.txt | tee "$out/medians.txt"
  echo "reports, medians and the servers' logs: $out"
}

routed_run() { # routed_run OUTPREFIX ENGINE [routed options]: store, 8 gateways, 1 worker, the scenario, stop
  local prefix=$1 engine=$2 opts=${ROUTED_OPTS:--Xms64m -Xmx128m -XX:+UseSerialGC} store cluster
  shift 2
  if [[ $engine == redis ]]; then
    local port
    port=$(free_port)
    # No persistence: the engine's state is rebuilt from the gateways, never read back from disk.
    start "$prefix-redis.log" redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no
    store=${PIDS[-1]}
    wait_listen "$store" "$port"
    cluster=(--engine redis --redis "127.0.0.1:$port")
  else
    start "$prefix-register.log" java $opts -jar "$BENCH" server --roles register --register-port 11536 --threads 1
    store=${PIDS[-1]}
    wait_listen "$store" 11536
    cluster=(--engine register --register 127.0.0.1:11536)
  fi
  local gateways=() targets=() g
  for g in 1 2 3 4 5 6 7 8; do
    # One lanIp per gateway stands in for one host each; one WebSocket listener (one gateway address) and one
    # event loop per gateway.
    start "$prefix-gateway$g.log" java $opts -jar "$BENCH" server --roles gateway --name "Routed$g" \
      --listeners ws --lan-ip "127.0.0.$((g + 1))" --ws-port $((17700 + g)) --inner-ws-port $((12970 + g)) \
      --threads 1 "${cluster[@]}"
    gateways+=("${PIDS[-1]}")
    targets+=("ws://127.0.0.1:$((17700 + g))/")
  done
  for g in 1 2 3 4 5 6 7 8; do wait_listen "${gateways[g - 1]}" $((17700 + g)); done
  start "$prefix-worker.log" java $opts -jar "$BENCH" server --roles worker --name Routed --threads 1 "${cluster[@]}"
  local worker=${PIDS[-1]} gwpids
  gwpids=$(IFS=,; echo "${gateways[*]}")
  echo "$engine: store $store, gateways $gwpids, worker $worker; logs $prefix-*.log"
  bench routed --targets "$(IFS=,; echo "${targets[*]}")" --gateway-pids "$gwpids" --worker-pid "$worker" \
    --store-pid "$store" "${cluster[@]}" --pusher-opts "$opts" "$@" | tee "$prefix.txt"
  stop "$worker"; stop "$gwpids"; stop "$store"
}

case "$MODE" in
  demo|ceiling|split)
    start_server "$MODE" "${SERVER_OPTS:-}" ;;
  external)
    SERVER=${1:?external needs the server pid}; shift
    WS=${WS:-ws://127.0.0.1:7272/}; TEXT=${TEXT:-tcp://127.0.0.1:8282} ;;
  memory) memory "$@"; exit 0 ;;
  scale) scale "$@"; exit 0 ;;
  routed) routed "$@"; exit 0 ;;
  *) echo "unknown mode $MODE" >&2; exit 2 ;;
esac
sleep 4
echo "server pid $SERVER, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
nice -n "${NICE:-0}" java -jar "$BENCH" suite --ws "$WS" --text "$TEXT" --pid "$SERVER" "$@"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
