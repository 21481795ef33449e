#!/usr/bin/env bash
# Measure Mercato against ceilings taken in the same run, on this machine.
#
#   scripts/bench.sh [--quick] [--reuse] [--only NAME,NAME...]
#
# Brings the services up, builds the jar when stale, starts its own Mercato (own HTTP
# port, own database, own Redis database, logs at WARN, high rate limits), loads the demo
# catalogue into it (scripts/demo.sh) plus bench customers, then runs every scenario
# with wrk after a warm-up, each next to its ceiling (the same wrk threads/connections,
# or pgbench with the same client count), and prints one table. --quick runs each
# scenario for a few seconds (a smoke check of the whole script, not figures to quote).
# --only runs a subset (names as in the table: health, product, list, search, cart-add,
# cart-view, orders, login, checkout, tx-per-order, flash, events, cluster, mixed);
# tx-per-order (PostgreSQL transactions per placed and paid order, also run with checkout)
# needs no ceiling. --reuse keeps the
# bench database, demo data and customer tokens of the previous run (less than 3 hours
# old) instead of making them afresh (quicker while developing; start-up then excludes
# the first migrations, and the data carries the orders of earlier runs).
#
# The table is also written as JSON: .data/bench/bench-<timestamp>.json and
# .data/bench/latest.json; wrk/pgbench outputs and Mercato's log are kept in
# .data/bench/run-<timestamp>/.
#
# Environment:
#   MERCATO_BENCH_PORT       first HTTP port (default 18080; ceiling +10, cluster +20/+21)
#   MERCATO_BENCH_DB         database for the bench instance (default mercato_bench;
#                            dropped and made afresh each run), scratch TPC-B database
#                            <db>_tpcb
#   MERCATO_BENCH_REDIS_DB   Redis database number (default 7)
#   MERCATO_BENCH_SERVICES   auto (default): `scripts/services.sh up`, unless all four
#                            services already answer and belong to another checkout (then
#                            they are used as they are: services.sh would stop and take
#                            them over); up: always services.sh up; external: never
#   MERCATO_BENCH_JAVA_OPTS  JVM flags for Mercato and the C-http ceiling
#                            (default: the ones scripts/run.sh uses, MERCATO_JVM_FLAGS in
#                            scripts/lib/common.sh)
#   MERCATO_BENCH_JFR=1      record the main node with JFR (.data/bench/run-*/mercato.jfr)
#   MERCATO_BENCH_CUSTOMERS  customers created and signed in before the run (default 100;
#                            each costs two argon2 hashes)
set -euo pipefail

# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

QUICK=0
REUSE=0
ONLY=""
while (($#)); do
  case "$1" in
    --quick) QUICK=1 ;;
    --reuse) REUSE=1 ;;
    --only) ONLY=",$2,"; shift ;;
    --only=*) ONLY=",${1#--only=},"; ;;
    -h | --help) sed -n '2,33p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (try --help)" ;;
  esac
  shift
done

PORT="${MERCATO_BENCH_PORT:-18080}"
CEIL_PORT=$((PORT + 10))
EDGE_PORT=$((PORT + 20))
DB="${MERCATO_BENCH_DB:-mercato_bench}"
TPCB_DB="${DB}_tpcb"
REDIS_DB="${MERCATO_BENCH_REDIS_DB:-7}"
CUSTOMERS="${MERCATO_BENCH_CUSTOMERS:-100}"
# shellcheck disable=SC2206
if [[ -n "${MERCATO_BENCH_JAVA_OPTS:-}" ]]; then JAVA_OPTS=(${MERCATO_BENCH_JAVA_OPTS}); else JAVA_OPTS=("${MERCATO_JVM_FLAGS[@]}"); fi
PASSWORD="mercato-demo-2026"
BASE="http://$MERCATO_HOST:$PORT"
NPROC="$(nproc)"
INSTANCES="$NPROC" # http.instances 0 = one per core; the C-http ceiling gets as many
RATE_CAPACITY=1000000
RATE_REFILL=1000000

if ((QUICK)); then
  JIT_WARM=2; WARM=1; DUR=3; TPCB_SCALE=4; KAFKA_RECORDS=30000; EVENTS_BACKLOG=3000
else
  JIT_WARM=60; WARM=10; DUR=15; TPCB_SCALE=32; KAFKA_RECORDS=300000; EVENTS_BACKLOG=30000
fi
TX_DUR=$((DUR > 10 ? DUR : 10)) # tx-per-order: enough orders that the idle correction stays small
# wrk client settings: one pair per kind of scenario, used for the scenario and its ceiling
HTTP_T=2; HTTP_C=64   # health, product, cart, cluster (and C-http)
DB_T=2; DB_C=32       # list (and C-read), checkout, orders, login, mixed (and C-commit)
FLASH_C=200
# the mixed workload: 45% product, 20% list, 12% search, 10% cart add, 6% cart view, 3% login,
# 2% checkout, 2% order list
MIX="product:45,list:20,search:12,cart-add:10,cart-view:6,login:3,checkout:2,orders:2"

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
BENCH_DIR="$MERCATO_DATA/bench"
RUN_DIR="$BENCH_DIR/run-$STAMP"
DATA="$BENCH_DIR/data"
RESULTS="$RUN_DIR/results.jsonl"
LUA="$MERCATO_SCRIPTS/bench/scenarios.lua"
CP_FILE="$MERCATO_ROOT/target/test-classpath.txt"
export PGPASSWORD=mercato

wanted() { [[ -z "$ONLY" || "$ONLY" == *",$1,"* ]]; }
now() { date +%s.%N; }
fsub() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a - b }'; }

