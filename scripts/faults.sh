#!/usr/bin/env bash
# Inject faults into a running Mercato and check what it held, with figures.
#
#   scripts/faults.sh [--quick] [--keep] [--only NAME,NAME...] [--soak-minutes N]
#   scripts/faults.sh --stop
#
# Starts its OWN services (PostgreSQL, Redis, Kafka, GreenMail: own data, logs and ports
# under .data/faults/, never the development ones on the default ports, which it never
# stops) and its own Mercato nodes, loads the demo data (scripts/demo.sh) plus customers,
# runs bounded checkout and browsing traffic on loopback (curl probes that record every
# answer, and wrk with scripts/bench/scenarios.lua), injects each fault, and prints one
# table: fault | what was held | figures. Faults (names for --only):
#   postgres  PostgreSQL stopped with -m immediate under checkout load, then started
#   redis     Redis stopped for 30 s (catalog and cart reads, rate limits, revoked tokens)
#   kafka     Kafka stopped for 60 s under checkout load (orders, outbox drain, records)
#   smtp      the SMTP server stopped during checkouts (mails queued, each sent once)
#   cpu       both cores saturated by stress-ng (/health/live, blocked event loops)
#   soak      the mixed workload for --soak-minutes (default 15): heap after full GC,
#             open file descriptors, database connections
#   kill9     kill -9 of one of two clustered nodes in the middle of checkouts
#   bus-hang  SIGSTOP of the node that alone runs payment (the edge runs on the other)
#   replica   the standby that catalog, search and review browse from stopped, then its
#             replay paused (the database copied to a second primary and its standby)
# --quick shortens every phase (a smoke check while developing, not figures to quote).
# --keep leaves the faults services (not the nodes) running after the run, to inspect
# them (psql -h 127.0.0.1 -p 55432 -U mercato -d mercato_faults, password mercato);
# --stop stops them again, and only them.
# Exits non-zero when a fault is NOT held. The table is written as JSON to
# .data/faults/faults-<timestamp>.json and .data/faults/latest.json (a Markdown copy in
# latest.md); probe files and node logs are kept in .data/faults/run-<timestamp>/.
#
# Environment (ports of the faults instances; none may be a default port):
#   MERCATO_FAULTS_DB_PORT (55432), MERCATO_FAULTS_DB2_PORT (55433),
#   MERCATO_FAULTS_DB2_REPLICA_PORT (55434), MERCATO_FAULTS_REDIS_PORT (56379),
#   MERCATO_FAULTS_KAFKA_PORT (59092), MERCATO_FAULTS_KAFKA_CONTROLLER_PORT (59093),
#   MERCATO_FAULTS_SMTP_PORT (53025), MERCATO_FAULTS_SMTP_API_PORT (58025),
#   MERCATO_FAULTS_HTTP_PORT (58080; the second node +1), Hazelcast 58701/58702,
#   event bus 58711/58712; MERCATO_FAULTS_JAVA_OPTS (default: scripts/run.sh's, MERCATO_JVM_FLAGS).
set -euo pipefail

# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=faults/probes.sh
source "$MERCATO_SCRIPTS/faults/probes.sh"
# shellcheck source=faults/checks.sh
source "$MERCATO_SCRIPTS/faults/checks.sh"

QUICK=0
KEEP=0
STOP=0
ONLY=""
SOAK_MINUTES=15
while (($#)); do
  case "$1" in
    --quick) QUICK=1 ;;
    --keep) KEEP=1 ;;
    --stop) STOP=1 ;;
    --only) ONLY=",$2,"; shift ;;
    --only=*) ONLY=",${1#--only=}," ;;
    --soak-minutes) SOAK_MINUTES="$2"; shift ;;
    --soak-minutes=*) SOAK_MINUTES="${1#--soak-minutes=}" ;;
    -h | --help) sed -n '2,35p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (try --help)" ;;
  esac
  shift
