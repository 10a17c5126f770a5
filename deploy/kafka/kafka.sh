#!/usr/bin/env bash
# A single-node Apache Kafka 3.9 broker in KRaft mode on 127.0.0.1, for tests, CI and local work.
#   kafka.sh fetch   fetch the broker's jars from Maven Central (pom.xml beside this script)
#   kafka.sh start   fetch if needed, format storage once, start in the background, wait until ready
#   kafka.sh stop    stop gracefully       kafka.sh kill   kill -9 (fault tests)
#   kafka.sh status  exit 0 when running   kafka.sh reset  stop and delete all data
# Environment: KAFKA_PORT (default 19092), KAFKA_CONTROLLER_PORT (19093), KAFKA_RUN_DIR (deploy/kafka/.run).
#   KAFKA_SECURITY=scram: clients must authenticate (SASL_PLAINTEXT, SCRAM-SHA-512) and are
#   authorised by ACLs (StandardAuthorizer, nothing allowed without an ACL); the super user
#   `admin` (password KAFKA_ADMIN_PASSWORD) is created when the storage is formatted, and
#   provision.ts creates the administrations' users, topics and ACLs. The controller listener
#   stays PLAINTEXT on loopback: the broker reaches its own controller through it as ANONYMOUS,
#   which is therefore a super user, and no PLAINTEXT listener is open to clients.
#   KAFKA_NODES=3: a cluster of three nodes (each broker and controller, one KRaft quorum) on
#   client ports KAFKA_PORT, +1, +2 and controller ports KAFKA_CONTROLLER_PORT, +1, +2, every
#   topic replicated three times with min.insync.replicas 2 (producers write with acks=all).
#   kafka.sh kill-node N / start-node N kill -9 and restart one node (fault tests).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
port="${KAFKA_PORT:-19092}"
controller_port="${KAFKA_CONTROLLER_PORT:-19093}"
run_dir="${KAFKA_RUN_DIR:-$here/.run}"
libs="$here/.libs"
pid_file="$run_dir/kafka.pid"
log_file="$run_dir/kafka.out"

running() { [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; }

fetch() {
  if [ ! -f "$libs/.complete" ]; then
    echo "kafka: fetching Apache Kafka from Maven Central" >&2
    mvn -q -B -f "$here/pom.xml" dependency:copy-dependencies
    touch "$libs/.complete"
  fi
}

security="${KAFKA_SECURITY:-none}"

listener_config() {
  if [ "$security" = "scram" ]; then
    if [ -z "${KAFKA_ADMIN_PASSWORD:-}" ]; then echo "kafka: KAFKA_SECURITY=scram needs KAFKA_ADMIN_PASSWORD" >&2; return 1; fi
    cat <<PROPS
listeners=SASL_PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controller_port}
advertised.listeners=SASL_PLAINTEXT://127.0.0.1:${port}
inter.broker.listener.name=SASL_PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="${KAFKA_ADMIN_PASSWORD}";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:admin;User:ANONYMOUS
allow.everyone.if.no.acl.found=false
auto.create.topics.enable=false
PROPS
  else
    cat <<PROPS
listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controller_port}
advertised.listeners=PLAINTEXT://127.0.0.1:${port}
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
auto.create.topics.enable=true
PROPS
  fi
}

write_config() {
  mkdir -p "$run_dir/data"
  local listeners; listeners="$(listener_config)"
  cat > "$run_dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:${controller_port}
controller.listener.names=CONTROLLER
${listeners}
log.dirs=${run_dir}/data
num.partitions=3
offsets.topic.replication.factor=1
offsets.topic.num.partitions=3
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
  chmod 600 "$run_dir/server.properties"
  cat > "$run_dir/log4j.properties" <<PROPS
log4j.rootLogger=WARN, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.server.KafkaRaftServer=INFO
PROPS
}