# ------------------------------------------------------------------ tools ----
ensure_tools() {
  ensure_data_dirs
  ensure_java_maven
  local pkgs=()
  command -v wrk >/dev/null 2>&1 || pkgs+=(wrk)
  command -v jq >/dev/null 2>&1 || pkgs+=(jq)
  command -v curl >/dev/null 2>&1 || pkgs+=(curl)
  if ! command -v pgbench >/dev/null 2>&1 || ! command -v psql >/dev/null 2>&1; then pkgs+=(postgresql-client postgresql-contrib); fi
  if ((${#pkgs[@]})); then apt_install "${pkgs[@]}"; fi
}

# ---------------------------------------------------------------- services ----
# services.sh takes over services that run from another checkout (it stops them and
# starts its own); a bench must not do that to the checkout that owns them.
FOREIGN_DATA=""
services() {
  local mode="${MERCATO_BENCH_SERVICES:-auto}" port pid other all=1
  if [[ "$mode" == auto ]]; then
    for port in "$MERCATO_DB_PORT" "$MERCATO_REDIS_PORT" "$MERCATO_KAFKA_PORT" "$MERCATO_SMTP_PORT"; do
      if ! port_open "$port"; then all=0; break; fi
      pid="$(port_listener_pid "$port")"
      other="$(foreign_mercato_data "$pid")"
      if [[ -n "$other" ]]; then FOREIGN_DATA="$other"; else [[ "$port" == "$MERCATO_DB_PORT" ]] && all=0; fi
    done
    if ((all)) && [[ -n "$FOREIGN_DATA" ]]; then mode=external; else mode=up; fi
  fi
  if [[ "$mode" == external ]]; then
    info "services: using the running services${FOREIGN_DATA:+ of $FOREIGN_DATA} as they are (MERCATO_BENCH_SERVICES=up to run scripts/services.sh up)"
    for port in "$MERCATO_DB_PORT" "$MERCATO_REDIS_PORT" "$MERCATO_KAFKA_PORT" "$MERCATO_SMTP_PORT" \
        $(wanted cluster && printf '%s %s' "$MERCATO_DB2_PORT" "$MERCATO_DB2_REPLICA_PORT"); do
      port_open "$port" || die "services: nothing answers on 127.0.0.1:$port"
    done
  else
    # the cluster row puts domains on the second PostgreSQL primary and its standby
    "$MERCATO_SCRIPTS/services.sh" up postgres redis kafka greenmail $(wanted cluster && printf 'postgres2 postgres2-replica')
  fi
}

kafka_lib() {
  local d
  for d in "$MERCATO_LIB/kafka" ${FOREIGN_DATA:+"$FOREIGN_DATA/lib/kafka"}; do
    if [[ -f "$d/.complete" ]]; then printf '%s' "$d"; return 0; fi
  done
  maven_fetch "$MERCATO_SCRIPTS/services/kafka-pom.xml" "$MERCATO_LIB/kafka"
  printf '%s' "$MERCATO_LIB/kafka"
}

# ------------------------------------------------------------------ build ----
build() {
  build_jar_if_needed
  # the test classes serve the C-http ceiling and the search SQL dump only
  if ! { wanted health || wanted product || wanted cart-add || wanted cart-view || wanted search; }; then return 0; fi
  if [[ ! -s "$CP_FILE" || ! -f "$MERCATO_ROOT/target/test-classes/mercato/bench/HttpCeiling.class" ||
        "$MERCATO_ROOT/pom.xml" -nt "$CP_FILE" ||
        -n "$(find "$MERCATO_ROOT/src/test" -newer "$CP_FILE" -print -quit 2>/dev/null)" ]]; then
    info "build: test classes and classpath for the C-http ceiling"
    (cd "$MERCATO_ROOT" && mvn -B -q -ntp test-compile dependency:build-classpath \
      -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test) >"$RUN_DIR/build.log" 2>&1 ||
      { tail_log "$RUN_DIR/build.log"; die "test-compile failed"; }
  fi
}

# --------------------------------------------------------------- database ----
psql_app() { psql -h "$MERCATO_HOST" -p "$MERCATO_DB_PORT" -U mercato -v ON_ERROR_STOP=1 -qAtX "$@"; }

fresh_database() {
  psql_app -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1
  psql_app -d postgres -c "CREATE DATABASE $DB OWNER mercato" >/dev/null
  info "database: $DB made afresh"
}

# -------------------------------------------------------------- processes ----
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid" 2>/dev/null || true; fi
  done
  for pid in "${PIDS[@]}"; do stop_pid bench "$pid" 20 >/dev/null 2>&1 || true; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

forget_pid() {
  local p keep=()
  for p in "${PIDS[@]}"; do [[ "$p" == "$1" ]] || keep+=("$p"); done
  PIDS=("${keep[@]}")
}

# mercato_env ROLES HTTP_PORT -> prints env assignments for one bench node
MERCATO_ENV=()
mercato_env() {
  MERCATO_ENV=(
    MERCATO_ROLES="$1"
    MERCATO_HTTP_PORT="$2"
    MERCATO_HTTP_MANAGEMENT_PORT=0   # any free port: several bench nodes share the machine
    MERCATO_HTTP_INSTANCES=0
    MERCATO_DB_DATABASE="$DB"
    MERCATO_REDIS_URI="redis://$MERCATO_HOST:$MERCATO_REDIS_PORT/$REDIS_DB"
    MERCATO_LOG_LEVEL=WARN
    MERCATO_ACCESS_LOG=WARN
    # rate limits out of the way: one client IP makes every request
    MERCATO_HTTP_RATE_LIMITS_DEFAULT_CAPACITY="$RATE_CAPACITY"
    MERCATO_HTTP_RATE_LIMITS_DEFAULT_REFILL_PER_SECOND="$RATE_REFILL"
    MERCATO_HTTP_RATE_LIMITS_AUTH_CAPACITY="$RATE_CAPACITY"
    MERCATO_HTTP_RATE_LIMITS_AUTH_REFILL_PER_SECOND="$RATE_REFILL"
    # tokens are minted once before the run; the full run outlasts the 15-minute default
    MERCATO_AUTH_ACCESS_TOKEN_MINUTES=240
  )
}

# start_node NAME ROLES HTTP_PORT [EXTRA-ENV...] -> NODE_PID, NODE_START_S (to /health/ready)
start_node() {
  local name="$1" roles="$2" port="$3" log="$RUN_DIR/$1.log" t0 rc=0
  shift 3
  port_open "$port" && die "port $port is in use by $(pid_describe "$(port_listener_pid "$port")"); set MERCATO_BENCH_PORT"
  mercato_env "$roles" "$port"
  local JFR=()
  # MERCATO_BENCH_JFR=1: a flight recording (JFR's low-overhead default settings) of the main node
  [[ "${MERCATO_BENCH_JFR:-0}" == 1 && "$name" == mercato ]] &&
    JFR=("-XX:StartFlightRecording=filename=$RUN_DIR/mercato.jfr,settings=default,dumponexit=true")
  t0="$(now)"
  (cd "$MERCATO_ROOT" && spawn_detached "$RUN_DIR/$name.pid" "$log" env "${MERCATO_ENV[@]}" "$@" \
    java "${MERCATO_HAZELCAST_JVM_FLAGS[@]}" "${JAVA_OPTS[@]}" "${JFR[@]}" -jar "$MERCATO_JAR")
  NODE_PID="$(pid_from_file "$RUN_DIR/$name.pid")"
  PIDS+=("$NODE_PID")
}

wait_ready() {
  local url="$1" pid="$2" t0="$3" timeout="${4:-180}" end
  end=$((SECONDS + timeout))
  while ((SECONDS < end)); do
    [[ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$url/health/ready" 2>/dev/null || true)" == 200 ]] && {
      READY_S="$(fsub "$(now)" "$t0")"; return 0; }
    kill -0 "$pid" 2>/dev/null || { tail_log "${5:-/dev/null}" 40; die "Mercato (pid $pid) exited during start-up"; }
    sleep 0.1
  done
  die "Mercato is not ready on $url after ${timeout}s"
}

stop_node() {
  stop_pid mercato "$1" 40 || warn "pid $1 did not stop"
  forget_pid "$1"
}

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
CLK_TCK="$(getconf CLK_TCK)"

# ------------------------------------------------------------------- data ----
api() { # METHOD PATH TOKEN [BODY] -> body on stdout, status in $RUN_DIR/status
  local args=(-s -X "$1" -o "$RUN_DIR/api.out" -w '%{http_code}' -H 'Content-Type: application/json')
  [[ -n "${3:-}" ]] && args+=(-H "Authorization: Bearer $3")
  [[ -n "${4:-}" ]] && args+=(--data "$4")
  curl "${args[@]}" "$BASE$2" >"$RUN_DIR/status"
  cat "$RUN_DIR/api.out"
}
login() {
  api POST /auth/login "" "$(jq -nc --arg e "$1" --arg p "$PASSWORD" '{email:$e,password:$p}')" | jq -r '.accessToken // empty'
}

prepare_data() {
  mkdir -p "$DATA"
  local admin acme globex seller wh ids cursor i
  admin="$(login admin@mercato.local)"
  [[ -n "$admin" ]] || die "cannot sign in as the demo admin"
  # every active product (the read scenarios pick among them at random)
  : >"$DATA/products.txt"
  cursor=""
  while :; do
    api GET "/products?limit=100${cursor:+&cursor=$cursor}" "" >"$RUN_DIR/page.json"
    jq -r '.items[].id' "$RUN_DIR/page.json" >>"$DATA/products.txt"
    cursor="$(jq -r '.nextCursor // empty' "$RUN_DIR/page.json")"
    [[ -n "$cursor" ]] || break
  done
  api GET /categories "" | jq -r '[.. | objects | select(has("id") and has("name")) | .id] | unique | .[]' >"$DATA/categories.txt"
  # search words: the words of the catalogue's product names (the search scenario picks among them)
  api GET "/products?limit=100" "" | jq -r '.items[].name' | tr ' ' '\n' | grep -E '^[A-Za-z]{3,}$' \
    | sort -u | head -n 12 >"$DATA/search-words.txt"
  # stock: the stocked sellers' products get plenty, so checkout never runs out
  : >"$DATA/stocked.txt"
  for seller in acme@mercato.local globex@mercato.local; do
    acme="$(login "$seller")"
    wh="$(api GET /warehouses "$acme" | jq -r '.items[0].id')"
    seller="$(api GET /profile/me "$acme" | jq -r .id)"
    cursor=""
    while :; do
      api GET "/products?seller=$seller&limit=100${cursor:+&cursor=$cursor}" "" >"$RUN_DIR/page.json"
      jq -r '.items[].id' "$RUN_DIR/page.json" | sed "s|\$| $wh $acme|" >>"$DATA/stocked.txt"
      cursor="$(jq -r '.nextCursor // empty' "$RUN_DIR/page.json")"
      [[ -n "$cursor" ]] || break
    done
  done
  # shellcheck disable=SC2016
  xargs -P 4 -L 1 bash -c 'curl -s -o /dev/null -w "%{http_code}\n" -X PUT "$0/inventory/product/$1/stock" \
      -H "Authorization: Bearer $3" -H "Content-Type: application/json" \
      --data "{\"warehouseId\":\"$2\",\"onHand\":1000000,\"reason\":\"bench stock\"}"' "$BASE" \
    <"$DATA/stocked.txt" | sort | uniq -c >"$RUN_DIR/stock-status.txt"
  grep -qv ' 200$' "$RUN_DIR/stock-status.txt" && warn "some stock updates failed: $(tr '\n' ' ' <"$RUN_DIR/stock-status.txt")"
  cut -d' ' -f1 "$DATA/stocked.txt" >"$RUN_DIR/stocked-ids.txt"
  # 10 hot products for the flash sale, 10 more for the sell-out check, 40 for carts
  # (a cart holds at most 50 lines), the rest for checkout
  shuf --random-source=<(yes) "$RUN_DIR/stocked-ids.txt" >"$RUN_DIR/shuffled.txt"
  sed -n '1,10p' "$RUN_DIR/shuffled.txt" >"$DATA/hot-products.txt"
  sed -n '11,20p' "$RUN_DIR/shuffled.txt" >"$DATA/sellout-products.txt"
  sed -n '21,60p' "$RUN_DIR/shuffled.txt" >"$DATA/cart-products.txt"
  sed -n '21,$p' "$RUN_DIR/shuffled.txt" >"$DATA/checkout-products.txt"
  : >"$DATA/sellout-stock.txt"
  for i in $(cat "$DATA/sellout-products.txt"); do grep "^$i " "$DATA/stocked.txt" >>"$DATA/sellout-stock.txt"; done

  # customers: made by the admin with a verified email, then signed in once each (argon2)
  seq -f "bench-%04g@mercato.local" 1 "$CUSTOMERS" >"$DATA/emails.txt"
  # shellcheck disable=SC2016
  xargs -P "$NPROC" -I{} bash -c 'curl -s -o /dev/null -w "%{http_code}\n" -X POST "$0/admin/accounts" \
      -H "Authorization: Bearer $1" -H "Content-Type: application/json" \
      --data "{\"type\":\"customer\",\"email\":\"{}\",\"password\":\"$2\",\"name\":\"Bench Customer\",\"emailVerified\":true}"' \
      "$BASE" "$admin" "$PASSWORD" <"$DATA/emails.txt" | sort | uniq -c >"$RUN_DIR/accounts-status.txt"
  # shellcheck disable=SC2016
  xargs -P "$NPROC" -I{} bash -c 'curl -s -X POST "$0/auth/login" -H "Content-Type: application/json" \
      --data "{\"email\":\"{}\",\"password\":\"$1\"}" | jq -r ".accessToken // empty"' "$BASE" "$PASSWORD" \
      <"$DATA/emails.txt" | grep -v '^$' >"$DATA/tokens.txt" || true
  (($(wc -l <"$DATA/tokens.txt") > 0)) || die "no customer could sign in ($(tr '\n' ' ' <"$RUN_DIR/accounts-status.txt"))"
  info "data: $(wc -l <"$DATA/products.txt") products, $(wc -l <"$DATA/categories.txt") categories, $(wc -l <"$DATA/stocked.txt") stocked with 1,000,000 units, $(wc -l <"$DATA/tokens.txt") customers signed in"
}

# ---------------------------------------------------------------- results ----
# record NAME JSON-OBJECT -> one line of results
record() { jq -c --arg n "$1" '. + {scenario: $n}' <<<"$2" >>"$RESULTS"; }
skip() {
  info "skip: $1: $2"
  record "$1" "$(jq -nc --arg r "$2" '{skipped: $r}')"
}
# annotate NAME JSON -> merge JSON into that scenario's row
annotate() {
  jq -c --arg n "$1" --argjson x "$2" 'if .scenario == $n then . + $x else . end' "$RESULTS" >"$RESULTS.tmp"
  mv "$RESULTS.tmp" "$RESULTS"
}
result() { jq -c --arg n "$1" 'select(.scenario == $n)' "$RESULTS" | tail -n1; }
field() { result "$1" | jq -r ".$2 // empty"; }

# wrk_run NAME URL THREADS CONNS DURATION SCENARIO [ENV...] -> WRK (the BENCH json), output kept
wrk_run() {
  local name="$1" url="$2" t="$3" c="$4" d="$5" scenario="$6" out
  shift 6
  out="$RUN_DIR/wrk-$name.txt"
  env BENCH_SCENARIO="$scenario" BENCH_DATA="$DATA" BENCH_PASSWORD="$PASSWORD" "$@" \
    wrk -t"$t" -c"$c" -d"${d}s" --timeout 10s --latency -s "$LUA" "$url" >"$out" 2>&1 || true
  WRK="$(sed -n 's/^BENCH //p' "$out" | tail -n1)"
  [[ -n "$WRK" ]] || { tail_log "$out"; die "wrk gave no result for $name"; }
}

# quiesce: waits (at most a minute) until the events of earlier scenarios are delivered, so
# their relays and subscribers do not run during the next measurement
quiesce() {
  local on="${1:-psql_app}" sql="" schema pending end=$((SECONDS + 60))
  for schema in $("$on" -d "$DB" -c "SELECT table_schema FROM information_schema.tables WHERE table_name = 'outbox_delivery'"); do
    sql+="${sql:+ + }(SELECT count(*) FROM \"$schema\".outbox_delivery WHERE status = 'pending' AND next_attempt_at <= now())"
  done
  [[ -n "$sql" ]] || return 0
  while ((SECONDS < end)); do
    pending="$("$on" -d "$DB" -c "SELECT $sql")"
    ((pending == 0)) && return 0
    sleep 0.5
  done
  warn "events still pending after a minute ($pending deliveries); measuring anyway"
}

# scenario NAME URL THREADS CONNS SCENARIO CEILING TARGET PID [ENV...]: warm-up, measure, record
scenario() {
  local name="$1" url="$2" t="$3" c="$4" sc="$5" ceiling="$6" target="$7" pid="$8" c0 c1 t0 t1
  shift 8
  [[ "$name" == cluster ]] || quiesce
  wrk_run "$name-warmup" "$url" "$t" "$c" "$WARM" "$sc" "$@"
  c0="$(cpu_ticks "$pid")"; t0="$(now)"
  wrk_run "$name" "$url" "$t" "$c" "$DUR" "$sc" "$@"
  c1="$(cpu_ticks "$pid")"; t1="$(now)"
  record "$name" "$(jq -c --arg ceil "$ceiling" --argjson target "$target" --argjson t "$t" --argjson c "$c" \
    --argjson cpu "$(awk -v a="$c0" -v b="$c1" -v h="$CLK_TCK" 'BEGIN { printf "%.3f", (b - a) / h }')" '
    . as $w | {
      rps: ($w.requests / ($w.duration_us / 1e6)),
      ops_per_s: ($w.ops / ($w.duration_us / 1e6)),
      orders_per_s: ($w.orders / ($w.duration_us / 1e6)),
      p50_ms: ($w.p50_us / 1000), p99_ms: ($w.p99_us / 1000),
      errors: (([$w.status_errors, $w.non2xx] | max) + $w.connect + $w.read + $w.write + $w.timeout),
      requests: $w.requests, cpu_s: $cpu,
      unavailable: ($w.unavailable // 0), unavailable_share: (if $w.requests > 0 then ($w.unavailable // 0) / $w.requests else null end),
      req_per_cpu_s: (if $cpu > 0 then $w.requests / $cpu else null end),
      ceiling: $ceil, target: $target, client: "wrk -t\($t) -c\($c)", wrk: $w }' <<<"$WRK")"
  printf '  %-10s %10.0f req/s  p50 %6.2f ms  p99 %7.2f ms  errors %s\n' "$name" \
    "$(field "$name" rps)" "$(field "$name" p50_ms)" "$(field "$name" p99_ms)" "$(field "$name" errors)"
}

# xact_commits: committed transactions of the bench database so far (pg_stat_database;
# every autocommit statement is one). Only the bench database: other databases on a shared
# server carry other work. A backend reports its counts when idle, at the latest 10 s after
# its last statement (PostgreSQL 15), so callers let the pool settle first.
STATS_SETTLE=11
xact_commits() { "${1:-psql_app}" -d "$DB" -c "SELECT coalesce(sum(xact_commit), 0) FROM pg_stat_database WHERE datname = '$DB'"; }

# tx_per_order: PostgreSQL transactions per placed and paid order. The checkout chain runs
# for the measured duration between two settled counts, its events delivered (quiesce) before
# the second; what the idle node commits in as long (relay sweeps, expiry sweeps) is taken
# off. The figure does not depend on load, unlike the scenario's time ratios.
# pg_cpu_ticks [CLUSTER]: CPU ticks (user + system) of a PostgreSQL of services.sh so far (postgres: the one on $MERCATO_DB_PORT): the
# postmaster and its children (backends, WAL writer, checkpointer, autovacuum); 0 when its
# pid file cannot be read. A child that exits within a window takes its ticks with it.
pg_cpu_ticks() {
  local file="${FOREIGN_DATA:-$MERCATO_DATA}/${1:-postgres}/data/postmaster.pid" pp p sum=0
  pp="$(head -1 "$file" 2>/dev/null || true)"
  [[ -n "$pp" ]] || { echo 0; return; }
  for p in "$pp" $(pgrep -P "$pp" 2>/dev/null || true); do sum=$((sum + $(cpu_ticks "$p"))); done
  echo "$sum"
}
wal_lsn() { psql_app -d "$DB" -c "SELECT pg_current_wal_lsn()"; }

tx_per_order() {
  local x0 x1 xa xb t0 t1 idle_s orders ca cb c0 c1 idle_cpu w0 w1
  quiesce; sleep "$STATS_SETTLE"
  xa="$(xact_commits)"; ca="$(pg_cpu_ticks)"; sleep "$STATS_SETTLE"; xb="$(xact_commits)"; cb="$(pg_cpu_ticks)"
  idle_s="$(awk -v a="$xa" -v b="$xb" -v s="$STATS_SETTLE" 'BEGIN { printf "%.3f", (b - a) / s }')"
  idle_cpu="$(awk -v a="$ca" -v b="$cb" -v s="$STATS_SETTLE" -v h="$CLK_TCK" 'BEGIN { printf "%.4f", (b - a) / h / s }')"
  x0="$xb"; c0="$cb"; w0="$(wal_lsn)"; t0="$(now)"
  wrk_run tx-per-order "$BASE" "$DB_T" "$DB_C" "$TX_DUR" checkout
  orders="$(jq -r '.orders' <<<"$WRK")"
  quiesce; sleep "$STATS_SETTLE"
  x1="$(xact_commits)"; c1="$(pg_cpu_ticks)"; w1="$(wal_lsn)"; t1="$(now)"
  local wal
  wal="$(psql_app -d "$DB" -c "SELECT pg_wal_lsn_diff('$w1', '$w0')::bigint")"
  record tx-per-order "$(jq -nc --argjson x0 "$x0" --argjson x1 "$x1" --argjson o "$orders" --argjson idle "$idle_s" \
    --argjson s "$(fsub "$t1" "$t0")" --argjson cpu "$(awk -v a="$c0" -v b="$c1" -v h="$CLK_TCK" 'BEGIN { printf "%.3f", (b - a) / h }')" \
    --argjson idlecpu "$idle_cpu" --argjson wal "$wal" '
    ($x1 - $x0 - $idle * $s) as $net | ($cpu - $idlecpu * $s) as $netcpu | {
      value: (if $o > 0 then $net / $o else null end), unit: "tx/order", target_max: 10,
      orders: $o, xact_commit: ($x1 - $x0), idle_tx_per_s: $idle, window_s: $s,
      raw_per_order: (if $o > 0 then ($x1 - $x0) / $o else null end),
      pg_cpu_s: $cpu, pg_idle_cpu_per_s: $idlecpu,
      pg_cpu_ms_per_order: (if $o > 0 and $cpu > 0 then $netcpu * 1000 / $o else null end),
      wal_bytes_per_order: (if $o > 0 then $wal / $o else null end),
      client: "checkout chain, wrk -t'"$DB_T"' -c'"$DB_C"'; pg_stat_database.xact_commit of the bench database; PostgreSQL CPU from /proc; WAL from pg_current_wal_lsn (the whole server)"}')"
  printf '  %-10s %10.1f PostgreSQL transactions per placed and paid order (%s orders, idle %s tx/s taken off)\n' \
    tx/order "$(field tx-per-order value)" "$orders" "$idle_s"
  printf '  %-10s %10s ms of PostgreSQL CPU and %s bytes of WAL per order\n' pg/order \
    "$(field tx-per-order pg_cpu_ms_per_order)" "$(field tx-per-order wal_bytes_per_order)"
}

# -------------------------------------------------------------- ceilings ----
c_http() {
  local pid
  # shellcheck disable=SC2046
  (cd "$MERCATO_ROOT" && spawn_detached "$RUN_DIR/c-http.pid" "$RUN_DIR/c-http.log" \
    java "${JAVA_OPTS[@]}" -cp "target/test-classes:target/classes:$(cat "$CP_FILE")" \
    mercato.bench.HttpCeiling "$CEIL_PORT" "$INSTANCES")
  pid="$(pid_from_file "$RUN_DIR/c-http.pid")"
  PIDS+=("$pid")
  wait_for_port "$CEIL_PORT" 30 "$MERCATO_HOST" "$pid" || die "the C-http ceiling did not start (log $RUN_DIR/c-http.log)"
  scenario C-http "http://$MERCATO_HOST:$CEIL_PORT/health/live" "$HTTP_T" "$HTTP_C" health "" null "$pid"
  stop_pid c-http "$pid" 10 || true
  forget_pid "$pid"
}

# pgbench_run NAME DB CLIENTS SCRIPT-ARGS... -> records tps as the ceiling's rps
pgbench_run() {
  local name="$1" db="$2" clients="$3" out="$RUN_DIR/pgbench-$1.txt"
  shift 3
  pgbench -h "$MERCATO_HOST" -p "$MERCATO_DB_PORT" -U mercato -n -M prepared -c "$clients" -j "$DB_T" \
    -T "$WARM" "$@" "$db" >"$RUN_DIR/pgbench-$name-warmup.txt" 2>&1 || true
  pgbench -h "$MERCATO_HOST" -p "$MERCATO_DB_PORT" -U mercato -n -M prepared -c "$clients" -j "$DB_T" \
    -T "$DUR" "$@" "$db" >"$out" 2>&1 || { tail_log "$out"; die "pgbench $name failed"; }
  local tps lat failed
  tps="$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$out" | tail -n1)"
  lat="$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' "$out" | tail -n1)"
  failed="$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$out" | tail -n1)"
  record "$name" "$(jq -nc --argjson tps "$tps" --argjson lat "${lat:-null}" --argjson f "${failed:-0}" --argjson c "$clients" \
    '{rps: $tps, avg_ms: $lat, errors: $f, client: "pgbench -M prepared -c \($c)"}')"
  printf '  %-10s %10.0f tx/s   avg %6.2f ms (pgbench -c %s)\n' "$name" "$tps" "${lat:-0}" "$clients"
}

# C-read: the catalogue listing's own SQL (ProductListing.sql() with a category filter and
# the default sort and page, ProductRepository.COLUMNS_P and SUBTREE), one script per
# category so every category id travels as a parameter like the application's.
c_read() {
  local i=0 cat args=()
  mkdir -p "$RUN_DIR/pgbench-list"
  while read -r cat; do
    i=$((i + 1))
    cat >"$RUN_DIR/pgbench-list/cat$i.sql" <<SQL
SELECT p.id, p.seller_id, p.name, p.slug, p.description, p.price_amount, p.price_currency, p.status, p.category_id,
p.tags, p.attributes, p.images, p.sku, p.low_stock_threshold, p.rating_average, p.rating_count,
p.rating_distribution, p.version, p.created_at, p.updated_at, p.deleted_at FROM products p
WHERE p.deleted_at IS NULL AND p.status = 'active' AND p.category_id IN (WITH RECURSIVE subtree (id) AS (
  SELECT id FROM categories WHERE id = :cat$i
  UNION ALL
  SELECT c.id FROM categories c JOIN subtree s ON c.parent_id = s.id)
SELECT id FROM subtree) ORDER BY p.created_at DESC, p.id DESC LIMIT 21;
SQL
    args+=(-f "$RUN_DIR/pgbench-list/cat$i.sql" -D "cat$i=$cat")
  done <"$DATA/categories.txt"
  PGOPTIONS="-c search_path=catalog" pgbench_run C-read "$DB" "$DB_C" "${args[@]}"
}

# C-search: the search domain's own two statements for a query (the page and the facet
# counts, written by mercato.search.SearchSqlDump from the same code the domain runs), one
# script per bench word, every bind parameter a pgbench variable.
c_search() {
  local i=0 word def args=()
  mkdir -p "$RUN_DIR/pgbench-search"
  while read -r word; do
    i=$((i + 1))
    (cd "$MERCATO_ROOT" && java -cp "target/test-classes:target/classes:$(cat "$CP_FILE")" \
      mercato.search.SearchSqlDump "$word" "$RUN_DIR/pgbench-search/q$i.sql" "q${i}_") \
      || die "could not write the search SQL for '$word'"
    args+=(-f "$RUN_DIR/pgbench-search/q$i.sql")
    while read -r def; do args+=(-D "$def"); done <"$RUN_DIR/pgbench-search/q$i.sql.vars"
  done <"$DATA/search-words.txt"
  PGOPTIONS="-c search_path=search" pgbench_run C-search "$DB" "$DB_C" "${args[@]}"
}

c_commit() {
  local have
  [[ -z "$(result C-commit)" ]] || return 0 # once per run: cart-add and checkout share it
  have="$(psql_app -d "$TPCB_DB" -c 'SELECT count(*) FROM pgbench_branches' 2>/dev/null || true)"
  if [[ "$have" != "$TPCB_SCALE" ]]; then
    psql_app -d postgres -c "DROP DATABASE IF EXISTS $TPCB_DB WITH (FORCE)" >/dev/null
    psql_app -d postgres -c "CREATE DATABASE $TPCB_DB OWNER mercato" >/dev/null
    info "  pgbench -i -s $TPCB_SCALE into $TPCB_DB"
    pgbench -h "$MERCATO_HOST" -p "$MERCATO_DB_PORT" -U mercato -i -q -s "$TPCB_SCALE" "$TPCB_DB" \
      >"$RUN_DIR/pgbench-init.txt" 2>&1 || { tail_log "$RUN_DIR/pgbench-init.txt"; die "pgbench -i failed"; }
  fi
  pgbench_run C-commit "$TPCB_DB" "$DB_C"
}

# ------------------------------------------------------------ flash sale ----
# The sell-out check: 10 other products with 20 units available each, 200 clients for a
# few seconds, then the books must agree for what was placed since: no stock row below
# zero, units of paid orders == units committed (on_hand went down by them) == paid orders
# (one unit each), units of unpaid orders == units still reserved, never more than 20 sold.
sellout_check() {
  local id wh tok r0 t0 base=""
  t0="$(psql_app -d "$DB" -c 'SELECT now()')"
  while read -r id wh tok; do
    r0="$(psql_app -d "$DB" -c "SELECT coalesce(sum(reserved), 0) FROM inventory.stock WHERE product_id = '$id' AND warehouse_id = '$wh'")"
    curl -s -o /dev/null -X PUT "$BASE/inventory/product/$id/stock" -H "Authorization: Bearer $tok" \
      -H 'Content-Type: application/json' --data "{\"warehouseId\":\"$wh\",\"onHand\":$((20 + r0)),\"reason\":\"bench sell-out\"}"
    base+="${base:+,}('$id'::uuid, '$wh'::uuid, $((20 + r0)), $r0)"
  done <"$DATA/sellout-stock.txt"
  wrk_run sellout "$BASE" "$HTTP_T" "$FLASH_C" "$((QUICK ? 3 : 6))" checkout BENCH_PRODUCTS="$DATA/sellout-products.txt"
  local sql out i
  sql="
    WITH b (product_id, warehouse_id, on_hand0, reserved0) AS (VALUES $base),
         s AS (SELECT b.product_id, st.on_hand, st.reserved, b.on_hand0, b.reserved0
                 FROM b JOIN inventory.stock st USING (product_id, warehouse_id)),
         o AS (SELECT l.product_id,
                      coalesce(sum(l.quantity) FILTER (WHERE o.status IN ('paid','fulfilling','shipped','delivered')), 0) AS paid,
                      coalesce(sum(l.quantity) FILTER (WHERE o.status = 'pending_payment'), 0) AS pending,
                      count(DISTINCT o.id) FILTER (WHERE o.status IN ('paid','fulfilling','shipped','delivered')) AS paid_orders
                 FROM \"order\".order_lines l JOIN \"order\".orders o ON o.id = l.order_id
                WHERE l.product_id IN (SELECT product_id FROM b) AND o.placed_at >= '$t0' GROUP BY l.product_id)
    SELECT json_build_object(
      'products', count(*), 'available_at_start', 20 * count(*),
      'min_on_hand', min(s.on_hand), 'min_reserved', min(s.reserved),
      'committed', sum(s.on_hand0 - s.on_hand), 'reserved', sum(s.reserved - s.reserved0),
      'paid_units', sum(coalesce(o.paid, 0)), 'paid_orders', sum(coalesce(o.paid_orders, 0)),
      'pending_units', sum(coalesce(o.pending, 0)),
      'mismatched', count(*) FILTER (WHERE s.on_hand0 - s.on_hand <> coalesce(o.paid, 0)
                                        OR s.reserved - s.reserved0 <> coalesce(o.pending, 0)
                                        OR coalesce(o.paid, 0) + coalesce(o.pending, 0) > 20))
    FROM s LEFT JOIN o USING (product_id)"
  # stock is committed when inventory hears of the capture: give the events a moment
  for i in $(seq 1 40); do
    out="$(psql_app -d "$DB" -c "$sql")"
    [[ "$(jq -r .mismatched <<<"$out")" == 0 ]] && break
    sleep 0.5
  done
  SELLOUT="$(jq -c --arg w "$WRK" '. + {ok: (.min_on_hand >= 0 and .min_reserved >= 0 and .mismatched == 0
      and .paid_units == .committed and .paid_orders == .paid_units and (.committed + .reserved) <= .available_at_start),
      wrk: ($w | fromjson)}' <<<"$out")"
  info "  sell-out check: $(jq -c 'del(.wrk)' <<<"$SELLOUT")"
}