done
[[ "$SOAK_MINUTES" =~ ^[0-9]+$ ]] && ((SOAK_MINUTES > 0)) || die "--soak-minutes takes a whole number of minutes"

F_PG="${MERCATO_FAULTS_DB_PORT:-55432}"
F_PG2="${MERCATO_FAULTS_DB2_PORT:-55433}"
F_PG2R="${MERCATO_FAULTS_DB2_REPLICA_PORT:-55434}"
F_REDIS="${MERCATO_FAULTS_REDIS_PORT:-56379}"
F_KAFKA="${MERCATO_FAULTS_KAFKA_PORT:-59092}"
F_KAFKA_CTL="${MERCATO_FAULTS_KAFKA_CONTROLLER_PORT:-59093}"
F_SMTP="${MERCATO_FAULTS_SMTP_PORT:-53025}"
F_SMTP_API="${MERCATO_FAULTS_SMTP_API_PORT:-58025}"
F_HTTP="${MERCATO_FAULTS_HTTP_PORT:-58080}"
F_HTTP_B=$((F_HTTP + 1))
HZ_A=58701; HZ_B=58702; EB_A=58711; EB_B=58712
for p in "$F_PG" "$F_PG2" "$F_PG2R" "$F_REDIS" "$F_KAFKA" "$F_KAFKA_CTL" "$F_SMTP" "$F_SMTP_API" "$F_HTTP" "$F_HTTP_B"; do
  case "$p" in
    5432 | 5433 | 5434 | 6379 | 9092 | 9093 | 3025 | 8025 | 8080) die "port $p is a development default: the faults instances need their own" ;;
  esac
done
# shellcheck disable=SC2206
if [[ -n "${MERCATO_FAULTS_JAVA_OPTS:-}" ]]; then JAVA_OPTS=(${MERCATO_FAULTS_JAVA_OPTS}); else JAVA_OPTS=("${MERCATO_JVM_FLAGS[@]}"); fi
DB=mercato_faults
PASSWORD="mercato-demo-2026"
BASE="http://$MERCATO_HOST:$F_HTTP"
BUS_TIMEOUT_MS=10000   # http.busTimeoutMs in conf/mercato.yaml: the nodes run with it
# Unpaid orders of a failed checkout are cancelled this soon. An order asks inventory for
# order.reservationTtlSeconds (inventory's is only the default of a request naming none):
# the nodes get both.
RESERVATION_TTL_S=30
CUSTOMERS=20
ADDRESS='"shippingAddress":{"name":"Fault Buyer","line1":"2 Market St","city":"Berlin","postalCode":"10115","country":"DE"}'

if ((QUICK)); then
  PG_DOWN=8; REDIS_DOWN=10; KAFKA_DOWN=15; SMTP_DOWN=10; CPU_S=10; HANG_S=15; KILL_AFTER=8; WARM_S=20; REPLICA_DOWN=8
else
  PG_DOWN=20; REDIS_DOWN=30; KAFKA_DOWN=60; SMTP_DOWN=30; CPU_S=30; HANG_S=25; KILL_AFTER=15; WARM_S=60; REPLICA_DOWN=20
fi
REPLICA_MAX_LAG_MS=2000 # db.replicaMaxLagMs of the replica fault's node
SOAK_S=$((SOAK_MINUTES * 60))
((QUICK)) && ((SOAK_MINUTES == 15)) && SOAK_S=60

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
F_DATA="$MERCATO_DATA/faults"
RUN_DIR="$F_DATA/run-$STAMP"
DATA="$RUN_DIR/data"
RESULTS="$RUN_DIR/results.jsonl"
STOP_FILE="$RUN_DIR/stop"
LUA="$MERCATO_SCRIPTS/bench/scenarios.lua"
export PGPASSWORD=mercato

wanted() { [[ -z "$ONLY" || "$ONLY" == *",$1,"* ]]; }