start() {
  if running; then echo "kafka: already running (pid $(cat "$pid_file")) on 127.0.0.1:${port}"; return 0; fi
  if (exec 3<>"/dev/tcp/127.0.0.1/${port}") 2>/dev/null; then
    echo "kafka: 127.0.0.1:${port} is taken by another process (another broker?); set KAFKA_PORT or stop it" >&2
    return 1
  fi
  fetch
  write_config
  if [ ! -f "$run_dir/data/meta.properties" ]; then
    local id
    id="$(java -Dlog4j.configuration="file:$run_dir/log4j.properties" -cp "$libs/*" kafka.tools.StorageTool random-uuid)"
    local scram=()
    if [ "$security" = "scram" ]; then scram=(--add-scram "SCRAM-SHA-512=[name=admin,password=${KAFKA_ADMIN_PASSWORD}]"); fi
    java -Dlog4j.configuration="file:$run_dir/log4j.properties" -cp "$libs/*" kafka.tools.StorageTool format -t "$id" -c "$run_dir/server.properties" --ignore-formatted "${scram[@]}" >/dev/null
  fi
  : > "$log_file"
  nohup java -Xms256m -Xmx1g -XX:+UseSerialGC -cp "$libs/*" \
    -Dlog4j.configuration="file:$run_dir/log4j.properties" \
    kafka.Kafka "$run_dir/server.properties" >>"$log_file" 2>&1 &
  echo $! > "$pid_file"
  for _ in $(seq 1 120); do
    if grep -q "Kafka Server started" "$log_file"; then
      echo "kafka: started (pid $(cat "$pid_file")) on 127.0.0.1:${port} (security: ${security})"
      return 0
    fi
    if ! running; then echo "kafka: broker exited; see $log_file" >&2; tail -20 "$log_file" >&2; return 1; fi
    sleep 0.5
  done
  echo "kafka: not started after 60 s; see $log_file" >&2
  return 1
}

stop() {
  if ! running; then echo "kafka: not running"; rm -f "$pid_file"; return 0; fi
  local pid; pid="$(cat "$pid_file")"
  kill "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || { rm -f "$pid_file"; echo "kafka: stopped"; return 0; }; sleep 0.5; done
  kill -9 "$pid" 2>/dev/null || true; rm -f "$pid_file"; echo "kafka: killed after 30 s"
}

kill9() {
  if running; then kill -9 "$(cat "$pid_file")"; while running; do sleep 0.1; done; fi
  rm -f "$pid_file"; echo "kafka: killed"
}


# ---- a cluster of KAFKA_NODES nodes (each broker and controller), for replication and fault tests ----
nodes="${KAFKA_NODES:-1}"
node_dir() { echo "$run_dir/node-$1"; }
node_port() { echo $((port + $1 - 1)); }
node_running() { local f; f="$(node_dir "$1")/kafka.pid"; [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null; }

cluster_config() {
  local n="$1" dir voters=""
  dir="$(node_dir "$n")"
  mkdir -p "$dir/data"
  for i in $(seq 1 "$nodes"); do voters="${voters:+$voters,}${i}@127.0.0.1:$((controller_port + i - 1))"; done
  cat > "$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=${n}
controller.quorum.voters=${voters}
controller.listener.names=CONTROLLER
listeners=PLAINTEXT://127.0.0.1:$(node_port "$n"),CONTROLLER://127.0.0.1:$((controller_port + n - 1))
advertised.listeners=PLAINTEXT://127.0.0.1:$(node_port "$n")
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=${dir}/data
num.partitions=3
default.replication.factor=3
min.insync.replicas=2
offsets.topic.replication.factor=3
offsets.topic.num.partitions=3
transaction.state.log.replication.factor=3
transaction.state.log.min.isr=2
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
PROPS
  cp "$run_dir/log4j.properties" "$dir/log4j.properties"
}

start_node() {
  local n="$1" dir
  dir="$(node_dir "$n")"
  if node_running "$n"; then return 0; fi
  : > "$dir/kafka.out"
  nohup java -Xms128m -Xmx512m -XX:+UseSerialGC -cp "$libs/*" \
    -Dlog4j.configuration="file:$dir/log4j.properties" \
    kafka.Kafka "$dir/server.properties" >>"$dir/kafka.out" 2>&1 &
  echo $! > "$dir/kafka.pid"
}

wait_node() {
  local n="$1" dir
  dir="$(node_dir "$n")"
  for _ in $(seq 1 240); do
    if grep -q "Kafka Server started" "$dir/kafka.out"; then return 0; fi
    if ! node_running "$n"; then echo "kafka: node $n exited; see $dir/kafka.out" >&2; tail -20 "$dir/kafka.out" >&2; return 1; fi
    sleep 0.5
  done
  echo "kafka: node $n not started after 120 s; see $dir/kafka.out" >&2
  return 1
}

cluster_start() {
  fetch
  mkdir -p "$run_dir"
  write_config  # the shared log4j.properties
  if [ ! -f "$run_dir/cluster-id" ]; then
    java -Dlog4j.configuration="file:$run_dir/log4j.properties" -cp "$libs/*" kafka.tools.StorageTool random-uuid > "$run_dir/cluster-id"
  fi
  for n in $(seq 1 "$nodes"); do
    cluster_config "$n"
    if [ ! -f "$(node_dir "$n")/data/meta.properties" ]; then
      java -Dlog4j.configuration="file:$run_dir/log4j.properties" -cp "$libs/*" kafka.tools.StorageTool format \
        -t "$(cat "$run_dir/cluster-id")" -c "$(node_dir "$n")/server.properties" --ignore-formatted >/dev/null
    fi
  done
  for n in $(seq 1 "$nodes"); do start_node "$n"; done
  for n in $(seq 1 "$nodes"); do wait_node "$n"; done
  echo "kafka: cluster of $nodes started on 127.0.0.1:$(node_port 1)-$(node_port "$nodes")"
}

stop_node() {
  local n="$1" f pid
  f="$(node_dir "$n")/kafka.pid"
  node_running "$n" || { rm -f "$f"; return 0; }
  pid="$(cat "$f")"; kill "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || { rm -f "$f"; return 0; }; sleep 0.5; done
  kill -9 "$pid" 2>/dev/null || true; rm -f "$f"
}

cluster_stop() {
  for n in $(seq 1 "$nodes"); do stop_node "$n" & done
  wait
  echo "kafka: cluster stopped"
}

kill_node() {
  local n="$1" f
  f="$(node_dir "$n")/kafka.pid"
  if node_running "$n"; then kill -9 "$(cat "$f")"; while node_running "$n"; do sleep 0.1; done; fi
  rm -f "$f"; echo "kafka: node $n killed"
}

if [ "$nodes" -gt 1 ]; then
  case "${1:-}" in
    fetch) fetch ;;
    start) cluster_start ;;
    stop) cluster_stop ;;
    kill-node) kill_node "${2:?node}" ;;
    start-node) start_node "${2:?node}"; wait_node "$2"; echo "kafka: node $2 started" ;;
    reset) cluster_stop; rm -rf "$run_dir" ;;
    *) echo "usage: KAFKA_NODES=$nodes $0 fetch|start|stop|kill-node N|start-node N|reset" >&2; exit 2 ;;
  esac
  exit $?
fi

case "${1:-}" in
  fetch) fetch ;;
  start) start ;;
  stop) stop ;;
  kill) kill9 ;;
  status) running ;;
  reset) stop; rm -rf "$run_dir" ;;
  *) echo "usage: $0 fetch|start|stop|kill|status|reset" >&2; exit 2 ;;
esac