# ---------------------------------------------------------------- events ----
pending_kafka() {
  local schemas q="" s
  schemas="$(psql_app -d "$DB" -c "SELECT table_schema FROM information_schema.tables WHERE table_name = 'outbox_delivery'")"
  for s in $schemas; do
    q+="${q:+ + }(SELECT count(*) FROM \"$s\".outbox_delivery WHERE subscriber = 'kafka' AND status = 'pending')"
  done
  psql_app -d "$DB" -c "SELECT $q"
}

events_scenario() {
  # the ceiling: Kafka's own producer with the bridge's settings (acks=all, idempotence)
  local lib size out
  lib="$(kafka_lib)"
  size=560
  out="$RUN_DIR/kafka-perf.txt"
  java -Xmx512m -cp "$lib/*" org.apache.kafka.tools.ProducerPerformance --topic mercato.bench.perf \
    --num-records "$KAFKA_RECORDS" --record-size "$size" --throughput -1 \
    --producer-props bootstrap.servers="$MERCATO_HOST:$MERCATO_KAFKA_PORT" acks=all enable.idempotence=true \
    max.in.flight.requests.per.connection=5 \
    >"$out" 2>&1 || { tail_log "$out"; warn "kafka-producer-perf-test failed"; }
  local line rps
  line="$(grep 'records sent' "$out" | tail -n1)"
  rps="$(sed -n 's/.* records sent, \([0-9.]*\) records\/sec.*/\1/p' <<<"$line")"
  record C-kafka "$(jq -nc --argjson r "${rps:-0}" --arg l "$line" '{rps: $r, client: "ProducerPerformance acks=all idempotent, 560-byte records (the size of a synthetic event)", detail: $l}')"
  info "  C-kafka    $line"
  java -Xmx256m -cp "$lib/*" org.apache.kafka.tools.TopicCommand --bootstrap-server "$MERCATO_HOST:$MERCATO_KAFKA_PORT" \
    --delete --topic mercato.bench.perf >/dev/null 2>&1 || true

  # the scenario: a backlog of synthetic events (type mercato.bench.synthetic.v1, so they go
  # to their own topic mercato.bench.events) written into the catalog outbox in one
  # transaction, for the Kafka subscriber only; the running node's relay wakes on the
  # NOTIFY and the bridge publishes them. Rate = backlog / time until none is pending.
  local n="$EVENTS_BACKLOG" subjects=$((EVENTS_BACKLOG / 10)) t0 t1 left p
  psql_app -d "$DB" -c "
    WITH e AS (
      INSERT INTO catalog.outbox (id, type, source, subject, time, data)
      SELECT gen_random_uuid(), 'mercato.bench.synthetic.v1', '/mercato/bench', 'bench-' || (g % $subjects), now(),
             jsonb_build_object('n', g, 'note', repeat('x', 400))
        FROM generate_series(1, $n) g
      RETURNING seq, subject)
    INSERT INTO catalog.outbox_delivery (seq, subscriber, subject) SELECT seq, 'kafka', subject FROM e" >/dev/null
  t0="$(now)"
  local c0 c1
  c0="$(cpu_ticks "$MAIN_PID")"
  while :; do
    left="$(psql_app -d "$DB" -c "SELECT count(*) FROM catalog.outbox_delivery d JOIN catalog.outbox o USING (seq)
                                   WHERE d.subscriber = 'kafka' AND d.status = 'pending' AND o.type = 'mercato.bench.synthetic.v1'")"
    p="$(now)"
    ((left == 0)) && break
    awk -v a="$(fsub "$p" "$t0")" 'BEGIN { exit !(a > 300) }' && break
    sleep 0.2
  done
  c1="$(cpu_ticks "$MAIN_PID")"
  t1="$(fsub "$p" "$t0")"
  record events "$(jq -nc --argjson b "$n" --argjson s "$t1" --argjson left "$left" \
    --argjson cpu "$(awk -v a="$c0" -v b="$c1" -v h="$CLK_TCK" 'BEGIN { printf "%.3f", (b - a) / h }')" \
    '{rps: (($b - $left) / $s), backlog: $b, drain_s: $s, errors: $left, ceiling: "C-kafka", target: 0.5,
      cpu_s: $cpu, req_per_cpu_s: (if $cpu > 0 then ($b - $left) / $cpu else null end),
      client: "outbox backlog of \($b) events drained by the relay and the bridge", unit: "records/s"}')"
  printf '  %-10s %10.0f records/s (backlog %s drained in %ss)\n' events "$(field events rps)" "$n" "$t1"
  java -Xmx256m -cp "$lib/*" org.apache.kafka.tools.TopicCommand --bootstrap-server "$MERCATO_HOST:$MERCATO_KAFKA_PORT" \
    --delete --topic mercato.bench.events >/dev/null 2>&1 || true
}

