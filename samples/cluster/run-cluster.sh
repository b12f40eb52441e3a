#!/usr/bin/env bash
# One master and two workers of the cluster sample on this machine, each in its own JVM, as on three hosts.
#
#   samples/cluster/run-cluster.sh              start master, worker-1 and worker-2 (builds the jar if missing)
#   samples/cluster/run-cluster.sh --engine redis   the same on the redis engine: a local redis-server on a free
#                                                   port instead of the register (or REDIS_PORT's running Redis)
#   samples/cluster/run-cluster.sh stop         stop every node this script started (workers first), and its Redis
#   samples/cluster/run-cluster.sh stop worker-1    stop one node: its clients move to the other worker
#   samples/cluster/run-cluster.sh worker worker-1  start a worker (again): it takes new clients
#
# The master binds its register, listeners and inner ports to MASTER_IP (127.0.0.2, a loopback address standing in
# for the master host's LAN address); workers open no port and reach it there. Pids, logs and the engine are kept in
# samples/cluster/target/cluster-run/. Environment: MASTER_IP, GATEWAY_SECRET_KEY, JAVA_OPTS, REDIS_PORT (use that
# running Redis on 127.0.0.1 instead of starting one).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="$here/target/jgateway-cluster-exec.jar"
run_dir="$here/target/cluster-run"
pid_file="$run_dir/pids"
engine_file="$run_dir/engine"
master_ip="${MASTER_IP:-127.0.0.2}"
java_opts="${JAVA_OPTS:--Xmx256m}"

die() { echo "run-cluster: $*" >&2; exit 1; }

# The engine of the running cluster ("register" or "redis <port>"), as start wrote it.
engine() { [[ -f "$engine_file" ]] && cat "$engine_file" || echo register; }

# The pid of the redis-server we started, if it is still running and still ours.
redis_pid() {
  local pid
  pid="$(awk '$1 == "redis" { print $2 }' "$pid_file" 2>/dev/null | tail -n 1)"
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && ps -p "$pid" -o args= | grep -q "redis-server"; then
    echo "$pid"
  fi
}

# A redis-server of this cluster on 127.0.0.1, without persistence, on a free port (a random one; another is tried
# when it is taken); the port is printed.
start_redis() {
  if [[ -n "${REDIS_PORT:-}" ]]; then
    echo "$REDIS_PORT"
    return 0
  fi
  command -v redis-server > /dev/null || die "redis-server is not installed: install Redis 7 (Debian/Ubuntu: \
'sudo apt-get install redis-server', macOS: 'brew install redis'), or run a Redis yourself and set REDIS_PORT"
  local port pid attempt
  for attempt in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 40000))
    nohup redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly no --daemonize no \
      > "$run_dir/redis.log" 2>&1 &
    pid=$!
    echo "redis $pid" >> "$pid_file"
    for _ in $(seq 1 40); do
      grep -q "Ready to accept connections" "$run_dir/redis.log" 2>/dev/null && { echo "$port"; return 0; }
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.25
    done
    if kill -0 "$pid" 2>/dev/null; then
      die "redis-server not ready after 10 s (see $run_dir/redis.log)"
    fi
    grep -q "Address already in use" "$run_dir/redis.log" || { tail -n 20 "$run_dir/redis.log" >&2; \
      die "redis-server exited during startup (see $run_dir/redis.log)"; }
  done
  die "no free port found for redis-server after $attempt attempts"
}

# SIGTERM to a process we started, then waits for its exit: NAME PID SECONDS.
terminate() {
  local name="$1" pid="$2" seconds="$3"
  kill -TERM "$pid"
  for _ in $(seq 1 $((seconds * 4))); do
    kill -0 "$pid" 2>/dev/null || { echo "$name stopped"; return 0; }
    sleep 0.25
  done
  die "$name (pid $pid) still running after $seconds s"
}

stop_redis() {
  local pid
  pid="$(redis_pid)"
  [[ -n "$pid" ]] || return 0
  terminate redis-server "$pid" 10
}

# The pid of a node we started, if that process is still our java (pids get reused).
node_pid() {
  local pid
  [[ -f "$pid_file" ]] || return 0
  pid="$(awk -v n="$1" '$1 == n { print $2 }' "$pid_file" 2>/dev/null | tail -n 1)"
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && ps -p "$pid" -o args= | grep -q "jgateway-cluster-exec.jar"; then
    echo "$pid"
  fi
}

