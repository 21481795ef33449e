#!/usr/bin/env bash
# Run a local Mercato cluster: N processes of target/mercato.jar joined into
# one Hazelcast cluster (clustered event bus) on 127.0.0.1.
#
#   scripts/cluster.sh up [N]     build if needed, start the services, start N
#                                 nodes (default 2), wait for
#                                 http://127.0.0.1:8080/health/ready
#   scripts/cluster.sh down       stop every node (SIGTERM, SIGKILL after 30 s)
#   scripts/cluster.sh status     list the nodes (exit 0 if all run, 3 if not)
#
# Node k (1..N) gets:
#   MERCATO_ROLES                  node 1: http (the HTTP edge only)
#                                  node k>=2: domains (every domain verticle,
#                                  no HTTP edge); override per node with
#                                  MERCATO_CLUSTER_ROLES_<k>
#   MERCATO_HTTP_PORT              node 1: ${MERCATO_HTTP_PORT:-8080}; other nodes
#                                  0, or 8080+k-1 when their roles include http
#   MERCATO_HTTP_MANAGEMENT_PORT   ${MERCATO_HTTP_MANAGEMENT_PORT:-9090}+k-1 (GET /metrics on
#                                  127.0.0.1, for nodes whose roles include http)
#   MERCATO_CLUSTER_ENABLED=true   MERCATO_CLUSTER_NAME=mercato-local
#   MERCATO_CLUSTER_PORT           5701+k-1 (Hazelcast member port)
#   MERCATO_CLUSTER_MEMBERS        127.0.0.1:5701,...,127.0.0.1:(5700+N)
#   MERCATO_CLUSTER_EVENT_BUS_PORT 17001+k-1
# Logs .data/logs/node-k.log, pid files .data/cluster/node-k.pid.
# Extra JVM flags for every node: MERCATO_JAVA_OPTS.
set -euo pipefail

# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

CLUSTER_DIR="$MERCATO_DATA/cluster"
CLUSTER_NAME=mercato-local
HZ_BASE_PORT=5701
EB_BASE_PORT=17001
MANAGEMENT_BASE_PORT="${MERCATO_HTTP_MANAGEMENT_PORT:-9090}"
EDGE_PORT="$MERCATO_HTTP_PORT"
READY_TIMEOUT="${MERCATO_CLUSTER_READY_TIMEOUT:-180}"

node_pidfile() { printf '%s/node-%s.pid' "$CLUSTER_DIR" "$1"; }
node_log() { printf '%s/node-%s.log' "$MERCATO_LOGS" "$1"; }

# Node numbers that have a pid file, sorted.
known_nodes() {
  local f
  shopt -s nullglob
  for f in "$CLUSTER_DIR"/node-*.pid; do
    f="${f##*/node-}"
    printf '%s\n' "${f%.pid}"
  done | sort -n
  shopt -u nullglob
}

node_alive() { pidfile_alive "$(node_pidfile "$1")" mercato.jar; }

node_roles() {
  local k="$1" var="MERCATO_CLUSTER_ROLES_$1"
  if [[ -n "${!var:-}" ]]; then
    printf '%s' "${!var}"
  elif ((k == 1)); then
    printf http
  else
    printf domains
  fi
}

node_http_port() {
  local k="$1" roles="$2"
  if ((k == 1)); then
    printf '%s' "$EDGE_PORT"
  elif [[ ",$roles," == *",http,"* ]]; then
    printf '%s' $((EDGE_PORT + k - 1))
  else
    printf 0
  fi
}

describe_node() {
  local k="$1" state pid roles httpp
  pid="$(pid_from_file "$(node_pidfile "$k")")"
  roles="$(cat "$CLUSTER_DIR/node-$k.roles" 2>/dev/null || node_roles "$k")"
  httpp="$(cat "$CLUSTER_DIR/node-$k.http" 2>/dev/null || node_http_port "$k" "$roles")"
  if node_alive "$k"; then state="up  "; else state="down"; fi
  printf 'node-%s  %s  pid %-7s roles=%-12s http=%-5s hazelcast=127.0.0.1:%s eventbus=127.0.0.1:%s log=%s\n' \
    "$k" "$state" "${pid:--}" "$roles" "$httpp" $((HZ_BASE_PORT + k - 1)) $((EB_BASE_PORT + k - 1)) \
    "$(rel "$(node_log "$k")")"
}