# --------------------------------------------------------------- cluster ----
# The layout of docs/scaling-out.md: an edge node (A: HTTP and the Kafka bridge), a node with
# the write-heavy domains in the first PostgreSQL's database (B: order, payment, inventory),
# and a node with every other domain in the second's (C), catalog, search and review browsing
# from its standby. The other domains' schemas move to the second primary as they are.
WRITE_HEAVY=(order payment inventory)
psql2() { psql -h "$MERCATO_HOST" -p "$MERCATO_DB2_PORT" -U mercato -v ON_ERROR_STOP=1 -qAtX "$@"; }

# move_schemas -> MOVED (the schemas copied to $DB on the second primary, which is made afresh)
MOVED=()
move_schemas() {
  local s list
  list="$(psql_app -d "$DB" -c "SELECT table_schema FROM information_schema.tables WHERE table_name = 'outbox' ORDER BY 1")"
  MOVED=()
  for s in $list; do
    [[ " ${WRITE_HEAVY[*]} " == *" $s "* ]] || MOVED+=("$s")
  done
  psql2 -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1
  psql2 -d postgres -c "CREATE DATABASE $DB OWNER mercato" >/dev/null
  local args=() t0
  for s in "${MOVED[@]}"; do args+=(-n "$s"); done
  t0="$(now)"
  # search's extensions live in its schema: -e brings them along
  pg_dump -h "$MERCATO_HOST" -p "$MERCATO_DB_PORT" -U mercato -d "$DB" -Fc "${args[@]}" -e pg_trgm -e unaccent \
    >"$RUN_DIR/moved.dump" || die "pg_dump of ${MOVED[*]} failed"
  pg_restore -h "$MERCATO_HOST" -p "$MERCATO_DB2_PORT" -U mercato -d "$DB" --no-owner --exit-on-error \
    "$RUN_DIR/moved.dump" >"$RUN_DIR/moved.log" 2>&1 || { tail_log "$RUN_DIR/moved.log"; die "pg_restore into the second primary failed"; }
  info "  cluster: moved ${MOVED[*]} to 127.0.0.1:$MERCATO_DB2_PORT/$DB in $(fsub "$(now)" "$t0")s"
}