# --------------------------------------------------------------- services ----
# services.sh with the faults data folder and ports: it then only ever sees (and stops)
# the instances under .data/faults. The downloaded jars stay shared in .data/lib.
svc() {
  env MERCATO_DATA="$F_DATA" MERCATO_LIB="$MERCATO_LIB" MERCATO_KAFKA_READY_TIMEOUT=300 \
    MERCATO_DB_PORT="$F_PG" MERCATO_DB2_PORT="$F_PG2" MERCATO_DB2_REPLICA_PORT="$F_PG2R" MERCATO_REDIS_PORT="$F_REDIS" MERCATO_KAFKA_PORT="$F_KAFKA" \
    MERCATO_KAFKA_CONTROLLER_PORT="$F_KAFKA_CTL" MERCATO_SMTP_PORT="$F_SMTP" MERCATO_SMTP_API_PORT="$F_SMTP_API" \
    "$MERCATO_SCRIPTS/services.sh" "$@" >>"$RUN_DIR/services.txt" 2>&1 ||
    { tail_log "$RUN_DIR/services.txt"; die "services.sh $* failed for the faults instances"; }
}

pg_bin() { find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin 2>/dev/null | sort -V | tail -n1; }

# The faults PostgreSQL stopped as by a crash: no checkpoint, every connection cut.
pg_crash() {
  runuser -u postgres -- "$(pg_bin)/pg_ctl" -D "$F_DATA/postgres/data" stop -m immediate -w >>"$RUN_DIR/services.txt" 2>&1
}

fresh_services() {
  mkdir -p "$F_DATA"
  svc down
  rm -rf "$F_DATA/postgres" "$F_DATA/postgres2" "$F_DATA/postgres2-replica" "$F_DATA/redis" "$F_DATA/kafka" "$F_DATA/greenmail" "$F_DATA/logs"
  info "services: starting the faults instances (PostgreSQL :$F_PG, Redis :$F_REDIS, Kafka :$F_KAFKA, GreenMail :$F_SMTP/:$F_SMTP_API)"
  svc up
  psql -h "$MERCATO_HOST" -p "$F_PG" -U mercato -d mercato -qAtX -c "CREATE DATABASE $DB OWNER mercato" >/dev/null
}