cluster_up() {
  local n="${1:-2}"
  if ! [[ "$n" =~ ^[0-9]+$ ]] || ((n < 1 || n > 16)); then
    die "N must be a number from 1 to 16 (got '$n')"
  fi
  ensure_data_dirs
  mkdir -p "$CLUSTER_DIR"
  ensure_java_maven
  command -v curl >/dev/null 2>&1 || apt_install curl

  local k running=()
  for k in $(known_nodes); do
    if node_alive "$k"; then running+=("$k"); else rm -f "$(node_pidfile "$k")"; fi
  done
  if ((${#running[@]})); then
    if ((${#running[@]} != n)) || [[ "${running[*]}" != "$(seq -s ' ' 1 "$n")" ]]; then
      die "a cluster with nodes ${running[*]} is already running; run scripts/cluster.sh down first"
    fi
    info "cluster: $n node(s) already running"
  else
    build_jar_if_needed
    "$MERCATO_SCRIPTS/services.sh" up
    ensure_dev_keys
    # Every port a node binds must be free.
    local p
    for ((k = 1; k <= n; k++)); do
      for p in $((HZ_BASE_PORT + k - 1)) $((EB_BASE_PORT + k - 1)); do
        port_open "$p" && die "port 127.0.0.1:$p is already in use by $(pid_describe "$(port_listener_pid "$p")")"
      done
    done
    port_open "$EDGE_PORT" &&
      die "port 127.0.0.1:$EDGE_PORT is already in use by $(pid_describe "$(port_listener_pid "$EDGE_PORT")") (scripts/run.sh stop?)"

    local members="" roles httpp pid log
    for ((k = 1; k <= n; k++)); do
      members+="${members:+,}127.0.0.1:$((HZ_BASE_PORT + k - 1))"
    done
    # shellcheck disable=SC2206
    local extra=(${MERCATO_JAVA_OPTS:-})
    cd "$MERCATO_ROOT"
    for ((k = 1; k <= n; k++)); do
      roles="$(node_roles "$k")"
      httpp="$(node_http_port "$k" "$roles")"
      log="$(node_log "$k")"
      printf '%s\n' "$roles" >"$CLUSTER_DIR/node-$k.roles"
      printf '%s\n' "$httpp" >"$CLUSTER_DIR/node-$k.http"
      printf '\n==== Mercato: starting node-%s at %s (roles %s) ====\n' "$k" "$(date -Is)" "$roles" >>"$log"
      spawn_detached "$(node_pidfile "$k")" "$log" env \
        MERCATO_ROLES="$roles" \
        MERCATO_HTTP_PORT="$httpp" \
        MERCATO_HTTP_MANAGEMENT_PORT=$((MANAGEMENT_BASE_PORT + k - 1)) \
        MERCATO_CLUSTER_ENABLED=true \
        MERCATO_CLUSTER_NAME="$CLUSTER_NAME" \
        MERCATO_CLUSTER_PORT=$((HZ_BASE_PORT + k - 1)) \
        MERCATO_CLUSTER_MEMBERS="$members" \
        MERCATO_CLUSTER_EVENT_BUS_PORT=$((EB_BASE_PORT + k - 1)) \
        java "${MERCATO_HAZELCAST_JVM_FLAGS[@]}" "${extra[@]}" -jar "$MERCATO_JAR"
      pid="$(pid_from_file "$(node_pidfile "$k")")"
      info "cluster: started node-$k (pid $pid, roles $roles)"
    done
  fi

  local url="http://$MERCATO_HOST:$EDGE_PORT/health/ready" end dead
  end=$((SECONDS + READY_TIMEOUT))
  info "cluster: waiting for $url (up to ${READY_TIMEOUT}s)"
  while ((SECONDS < end)); do
    # Ready means the edge answers and every node finished deploying its roles (a node
    # without an edge says so in its log), so the first request finds its domain.
    [[ "$(http_status "$url")" == 200 ]] && all_nodes_started "$n" && break
    dead=""
    for ((k = 1; k <= n; k++)); do node_alive "$k" || dead+=" node-$k"; done
    if [[ -n "$dead" ]]; then
      for ((k = 1; k <= n; k++)); do node_alive "$k" || tail_log "$(node_log "$k")" 30; done
      die "cluster:$dead exited during startup (logs .data/logs/node-*.log); run scripts/cluster.sh down"
    fi
    sleep 1
  done
  if [[ "$(http_status "$url")" != 200 ]]; then
    tail_log "$(node_log 1)" 30
    die "cluster: $url is not 200 after ${READY_TIMEOUT}s (got $(http_status "$url")); logs .data/logs/node-*.log; run scripts/cluster.sh down"
  fi
  for ((k = 1; k <= n; k++)); do describe_node "$k"; done
  info "Mercato cluster '$CLUSTER_NAME' is up on http://$MERCATO_HOST:$EDGE_PORT with $n node(s) (API docs: /docs, readiness: /health/ready)"
}

# all_nodes_started N -> 0 when each node's log says it started since its last launch.
all_nodes_started() {
  local k
  for ((k = 1; k <= $1; k++)); do
    awk '/==== Mercato: starting/ { started = 0 } /Mercato started in/ { started = 1 } END { exit !started }' \
      "$(node_log "$k")" || return 1
  done
}

cluster_down() {
  local k pid pids=() names=()
  for k in $(known_nodes); do
    pid="$(pid_from_file "$(node_pidfile "$k")")"
    if node_alive "$k"; then
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid")
      names+=("node-$k")
    else
      info "node-$k: not running"
      rm -f "$(node_pidfile "$k")" "$CLUSTER_DIR/node-$k.roles" "$CLUSTER_DIR/node-$k.http"
    fi
  done
  if ((${#pids[@]} == 0)); then
    info "cluster: no node running"
    return 0
  fi
  local i
  for i in "${!pids[@]}"; do
    # All got SIGTERM at once above; stop_pid waits (and SIGKILLs after 30 s).
    stop_pid "${names[$i]}" "${pids[$i]}" 30 || die "${names[$i]} (pid ${pids[$i]}) could not be stopped"
    k="${names[$i]#node-}"
    rm -f "$(node_pidfile "$k")" "$CLUSTER_DIR/node-$k.roles" "$CLUSTER_DIR/node-$k.http"
    info "${names[$i]}: stopped"
  done
}

cluster_status() {
  local k rc=0 any=0
  for k in $(known_nodes); do
    any=1
    describe_node "$k"
    node_alive "$k" || rc=3
  done
  if ((any == 0)); then
    info "cluster: no node running"
    return 3
  fi
  return "$rc"
}

main() {
  local cmd="${1:-up}"
  (($#)) && shift
  case "$cmd" in
    up | start) cluster_up "$@" ;;
    down | stop) cluster_down ;;
    status) cluster_status ;;
    -h | --help | help) sed -n '2,25p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' ;;
    *)
      sed -n '2,25p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
      exit 2 ;;
  esac
}

main "$@"