# cluster_checkout URL: the checkout chain through the layout's edge, and what each primary
# spends per placed and paid order (transactions and CPU, the idle rates taken off): the
# figures of the capacity model (docs/scaling-out.md).
cluster_checkout() {
  local url="$1" a0 b0 a1 b1 ca0 cb0 ca1 cb1 ia ib ica icb t0 t1 orders
  wrk_run cluster-checkout-warmup "$url" "$DB_T" "$DB_C" "$WARM" checkout
  quiesce; quiesce psql2; sleep "$STATS_SETTLE"
  a0="$(xact_commits)"; b0="$(xact_commits psql2)"; ca0="$(pg_cpu_ticks)"; cb0="$(pg_cpu_ticks postgres2)"
  sleep "$STATS_SETTLE"
  a1="$(xact_commits)"; b1="$(xact_commits psql2)"; ca1="$(pg_cpu_ticks)"; cb1="$(pg_cpu_ticks postgres2)"
  ia="$(awk -v a="$a0" -v b="$a1" -v s="$STATS_SETTLE" 'BEGIN { printf "%.3f", (b - a) / s }')"
  ib="$(awk -v a="$b0" -v b="$b1" -v s="$STATS_SETTLE" 'BEGIN { printf "%.3f", (b - a) / s }')"
  ica="$(awk -v a="$ca0" -v b="$ca1" -v s="$STATS_SETTLE" -v h="$CLK_TCK" 'BEGIN { printf "%.4f", (b - a) / h / s }')"
  icb="$(awk -v a="$cb0" -v b="$cb1" -v s="$STATS_SETTLE" -v h="$CLK_TCK" 'BEGIN { printf "%.4f", (b - a) / h / s }')"
  a0="$a1"; b0="$b1"; ca0="$ca1"; cb0="$cb1"; t0="$(now)"
  wrk_run cluster-checkout "$url" "$DB_T" "$DB_C" "$TX_DUR" checkout
  local w="$WRK"
  orders="$(jq -r '.orders' <<<"$w")"
  quiesce; quiesce psql2; sleep "$STATS_SETTLE"
  a1="$(xact_commits)"; b1="$(xact_commits psql2)"; ca1="$(pg_cpu_ticks)"; cb1="$(pg_cpu_ticks postgres2)"; t1="$(now)"
  record cluster-checkout "$(jq -c --argjson o "$orders" --argjson s "$(fsub "$t1" "$t0")" \
    --argjson xa "$((a1 - a0))" --argjson xb "$((b1 - b0))" --argjson ia "$ia" --argjson ib "$ib" \
    --argjson ca "$(awk -v a="$ca0" -v b="$ca1" -v h="$CLK_TCK" 'BEGIN { printf "%.3f", (b - a) / h }')" \
    --argjson cb "$(awk -v a="$cb0" -v b="$cb1" -v h="$CLK_TCK" 'BEGIN { printf "%.3f", (b - a) / h }')" \
    --argjson ica "$ica" --argjson icb "$icb" '
    . as $w | def per($x): if $o > 0 then $x / $o else null end; {
      orders_per_s: ($w.orders / ($w.duration_us / 1e6)), unit: "orders/s",
      p50_ms: ($w.p50_us / 1000), p99_ms: ($w.p99_us / 1000),
      errors: (([$w.status_errors, $w.non2xx] | max) + $w.connect + $w.read + $w.write + $w.timeout),
      orders: $o, window_s: $s,
      tx_per_order_first: per($xa - $ia * $s), tx_per_order_second: per($xb - $ib * $s),
      pg_cpu_ms_per_order_first: per(($ca - $ica * $s) * 1000), pg_cpu_ms_per_order_second: per(($cb - $icb * $s) * 1000),
      client: "checkout chain through the edge, wrk -t'"$DB_T"' -c'"$DB_C"'; first: order, payment, inventory; second: the rest",
      wrk: $w }' <<<"$w")"
  printf '  %-10s %10.0f orders/s; per order: %s tx and %s ms of CPU on the first primary, %s tx and %s ms on the second\n' \
    cluster-checkout "$(field cluster-checkout orders_per_s)" "$(field cluster-checkout tx_per_order_first)" \
    "$(field cluster-checkout pg_cpu_ms_per_order_first)" "$(field cluster-checkout tx_per_order_second)" \
    "$(field cluster-checkout pg_cpu_ms_per_order_second)"
}