# Waits until the node's log says it is ready; fails with the log's tail if it died or took too long.
await_ready() {
  local name="$1" pid="$2" log="$run_dir/$1.log"
  for _ in $(seq 1 120); do
    grep -q "Cluster node ready" "$log" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { tail -n 30 "$log" >&2; die "$name exited during startup (see $log)"; }
    sleep 0.5
  done
  die "$name not ready after 60 s (see $log)"
}

start_node() {
  local name="$1"; shift
  [[ -z "$(node_pid "$name")" ]] || die "$name is already running (pid $(node_pid "$name"))"
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
  nohup java $java_opts -jar "$jar" "$@" > "$run_dir/$name.log" 2>&1 &
  local pid=$!
  echo "$name $pid" >> "$pid_file"
  await_ready "$name" "$pid"
  echo "$name started (pid $pid, log $run_dir/$name.log)"
}

start_worker() {
  local engine
  read -r -a engine <<< "$(engine)"
  if [[ "${engine[0]}" == redis ]]; then
    REDIS_PORT="${engine[1]}" WORKER_NAME="$1" start_node "$1" --spring.profiles.active=worker,redis
  else
    REGISTER_ADDRESS="$master_ip:1236" WORKER_NAME="$1" start_node "$1" --spring.profiles.active=worker
  fi
}

start_master() {
  local engine
  read -r -a engine <<< "$(engine)"
  if [[ "${engine[0]}" == redis ]]; then
    REDIS_PORT="${engine[1]}" LAN_IP="$master_ip" start_node master --spring.profiles.active=master,redis
  else
    LAN_IP="$master_ip" start_node master --spring.profiles.active=master
  fi
}

stop_node() {
  local name="$1" pid
  pid="$(node_pid "$name")"
  [[ -n "$pid" ]] || { echo "$name is not running"; return 0; }
  # SIGTERM: Spring Boot shuts down gracefully; a worker hands its clients over to the other workers.
  terminate "$name" "$pid" 30
}

build_if_needed() {
  if [[ ! -f "$jar" ]]; then
    echo "Building $jar ..."
    (cd "$root" && mvn -B -q -pl samples/cluster -am package -DskipTests)
  fi
}

mkdir -p "$run_dir"
command="${1:-start}"
if [[ "$command" == --engine ]]; then
  [[ "${2:-}" == redis || "${2:-}" == register ]] || die "usage: $0 --engine register|redis"
  requested="$2"
  command=start
else
  requested=register
fi
case "$command" in
  start)
    [[ -z "$(node_pid master)" ]] || die "master is already running (pid $(node_pid master)): '$0 stop' first"
    build_if_needed
    if [[ "$requested" == redis ]]; then
      # Stopped by pid when the script fails from here on, and by 'stop' once the cluster is up.
      trap 'stop_redis' EXIT
      redis_port="$(start_redis)"
      echo "redis $redis_port" > "$engine_file"
      discovery="Redis 127.0.0.1:$redis_port (no register)"
    else
      echo register > "$engine_file"
      discovery="register $master_ip:1236"
    fi
    start_master
    start_worker worker-1
    start_worker worker-2
    trap - EXIT
    cat <<INFO

Cluster up on the $requested engine: $discovery, WebSocket ws://$master_ip:7272/, text $master_ip:8282.
  telnet $master_ip 8282    then type hello, {"type":"join","group":"lobby"}, {"type":"say","group":"lobby","msg":"hi"}
  $0 stop worker-1    watch its clients being answered by worker-2
  $0 worker worker-1  bring it back: new clients go to it
  $0 stop             stop everything
INFO
    ;;
  worker)
    [[ -n "${2:-}" ]] || die "usage: $0 worker NAME"
    [[ -f "$jar" ]] || die "no $jar: run '$0 start' first"
    start_worker "$2"
    ;;
  stop)
    if [[ -n "${2:-}" ]]; then
      stop_node "$2"
    else
      [[ -f "$pid_file" ]] || { echo "nothing started"; exit 0; }
      # Workers first, master last: workers leave gracefully while the gateway still runs.
      for name in $(awk '{ print $1 }' "$pid_file" | sort -u | grep -v -e '^master$' -e '^redis$'); do
        stop_node "$name"
      done
      stop_node master
      # Redis last: the gateways withdraw their state from it as they stop.
      stop_redis
      rm -f "$pid_file" "$engine_file"
    fi
    ;;
  *)
    die "usage: $0 [start | --engine register|redis | stop [NODE] | worker NAME]"
    ;;
esac