ensure_tools() {
  ensure_data_dirs
  ensure_java_maven
  local pkgs=()
  command -v wrk >/dev/null 2>&1 || pkgs+=(wrk)
  command -v jq >/dev/null 2>&1 || pkgs+=(jq)
  command -v curl >/dev/null 2>&1 || pkgs+=(curl)
  command -v stress-ng >/dev/null 2>&1 || pkgs+=(stress-ng)
  command -v psql >/dev/null 2>&1 || pkgs+=(postgresql-client)
  if ((${#pkgs[@]})); then apt_install "${pkgs[@]}"; fi
}

# ------------------------------------------------------------------ nodes ----
NODE_PIDS=()
cleanup() {
  local pid
  [[ -d "$RUN_DIR" ]] && touch "$STOP_FILE"
  for pid in "${NODE_PIDS[@]}"; do
    kill -CONT "$pid" 2>/dev/null || true
    stop_pid mercato "$pid" 20 >/dev/null 2>&1 || true
  done
  [[ -n "${WRK_PID:-}" ]] && kill "$WRK_PID" 2>/dev/null || true
  [[ -n "${STRESS_PID:-}" ]] && kill "$STRESS_PID" 2>/dev/null || true
  if [[ -d "$RUN_DIR" ]]; then
    if ((KEEP)); then info "services: kept (--keep); scripts/faults.sh --stop stops them"; else svc down || true; fi
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Where a Mercato process (a node, or the jar's create-admin run by demo.sh) finds the
# faults instances: never the development services.
INSTANCE_ENV=(MERCATO_DB_PORT="$F_PG" MERCATO_DB_DATABASE="$DB" MERCATO_REDIS_URI="redis://$MERCATO_HOST:$F_REDIS/0"
  MERCATO_KAFKA_BOOTSTRAP_SERVERS="$MERCATO_HOST:$F_KAFKA" MERCATO_EMAIL_SMTP_PORT="$F_SMTP")

# start_node NAME ROLES HTTP_PORT [ENV...] -> NODE_PID; the log is $RUN_DIR/NAME.log
start_node() {
  local name="$1" roles="$2" port="$3"
  shift 3
  if [[ "$port" != 0 ]] && port_open "$port"; then die "port $port is in use by $(pid_describe "$(port_listener_pid "$port")")"; fi
  (cd "$MERCATO_ROOT" && spawn_detached "$RUN_DIR/$name.pid" "$RUN_DIR/$name.log" env \
    MERCATO_ROLES="$roles" MERCATO_HTTP_PORT="$port" MERCATO_HTTP_INSTANCES=0 "${INSTANCE_ENV[@]}" \
    MERCATO_HTTP_BUS_TIMEOUT_MS="$BUS_TIMEOUT_MS" \
    MERCATO_ORDER_RESERVATION_TTL_SECONDS="$RESERVATION_TTL_S" MERCATO_INVENTORY_RESERVATION_TTL_SECONDS="$RESERVATION_TTL_S" \
    MERCATO_HTTP_MANAGEMENT_PORT=0 \
    MERCATO_ACCESS_LOG=WARN \
    MERCATO_HTTP_RATE_LIMITS_DEFAULT_CAPACITY=1000000 MERCATO_HTTP_RATE_LIMITS_DEFAULT_REFILL_PER_SECOND=1000000 \
    MERCATO_HTTP_RATE_LIMITS_AUTH_CAPACITY=1000000 MERCATO_HTTP_RATE_LIMITS_AUTH_REFILL_PER_SECOND=1000000 \
    MERCATO_AUTH_ACCESS_TOKEN_MINUTES=240 \
    "$@" java "${MERCATO_HAZELCAST_JVM_FLAGS[@]}" "${JAVA_OPTS[@]}" -jar "$MERCATO_JAR")
  NODE_PID="$(pid_from_file "$RUN_DIR/$name.pid")"
  NODE_PIDS+=("$NODE_PID")
}

# wait_started NAME PID -> the node logged that every role is deployed (and /health/ready
# answers 200 when it has an HTTP port).
wait_started() {
  local name="$1" pid="$2" port="${3:-0}" end=$((SECONDS + 240))
  while ((SECONDS < end)); do
    if grep -q 'Mercato started in' "$RUN_DIR/$name.log" 2>/dev/null &&
        { [[ "$port" == 0 ]] || [[ "$(http_status "http://$MERCATO_HOST:$port/health/ready")" == 200 ]]; }; then
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || { tail_log "$RUN_DIR/$name.log" 40; die "$name (pid $pid) exited during start-up"; }
    sleep 0.5
  done
  tail_log "$RUN_DIR/$name.log" 40
  die "$name is not started after 240 s"
}

stop_node() {
  local pid="$1" p keep=()
  kill -CONT "$pid" 2>/dev/null || true
  stop_pid mercato "$pid" 40 || warn "pid $pid did not stop"
  for p in "${NODE_PIDS[@]}"; do [[ "$p" == "$pid" ]] || keep+=("$p"); done
  NODE_PIDS=("${keep[@]}")
}

CLUSTER_ENV=()
cluster_env() { # NAME HZ-PORT EB-PORT
  CLUSTER_ENV=(MERCATO_CLUSTER_ENABLED=true MERCATO_CLUSTER_NAME="mercato-faults-$$"
    MERCATO_CLUSTER_MEMBERS="$MERCATO_HOST:$HZ_A,$MERCATO_HOST:$HZ_B"
    MERCATO_CLUSTER_PORT="$2" MERCATO_CLUSTER_EVENT_BUS_PORT="$3")
}

# wrk_bg SECONDS SCENARIO CONNECTIONS [URL] -> wrk in the background (WRK_PID), output kept
wrk_bg() {
  env BENCH_SCENARIO="$2" BENCH_DATA="$DATA" BENCH_PASSWORD="$PASSWORD" \
    BENCH_MIX="product:45,list:20,search:12,cart-add:10,cart-view:6,login:3,checkout:2,orders:2" \
    wrk -t1 -c"$3" -d"$1s" --timeout 30s -s "$LUA" "${4:-$BASE}" >"$RUN_DIR/wrk-$2-$1s-$RANDOM.txt" 2>&1 &
  WRK_PID=$!
}
wrk_wait() { [[ -n "${WRK_PID:-}" ]] && wait "$WRK_PID" 2>/dev/null || true; WRK_PID=""; }
wrk_stop() { [[ -n "${WRK_PID:-}" ]] && { kill "$WRK_PID" 2>/dev/null; wait "$WRK_PID" 2>/dev/null; } || true; WRK_PID=""; }

# ------------------------------------------------------------------- data ----
api() { # METHOD PATH TOKEN [BODY] -> body on stdout, status in $API_STATUS
  local args=(-s -X "$1" -o "$RUN_DIR/api.out" -w '%{http_code}' -H 'Content-Type: application/json')
  [[ -n "${3:-}" ]] && args+=(-H "Authorization: Bearer $3")
  [[ -n "${4:-}" ]] && args+=(--data "$4")
  API_STATUS="$(curl "${args[@]}" "$BASE$2")"
  cat "$RUN_DIR/api.out"
}
login() {
  api POST /auth/login "" "$(jq -nc --arg e "$1" --arg p "$PASSWORD" '{email:$e,password:$p}')" | jq -r '.accessToken // empty'
}

# The demo catalogue (scripts/demo.sh), 100,000 units of every product of the stocked
# sellers, and signed-in customers: the files scripts/bench/scenarios.lua reads.
prepare_data() {
  mkdir -p "$DATA"
  env "${INSTANCE_ENV[@]}" "$MERCATO_SCRIPTS/demo.sh" "$BASE" >"$RUN_DIR/demo.txt" 2>&1 || { tail_log "$RUN_DIR/demo.txt"; die "demo.sh failed"; }
  local admin tok wh seller
  admin="$(login admin@mercato.local)"
  [[ -n "$admin" ]] || die "cannot sign in as the demo admin"
  api GET "/products?limit=100" "" | jq -r '.items[].id' >"$DATA/products.txt"
  api GET /categories "" | jq -r '[.. | objects | select(has("id") and has("name")) | .id] | unique | .[]' >"$DATA/categories.txt"
  api GET "/products?limit=100" "" | jq -r '.items[].name' | tr ' ' '\n' | grep -E '^[A-Za-z]{3,}$' | sort -u | head -n 12 >"$DATA/search-words.txt"
  : >"$DATA/stocked.txt"
  for seller in acme@mercato.local globex@mercato.local; do
    tok="$(login "$seller")"
    wh="$(api GET /warehouses "$tok" | jq -r '.items[0].id')"
    seller="$(api GET /profile/me "$tok" | jq -r .id)"
    api GET "/products?seller=$seller&limit=100" "" | jq -r '.items[].id' | sed "s|\$| $wh $tok|" >>"$DATA/stocked.txt"
  done
  local id
  while read -r id wh tok; do
    api PUT "/inventory/product/$id/stock" "$tok" "{\"warehouseId\":\"$wh\",\"onHand\":100000,\"reason\":\"faults stock\"}" >/dev/null
    [[ "$API_STATUS" == 200 ]] || die "stock of $id: $API_STATUS $(cat "$RUN_DIR/api.out")"
  done <"$DATA/stocked.txt"
  cut -d' ' -f1 "$DATA/stocked.txt" >"$DATA/checkout-products.txt"
  head -n 40 "$DATA/checkout-products.txt" >"$DATA/cart-products.txt"
  seq -f "faults-%03g@mercato.local" 1 "$CUSTOMERS" >"$DATA/emails.txt"
  local email
  : >"$DATA/tokens.txt"
  while read -r email; do
    api POST /admin/accounts "$admin" "$(jq -nc --arg e "$email" --arg p "$PASSWORD" \
      '{type:"customer",email:$e,password:$p,name:"Fault Customer",emailVerified:true}')" >/dev/null
    [[ "$API_STATUS" == 201 ]] || die "account $email: $API_STATUS $(cat "$RUN_DIR/api.out")"
    login "$email" >>"$DATA/tokens.txt"
  done <"$DATA/emails.txt"
  info "data: $(wc -l <"$DATA/products.txt") products, $(wc -l <"$DATA/checkout-products.txt") stocked with 100,000 units, $(wc -l <"$DATA/tokens.txt") customers signed in"
}

# ---------------------------------------------------------------- results ----
# row NAME HELD(true|false) WHAT FIGURES DETAIL-JSON
row() {
  jq -nc --arg f "$1" --argjson held "$2" --arg what "$3" --arg fig "$4" --argjson d "$5" \
    '{fault: $f, held: $held, what: $what, figures: $fig, detail: $d}' >>"$RESULTS"
  info "  $1: $([[ "$2" == true ]] && printf held || printf 'NOT held') - $4"
}

finish() {
  local json="$F_DATA/faults-$STAMP.json"
  jq -s --arg stamp "$STAMP" --argjson quick "$QUICK" --argjson soak "$SOAK_S" \
    --arg cpu "$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)" --arg n "$(nproc)" \
    '{stamp: $stamp, quick: ($quick == 1), soak_s: $soak, machine: "\($n) cores, \($cpu)", rows: .}' "$RESULTS" >"$json"
  cp "$json" "$F_DATA/latest.json"
  jq -r '"| fault | held | what was held | figures |", "|---|---|---|---|",
    (.rows[] | "| \(.fault) | \(if .held then "held" else "NOT held" end) | \(.what) | \(.figures) |")' "$json" >"$F_DATA/latest.md"
  printf '\nMercato faults %s%s on %s\n\n' "$STAMP" "$( ((QUICK)) && printf ' (--quick: a smoke check, not figures to quote)')" \
    "$(jq -r .machine "$json")"
  jq -r '.rows[] | [.fault, (if .held then "held" else "NOT held" end), .what, .figures] | @tsv' "$json" |
    awk -F'\t' '{ printf "%-9s %-9s %s\n%19s%s\n", $1, $2, $3, "", $4 }'
  info ""
  info "JSON: $(rel "$json") (and $(rel "$F_DATA/latest.json"), Markdown $(rel "$F_DATA/latest.md")); probes and logs in $(rel "$RUN_DIR")"
  jq -e 'all(.rows[]; .held)' "$json" >/dev/null
}

# ------------------------------------------------------------------ faults ----
# shellcheck source=faults/cases.sh
source "$MERCATO_SCRIPTS/faults/cases.sh"
# shellcheck source=faults/replica.sh
source "$MERCATO_SCRIPTS/faults/replica.sh"

main() {
  mkdir -p "$RUN_DIR"
  if ((STOP)); then
    trap - EXIT
    svc down
    info "services: the faults instances are stopped"
    return 0
  fi
  : >"$RESULTS"
  ensure_tools
  build_jar_if_needed
  ensure_dev_keys
  fresh_services
  info "mercato: starting node A on $BASE (database $DB on :$F_PG)"
  start_node node-a all "$F_HTTP"
  MAIN_PID="$NODE_PID"
  wait_started node-a "$MAIN_PID" "$F_HTTP"
  prepare_data
  # warm the JIT and the caches on every path before anything is measured
  wrk_bg "$((QUICK ? 10 : 30))" mixed 8; wrk_wait
  wanted postgres && fault_postgres
  wanted redis && fault_redis
  wanted kafka && fault_kafka
  wanted smtp && fault_smtp
  wanted cpu && fault_cpu
  wanted soak && fault_soak
  stop_node "$MAIN_PID"
  wanted kill9 && fault_kill9
  wanted bus-hang && fault_bus_hang
  wanted replica && fault_replica
  finish
}

main