cluster_scenario() {
  local name="mercato-bench-$$" members="127.0.0.1:5801,127.0.0.1:5802,127.0.0.1:5803" a b c t0 s
  local hz=(MERCATO_CLUSTER_ENABLED=true MERCATO_CLUSTER_NAME="$name" MERCATO_CLUSTER_MEMBERS="$members")
  port_open 5801 && die "port 5801 (bench cluster) is in use"
  port_open 5802 && die "port 5802 (bench cluster) is in use"
  port_open 5803 && die "port 5803 (bench cluster) is in use"
  move_schemas
  local layout=()
  for s in "${MOVED[@]}"; do layout+=("MERCATO_DB_${s^^}_PORT=$MERCATO_DB2_PORT"); done
  for s in catalog search review; do layout+=("MERCATO_DB_${s^^}_REPLICA_PORT=$MERCATO_DB2_REPLICA_PORT"); done
  local rest
  rest="$(IFS=,; printf '%s' "${MOVED[*]},events")"
  t0="$(now)"
  start_node cluster-b "$(IFS=,; printf '%s' "${WRITE_HEAVY[*]}")" 0 "${hz[@]}" "${layout[@]}" \
    MERCATO_CLUSTER_PORT=5802 MERCATO_CLUSTER_EVENT_BUS_PORT=17102
  b="$NODE_PID"
  start_node cluster-c "$rest" 0 "${hz[@]}" "${layout[@]}" MERCATO_CLUSTER_PORT=5803 MERCATO_CLUSTER_EVENT_BUS_PORT=17103
  c="$NODE_PID"
  start_node cluster-a http,kafka "$EDGE_PORT" "${hz[@]}" "${layout[@]}" MERCATO_CLUSTER_PORT=5801 MERCATO_CLUSTER_EVENT_BUS_PORT=17101
  a="$NODE_PID"
  wait_ready "http://$MERCATO_HOST:$EDGE_PORT" "$a" "$t0" 180 "$RUN_DIR/cluster-a.log"
  local i
  for i in $(seq 1 120); do
    # the logs are at WARN: wait for a product to answer through the edge instead
    [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://$MERCATO_HOST:$EDGE_PORT/products/$(head -1 "$DATA/products.txt")")" == 200 ]] && break
    kill -0 "$c" 2>/dev/null || { tail_log "$RUN_DIR/cluster-c.log" 40; die "cluster node C exited during start-up"; }
    sleep 0.5
  done
  info "  cluster: edge (pid $a), write-heavy domains (pid $b) and the rest (pid $c) ready in ${READY_S}s; JIT warm-up ${JIT_WARM}s"
  wrk_run cluster-jit-warmup "http://$MERCATO_HOST:$EDGE_PORT" "$HTTP_T" "$HTTP_C" "$JIT_WARM" product
  scenario cluster "http://$MERCATO_HOST:$EDGE_PORT" "$HTTP_T" "$HTTP_C" product product 0.8 "$a"
  cluster_checkout "http://$MERCATO_HOST:$EDGE_PORT"
  stop_node "$a"
  stop_node "$b"
  stop_node "$c"
}

# ------------------------------------------------------------------ table ----
finish() {
  local json="$BENCH_DIR/bench-$STAMP.json" machine
  machine="$(jq -nc --arg n "$NPROC" --arg cpu "$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)" \
    --arg mem "$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)" \
    --arg k "$(uname -r)" '{nproc: ($n | tonumber), cpu: $cpu, memory: $mem, kernel: $k}')"
  jq -s --arg stamp "$STAMP" --argjson quick "$QUICK" --argjson m "$machine" --argjson extra "$EXTRA" \
    --arg settings "wrk --timeout 10s; JIT warm-up ${JIT_WARM}s mixed + $((JIT_WARM / 2))s checkout; warm-up ${WARM}s, measured ${DUR}s; rate limits ${RATE_CAPACITY}/s (default and auth groups); logs WARN; JVM ${JAVA_OPTS[*]}; http.instances $INSTANCES" '
    (map({key: .scenario, value: .}) | from_entries) as $r
    | def val($name): ($r[$name] // {}) | (if .unit == "orders/s" then .orders_per_s else .rps end);
      def ratio($row): if ($row.ceiling // "") != "" and val($row.ceiling) != null and val($row.ceiling) > 0
                       then ($row | if .unit == "orders/s" then .orders_per_s elif .ops_metric then .ops_per_s else .rps end) / val($row.ceiling) else null end;
    {stamp: $stamp, quick: ($quick == 1), machine: $m, settings: $settings, extra: $extra,
     rows: [ .[] | . + {ratio: ratio(.)} | . + {met: (if .target_max != null and .value != null then .value <= .target_max
                                                     elif .ratio == null or .target == null then null
                                                     else (.ratio >= .target and (.oversell_ok // true)
                                                           and (.max_unavailable_share == null or .unavailable_share < .max_unavailable_share)) end)} ]}
    ' "$RESULTS" >"$json"
  cp "$json" "$BENCH_DIR/latest.json"
  print_table "$json"
  info "JSON: $(rel "$json") (and $(rel "$BENCH_DIR/latest.json")); raw outputs in $(rel "$RUN_DIR")"
}

print_table() {
  jq -r '
    def n($x; $d): if $x == null then "-" else ($x * pow(10; $d) | round / pow(10; $d) | tostring) end;
    "\nMercato bench \(.stamp)\(if .quick then " (--quick: smoke check, not figures to quote)" else "" end)",
    "machine: \(.machine.nproc) cores, \(.machine.cpu), \(.machine.memory)",
    "settings: \(.settings)",
    "",
    (["scenario", "value", "unit", "p50 ms", "p99 ms", "errors", "ceiling", "ratio", "target", "met", "req/cpu-s"] | @tsv),
    (.rows[] |
      if .skipped then ([.scenario, "skipped: \(.skipped)"] | @tsv)
      else [ .scenario,
             (if .value != null then n(.value; 1)
              else n(if .unit == "orders/s" then .orders_per_s elif .ops_metric then .ops_per_s else .rps end; 0) end),
             (.unit // "req/s"), n(.p50_ms; 2), n(.p99_ms; 2), (.errors // "-" | tostring),
             (.ceiling // "-" | if . == "" then "-" else . end), n(.ratio; 2),
             (if .target then ">= \(.target)" elif .target_max then "<= \(.target_max)" else "-" end),
             (if .met == null then "-" elif .met then "yes" else "NO" end),
             n(.req_per_cpu_s; 0) ] | @tsv end),
    "",
    (.extra | to_entries[] | "\(.key): \(.value)")
  ' "$1" | awk -F'\t' 'NF > 2 { printf "%-10s %9s %-9s %7s %8s %7s %-9s %6s %7s %-4s %9s\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11; next } { print }'
}

# ------------------------------------------------------------------- main ----
main() {
  mkdir -p "$RUN_DIR"
  : >"$RESULTS"
  ensure_tools
  services
  build
  ensure_dev_keys
  LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
  local reuse=0
  if ((REUSE)) && [[ -s "$DATA/tokens.txt" && -n "$(find "$DATA/tokens.txt" -mmin -180 2>/dev/null)" ]] &&
      psql_app -d "$DB" -c 'SELECT 1' >/dev/null 2>&1; then
    reuse=1
    info "database: reusing $DB and the customers of the previous run (--reuse)"
  else
    rm -rf "$DATA"
    fresh_database
  fi

  info "mercato: starting the bench instance on $BASE (database $DB, Redis db $REDIS_DB, logs WARN, rate limits $RATE_CAPACITY)"
  local t0
  t0="$(now)"
  start_node mercato all "$PORT"
  MAIN_PID="$NODE_PID"
  wait_ready "$BASE" "$MAIN_PID" "$t0" 180 "$RUN_DIR/mercato.log"
  STARTUP_S="$READY_S"
  if ((reuse)); then
    info "mercato: ready in ${STARTUP_S}s (existing database)"
  else
    info "mercato: ready in ${STARTUP_S}s (fresh database: migrations included); loading the demo data (scripts/demo.sh)"
    MERCATO_DB_DATABASE="$DB" MERCATO_REDIS_URI="redis://$MERCATO_HOST:$MERCATO_REDIS_PORT/$REDIS_DB" \
      "$MERCATO_SCRIPTS/demo.sh" "$BASE" >"$RUN_DIR/demo.txt" 2>&1 || { tail_log "$RUN_DIR/demo.txt"; die "demo.sh failed"; }
    prepare_data
  fi
  sleep 2
  IDLE_RSS="$(rss_kb "$MAIN_PID")"
  info "mercato: idle RSS $((IDLE_RSS / 1024)) MiB"

  # The JIT needs tens of seconds of traffic over every path before the code is compiled;
  # a scenario's own warm-up then only brings its caches and connections to a steady state.
  info "running: JIT warm-up ${JIT_WARM}s (the mixed workload, then checkout), then per scenario: warm-up ${WARM}s, measured ${DUR}s"
  wrk_run jit-warmup "$BASE" "$DB_T" "$DB_C" "$JIT_WARM" mixed BENCH_MIX="$MIX"
  wrk_run jit-warmup-checkout "$BASE" "$DB_T" "$DB_C" "$((JIT_WARM / 2))" checkout
  if wanted health || wanted product || wanted cart-add || wanted cart-view; then c_http; fi
  wanted health && scenario health "$BASE/health/live" "$HTTP_T" "$HTTP_C" health C-http 0.7 "$MAIN_PID"
  wanted product && scenario product "$BASE" "$HTTP_T" "$HTTP_C" product C-http 0.6 "$MAIN_PID"
  if wanted list; then
    c_read
    scenario list "$BASE" "$DB_T" "$DB_C" list C-read 0.6 "$MAIN_PID"
  fi
  if wanted search; then
    c_search
    scenario search "$BASE" "$DB_T" "$DB_C" search C-search 0.5 "$MAIN_PID"
  fi
  # a cart add is a durable write: its ceiling is the machine's commit rate, not C-http
  if wanted cart-add; then
    c_commit
    scenario cart-add "$BASE" "$HTTP_T" "$HTTP_C" cart-add C-commit 0.6 "$MAIN_PID"
  fi
  wanted cart-view && scenario cart-view "$BASE" "$HTTP_T" "$HTTP_C" cart-view "" null "$MAIN_PID"
  wanted orders && scenario orders "$BASE" "$DB_T" "$DB_C" orders "" null "$MAIN_PID"
  # login is argon2 (about a third of a CPU-second each): four clients keep the pool busy
  wanted login && scenario login "$BASE" 1 4 login "" null "$MAIN_PID"
  if wanted checkout || wanted flash || wanted mixed; then
    c_commit
    scenario checkout "$BASE" "$DB_T" "$DB_C" checkout C-commit 0.25 "$MAIN_PID"
    annotate checkout '{"unit": "orders/s"}'
  fi
  if wanted checkout || wanted tx-per-order; then tx_per_order; fi
  if wanted flash; then
    scenario flash "$BASE" "$HTTP_T" "$FLASH_C" checkout checkout 0.6 "$MAIN_PID" BENCH_PRODUCTS="$DATA/hot-products.txt"
    sellout_check
    # met only with no oversell and fewer than 1% of the answers 503 (load shed)
    annotate flash "$(jq -c '{unit: "orders/s", oversell_ok: .ok, sellout: ., max_unavailable_share: 0.01}' <<<"$SELLOUT")"
  fi
  MIXED_RSS=0
  if wanted mixed; then
    ( for _ in $(seq 1 $((WARM + DUR + 2))); do rss_kb "$MAIN_PID"; sleep 1; done ) >"$RUN_DIR/mixed-rss.txt" &
    scenario mixed "$BASE" "$DB_T" "$DB_C" mixed weighted 0.85 "$MAIN_PID" BENCH_MIX="$MIX"
    wait
    MIXED_RSS="$(sort -n "$RUN_DIR/mixed-rss.txt" | tail -n1)"
    # the weighted single-scenario capacity: 1 / sum(share / capacity), in operations/s
    local cap
    cap="$(jq -s -r '(map({key: .scenario, value: .}) | from_entries) as $r
      | [["product",45],["list",20],["search",12],["cart-add",10],["cart-view",6],["login",3],["checkout",2],["orders",2]]
      | (map(.[1]) | add) as $total
      | (map(.[1] / $total / (if .[0] == "checkout" then $r[.[0]].orders_per_s else $r[.[0]].rps end)) | add) as $s
      | if $s == null then 0 else 1 / $s end' "$RESULTS" 2>/dev/null || echo 0)"
    record weighted "$(jq -nc --argjson c "${cap:-0}" '{rps: $c, client: "1 / sum(share / single-scenario capacity)", unit: "ops/s"}')"
    annotate mixed '{"ops_metric": true, "unit": "ops/s"}'
  fi
  wanted events && events_scenario
  if wanted cluster; then
    stop_node "$MAIN_PID"
    cluster_scenario
  fi

  record start-up "$(jq -nc --arg s "$STARTUP_S" --argjson reuse "$reuse" '{value: ($s | tonumber), unit: "s", target_max: 5,
    client: (if $reuse == 1 then "to /health/ready, database reused (no first migrations)" else "to /health/ready, fresh database" end)}')"
  if ((MIXED_RSS > 0)); then
    record rss-mixed "$(jq -nc --argjson kb "$MIXED_RSS" '{value: ($kb / 1024 | floor), unit: "MiB", target_max: 512,
      client: "largest RSS of the node during the mixed scenario (JVM flags of scripts/run.sh)"}')"
  fi
  EXTRA="$(jq -nc --arg s "$STARTUP_S" --argjson idle "$IDLE_RSS" --argjson mixed "$MIXED_RSS" \
    --arg l0 "$LOAD_START" --arg l1 "$(cut -d' ' -f1-3 /proc/loadavg)" \
    '{"start-up to /health/ready (s)": ($s | tonumber),
      "idle RSS (MiB)": ($idle / 1024 | floor),
      "RSS under the mixed load, max (MiB)": (if $mixed > 0 then ($mixed / 1024 | floor) else null end),
      "load average at start / end (other work on the machine)": "\($l0) / \($l1)"}')"
  finish
}

main
