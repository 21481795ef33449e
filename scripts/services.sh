#!/usr/bin/env bash
# Mercato development services: PostgreSQL, Redis, Kafka (KRaft), SMTP sink.
#
#   scripts/services.sh [up] [SERVICE...]   start (all by default), idempotent
#   scripts/services.sh down [SERVICE...]   stop (all by default, postgres2 pair too)
#   scripts/services.sh status [SERVICE...] exit 0 if all are up, 3 otherwise
#   scripts/services.sh restart [SERVICE...]
#   scripts/services.sh topics ARGS...      Kafka TopicCommand against the broker
#                                           (e.g. `topics --list`)
#
# SERVICE is one of: postgres (alias pg, db), redis, kafka, greenmail
# (alias smtp, mail); by name only: postgres2 (alias pg2, db2), postgres2-replica
# (alias replica).
#
# Everything listens on 127.0.0.1 only and keeps its data, logs and pid files
# under <repo>/.data:
#   postgres   127.0.0.1:${MERCATO_DB_PORT:-5432}   data .data/postgres/data,
#              unix socket dir .data/postgres/run, log .data/logs/postgres.log
#              superuser `postgres` (trust on the unix socket only);
#              app role `mercato` / password `mercato` (LOGIN CREATEDB,
#              pg_signal_backend),
#              database `mercato` owned by it (scram-sha-256 over TCP)
#   postgres2  127.0.0.1:${MERCATO_DB2_PORT:-5433}, the same set-up in .data/postgres2:
#              a second primary, for domains moved to their own database (db.<domain>.*)
#   postgres2-replica  127.0.0.1:${MERCATO_DB2_REPLICA_PORT:-5434}, data
#              .data/postgres2-replica: a streaming hot standby of postgres2
#              (pg_basebackup -R on first start), read-only (db.<domain>.replica.*)
#   redis      127.0.0.1:${MERCATO_REDIS_PORT:-6379}  no password, no persistence
#   kafka      127.0.0.1:${MERCATO_KAFKA_PORT:-9092} (controller :9093),
#              single KRaft node, auto topic creation on, 3 partitions/topic
#   greenmail  SMTP 127.0.0.1:${MERCATO_SMTP_PORT:-3025} (no TLS, no auth: any
#              sender/recipient is accepted and stored in memory)
#              REST API http://127.0.0.1:${MERCATO_SMTP_API_PORT:-8025}:
#                GET  /api/service/readiness
#                GET  /api/configuration
#                GET  /api/user                              (auto-created mailboxes)
#                GET  /api/user/<address>/messages/INBOX     mails sent to <address>
#                     e.g. curl -s http://127.0.0.1:8025/api/user/bob@example.com/messages/INBOX
#                     (JSON array: subject, from, to, mimeMessage, contentType, ...)
#                POST /api/mail/purge                        delete all mails
#                POST /api/service/reset                     reset users and mails
#              IMAP is not started; restarting GreenMail drops every mail.
set -euo pipefail

# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

# What `up`, `down` and `status` without names act on; the second PostgreSQL pair
# (postgres2 and its standby postgres2-replica) is started by name (scripts/test.sh does).
ALL_SERVICES=(postgres redis kafka greenmail)
KNOWN_SERVICES=(postgres postgres2 postgres2-replica redis kafka greenmail)

# ------------------------------------------------------------ PostgreSQL ----
PG_BIN=""

# Three clusters share this code: postgres (every domain's database), postgres2 (a second
# primary, for the layout where domains live in two databases) and postgres2-replica (a
# streaming hot standby of postgres2). pg_use NAME points the PG_* variables at one.
pg_use() {
  PG_NAME="$1"
  PG_PRIMARY=""
  case "$1" in
    postgres) PG_PORT="$MERCATO_DB_PORT" ;;
    postgres2) PG_PORT="$MERCATO_DB2_PORT" ;;
    postgres2-replica) PG_PORT="$MERCATO_DB2_REPLICA_PORT"; PG_PRIMARY=postgres2 ;;
    *) die "unknown PostgreSQL cluster $1" ;;
  esac
  PG_DIR="$MERCATO_DATA/$PG_NAME"
  PG_DATA="$PG_DIR/data"
  PG_RUN="$PG_DIR/run"
  PG_LOG="$MERCATO_LOGS/$PG_NAME.log"
}
pg_use postgres

pg_socket_dir() {
  # A unix socket path is limited to 107 bytes; fall back to /tmp for very
  # deep checkouts (never happens for ordinary paths).
  local sock="$PG_RUN/.s.PGSQL.$PG_PORT"
  if ((${#sock} > 100)); then
    printf '/tmp/mercato-pg-%s' "$(printf '%s' "$MERCATO_ROOT/$PG_NAME" | sha256sum | cut -c1-12)"
  else
    printf '%s' "$PG_RUN"
  fi
}

as_postgres() {
  if command -v runuser >/dev/null 2>&1; then
    runuser -u postgres -- "$@"
  else
    su postgres -s /bin/bash -c "$(printf '%q ' "$@")"
  fi
}

pg_find_bin() {
  [[ -n "$PG_BIN" ]] && return 0
  if [[ -n "${MERCATO_PG_BIN:-}" ]]; then
    PG_BIN="$MERCATO_PG_BIN"
  elif [[ -x /usr/lib/postgresql/15/bin/pg_ctl ]]; then
    PG_BIN=/usr/lib/postgresql/15/bin
  else
    local v
    v="$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort -n | tail -n1 || true)"
    [[ -n "$v" && -x "/usr/lib/postgresql/$v/bin/pg_ctl" ]] && PG_BIN="/usr/lib/postgresql/$v/bin"
  fi
  return 0
}

pg_ensure_installed() {
  pg_find_bin
  if [[ -z "$PG_BIN" ]] || ! getent passwd postgres >/dev/null; then
    apt_install postgresql
    PG_BIN=""
    pg_find_bin
  fi
  [[ -n "$PG_BIN" && -x "$PG_BIN/pg_ctl" ]] || die "PostgreSQL binaries not found after install"
  [[ -x "$PG_BIN/psql" ]] || die "psql not found in $PG_BIN"
}

pg_running() {
  [[ -f "$PG_DATA/PG_VERSION" ]] || return 1
  pg_find_bin
  [[ -n "$PG_BIN" ]] || return 1
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1
}

# Make sure the postgres OS user can reach .data/postgres: add o+x to any
# ancestor directory that lacks it.
pg_ensure_traversable() {
  local d="$MERCATO_DATA"
  if as_postgres test -x "$d"; then return 0; fi
  while [[ "$d" != / ]]; do
    if [[ "$(stat -c '%A' "$d")" != ?????????[xt]* ]]; then
      chmod o+x "$d"
      warn "gave other users search (o+x) permission on $d so that the postgres user can reach .data"
    fi
    d="$(dirname "$d")"
  done
  as_postgres test -x "$MERCATO_DATA" || die "the postgres OS user cannot reach $MERCATO_DATA"
}

pg_write_conf() {
  local sockdir="$1"
  cat >"$PG_DATA/mercato.conf" <<EOF
# Written by scripts/services.sh on every start: edit there, not here.
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$sockdir'
max_connections = 200
password_encryption = 'scram-sha-256'
shared_buffers = '$([[ $PG_NAME == postgres ]] && printf 256MB || printf 128MB)'
effective_cache_size = '2GB'
work_mem = '8MB'
maintenance_work_mem = '128MB'
max_wal_size = '2GB'
checkpoint_timeout = '15min'
random_page_cost = 1.1
timezone = 'UTC'
log_timezone = 'UTC'
logging_collector = off
log_line_prefix = '%m [%p] %q%u@%d '
log_min_duration_statement = '1s'
log_lock_waits = on
track_io_timing = on
EOF
  chown postgres:postgres "$PG_DATA/mercato.conf"
  if ! grep -q "^include_if_exists = 'mercato.conf'" "$PG_DATA/postgresql.conf"; then
    printf "\n# Mercato development settings\ninclude_if_exists = 'mercato.conf'\n" >>"$PG_DATA/postgresql.conf"
  fi
}

# If something else listens on our port: stop the Debian cluster or another
# Mercato checkout's instance; fail for anything else.
pg_free_port() {
  port_open "$PG_PORT" || return 0
  local ver name port status
  if command -v pg_lsclusters >/dev/null 2>&1; then
    while read -r ver name port status _; do
      if [[ "$port" == "$PG_PORT" && "$status" == online* ]]; then
        info "$PG_NAME: stopping the Debian cluster $ver/$name that holds port $port"
        pg_ctlcluster "$ver" "$name" stop || die "could not stop the Debian cluster $ver/$name"
      fi
    done < <(pg_lsclusters -h 2>/dev/null || true)
  fi
  port_open "$PG_PORT" || return 0
  local pid other
  pid="$(port_listener_pid "$PG_PORT")"
  other="$(foreign_mercato_data "$pid")"
  if [[ -n "$other" && -f "$other/$PG_NAME/data/PG_VERSION" ]]; then
    info "$PG_NAME: stopping the instance of another Mercato checkout ($other) that holds port $PG_PORT"
    as_postgres "$PG_BIN/pg_ctl" -D "$other/$PG_NAME/data" stop -m fast -w >/dev/null ||
      die "could not stop the PostgreSQL of $other"
  fi
  if port_open "$PG_PORT"; then
    die "port 127.0.0.1:$PG_PORT is taken by $(pid_describe "$(port_listener_pid "$PG_PORT")"); stop it or set MERCATO_DB_PORT"
  fi
}

pg_psql_super() {
  "$PG_BIN/psql" -h "$(pg_socket_dir)" -p "$PG_PORT" -U postgres -d postgres \
    -v ON_ERROR_STOP=1 -qAtX "$@"
}

pg_up() {
  pg_ensure_installed
  local sockdir
  sockdir="$(pg_socket_dir)"
  mkdir -p "$PG_DIR" "$PG_RUN" "$sockdir"
  chown postgres:postgres "$PG_DIR" "$PG_RUN" "$sockdir"
  chmod 0755 "$PG_DIR"
  pg_ensure_traversable

  if [[ -n "$PG_PRIMARY" && ! -f "$PG_DATA/PG_VERSION" ]]; then
    pg_clone_primary
  elif [[ ! -f "$PG_DATA/PG_VERSION" ]]; then
    rm -rf "$PG_DATA"
    info "$PG_NAME: initdb into $(rel "$PG_DATA")"
    as_postgres "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -E UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=scram-sha-256 >"$MERCATO_LOGS/$PG_NAME-initdb.log" 2>&1 ||
      { tail_log "$MERCATO_LOGS/$PG_NAME-initdb.log"; die "initdb failed"; }
  fi
  local have want
  have="$(cat "$PG_DATA/PG_VERSION")"
  want="$("$PG_BIN/postgres" --version | sed -E 's/.* ([0-9]+)(\.[0-9]+)*.*/\1/')"
  [[ "$have" == "$want" ]] ||
    die "$(rel "$PG_DATA") was created by PostgreSQL $have but the binaries are $want ($PG_BIN); remove $(rel "$PG_DIR") to start afresh"

  local started=0
  if ! pg_running; then
    pg_free_port
    pg_write_conf "$sockdir"
    touch "$PG_LOG"
    chown postgres:postgres "$PG_LOG"
    if ! as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 start >/dev/null 9>&-; then
      tail_log "$PG_LOG"
      die "PostgreSQL $PG_NAME did not start (log $(rel "$PG_LOG"))"
    fi
    started=1
  fi

  local i
  for ((i = 0; i < 60; i++)); do
    "$PG_BIN/pg_isready" -q -h "$MERCATO_HOST" -p "$PG_PORT" && break
    sleep 0.5
  done
  "$PG_BIN/pg_isready" -q -h "$MERCATO_HOST" -p "$PG_PORT" ||
    { tail_log "$PG_LOG"; die "PostgreSQL is not ready on $MERCATO_HOST:$PG_PORT (log $(rel "$PG_LOG"))"; }

  if [[ -n "$PG_PRIMARY" ]]; then
    info "$PG_NAME: up on $MERCATO_HOST:$PG_PORT (read-only standby of $PG_PRIMARY$([[ $started == 0 ]] && printf ', already running'))"
    return 0
  fi
  pg_psql_super <<'SQL' >/dev/null
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'mercato') THEN
    CREATE ROLE mercato LOGIN CREATEDB PASSWORD 'mercato';
  ELSE
    ALTER ROLE mercato LOGIN CREATEDB PASSWORD 'mercato';
  END IF;
END
$$;
-- A test drops its database WITH (FORCE): that may end an autovacuum worker still in it.
GRANT pg_signal_backend TO mercato;
SQL
  if [[ "$(pg_psql_super -c "SELECT 1 FROM pg_database WHERE datname = 'mercato'")" != 1 ]]; then
    pg_psql_super -c "CREATE DATABASE mercato OWNER mercato" >/dev/null
  fi
  if [[ "$PG_NAME" == postgres2 ]]; then
    # ScaledOutCheckoutTest holds its standby's replay to show which reads the standby serves;
    # databases made from template1 inherit the grant.
    pg_psql_super -d template1 -c "GRANT EXECUTE ON FUNCTION pg_wal_replay_pause(), pg_wal_replay_resume() TO mercato" >/dev/null
  fi
  info "$PG_NAME: up on $MERCATO_HOST:$PG_PORT (db mercato, user mercato/mercato$([[ $started == 0 ]] && printf ', already running'))"
}

pg_down() {
  if pg_running; then
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" stop -m fast -w -t 60 >/dev/null ||
      die "could not stop PostgreSQL $PG_NAME"
    info "$PG_NAME: stopped"
  else
    info "$PG_NAME: not running"
  fi
}

pg_status() {
  if pg_running && "$PG_BIN/pg_isready" -q -h "$MERCATO_HOST" -p "$PG_PORT"; then
    info "$PG_NAME:  up    $MERCATO_HOST:$PG_PORT  (socket dir $(pg_socket_dir))"
  else
    info "$PG_NAME:  down"
    return 1
  fi
}

# The standby starts as a copy of its primary (pg_basebackup over the primary's unix
# socket as the superuser, which initdb's pg_hba trusts for replication), with -R writing
# primary_conninfo and standby.signal: it then streams the primary's WAL and answers reads.
pg_clone_primary() {
  local me="$PG_NAME" dir="$PG_DIR" data="$PG_DATA" primary_sock primary_port
  pg_use "$PG_PRIMARY"
  pg_running || die "$me needs $PG_NAME running first: scripts/services.sh up $PG_NAME $me"
  primary_sock="$(pg_socket_dir)"
  primary_port="$PG_PORT"
  pg_use "$me"
  rm -rf "$data"
  info "$me: copying $PG_PRIMARY (pg_basebackup) into $(rel "$data")"
  as_postgres "$PG_BIN/pg_basebackup" -h "$primary_sock" -p "$primary_port" -U postgres -D "$data" -R -X stream \
    -c fast >"$MERCATO_LOGS/$me-basebackup.log" 2>&1 ||
    { tail_log "$MERCATO_LOGS/$me-basebackup.log"; die "pg_basebackup of $PG_PRIMARY failed"; }
  chmod 0700 "$data"
  [[ -d "$dir" ]] || die "$(rel "$dir") vanished"
}

postgres_up() { pg_use postgres; pg_up; }
postgres_down() { pg_use postgres; pg_down; }
postgres_status() { pg_use postgres; pg_status; }
postgres2_up() { pg_use postgres2; pg_up; }
postgres2_down() { pg_use postgres2; pg_down; }
postgres2_status() { pg_use postgres2; pg_status; }
postgres2-replica_up() { pg_use postgres2-replica; pg_up; }
postgres2-replica_down() { pg_use postgres2-replica; pg_down; }
postgres2-replica_status() { pg_use postgres2-replica; pg_status; }

# ----------------------------------------------------------------- Redis ----
REDIS_DIR="$MERCATO_DATA/redis"
REDIS_PID="$REDIS_DIR/redis.pid"
REDIS_LOG="$MERCATO_LOGS/redis.log"

redis_ping() {
  [[ "$(timeout 3 redis-cli -h "$MERCATO_HOST" -p "$MERCATO_REDIS_PORT" ping 2>/dev/null || true)" == PONG ]]
}

redis_up() {
  if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
    apt_install redis-server
  fi
  mkdir -p "$REDIS_DIR"
  if pidfile_alive "$REDIS_PID" redis-server && redis_ping; then
    info "redis: up on $MERCATO_HOST:$MERCATO_REDIS_PORT (already running)"
    return 0
  fi
  if port_open "$MERCATO_REDIS_PORT"; then
    local pid other
    pid="$(port_listener_pid "$MERCATO_REDIS_PORT")"
    other="$(foreign_mercato_data "$pid")"
    if [[ -n "$other" ]]; then
      info "redis: stopping the instance of another Mercato checkout ($other) that holds port $MERCATO_REDIS_PORT"
      stop_pid redis "$pid" 15 || die "could not stop pid $pid"
    elif [[ -n "$pid" && "$(readlink "/proc/$pid/cwd" 2>/dev/null || true)" == /var/lib/redis ]] &&
        pid_matches "$pid" redis-server; then
      # Debian's own redis-server service (apt may start it on some machines).
      info "redis: stopping the Debian redis-server service that holds port $MERCATO_REDIS_PORT"
      if command -v service >/dev/null 2>&1; then service redis-server stop >/dev/null 2>&1 || true; fi
      stop_pid redis "$pid" 15 || die "could not stop pid $pid"
    else
      die "port $MERCATO_HOST:$MERCATO_REDIS_PORT is taken by $(pid_describe "$pid"); stop it or set MERCATO_REDIS_PORT"
    fi
  fi
  rm -f "$REDIS_PID"
  redis-server --bind "$MERCATO_HOST" --port "$MERCATO_REDIS_PORT" --protected-mode yes \
    --daemonize yes --dir "$REDIS_DIR" --pidfile "$REDIS_PID" --logfile "$REDIS_LOG" \
    --save "" --appendonly no --loglevel notice 9>&- \
    || { tail_log "$REDIS_LOG"; die "redis-server failed to start"; }
  local i
  for ((i = 0; i < 50; i++)); do
    redis_ping && break
    sleep 0.2
  done
  redis_ping || { tail_log "$REDIS_LOG"; die "Redis does not answer PING on $MERCATO_HOST:$MERCATO_REDIS_PORT (log $(rel "$REDIS_LOG"))"; }
  info "redis: up on $MERCATO_HOST:$MERCATO_REDIS_PORT"
}

redis_down() {
  stop_pidfile redis "$REDIS_PID" redis-server 15
}

redis_status() {
  if pidfile_alive "$REDIS_PID" redis-server && redis_ping; then
    info "redis:     up    $MERCATO_HOST:$MERCATO_REDIS_PORT"
  else
    info "redis:     down"
    return 1
  fi
}

# ----------------------------------------------------------------- Kafka ----
KAFKA_DIR="$MERCATO_DATA/kafka"
KAFKA_LOGDIR="$KAFKA_DIR/data"
KAFKA_LIB="$MERCATO_LIB/kafka"
KAFKA_PID="$KAFKA_DIR/kafka.pid"
KAFKA_LOG="$MERCATO_LOGS/kafka.log"
KAFKA_PROPS="$KAFKA_DIR/server.properties"
KAFKA_POM="$MERCATO_SCRIPTS/services/kafka-pom.xml"
KAFKA_READY_TIMEOUT="${MERCATO_KAFKA_READY_TIMEOUT:-90}"

kafka_write_config() {
  mkdir -p "$KAFKA_DIR" "$KAFKA_LOGDIR"
  cat >"$KAFKA_PROPS" <<EOF
# Written by scripts/services.sh on every start: edit there, not here.
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=$MERCATO_HOST:$MERCATO_KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$MERCATO_HOST:$MERCATO_KAFKA_PORT,CONTROLLER://$MERCATO_HOST:$MERCATO_KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$MERCATO_HOST:$MERCATO_KAFKA_PORT,CONTROLLER://$MERCATO_HOST:$MERCATO_KAFKA_CONTROLLER_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$KAFKA_LOGDIR
num.partitions=3
default.replication.factor=1
min.insync.replicas=1
auto.create.topics.enable=true
delete.topic.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=10
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
num.network.threads=2
num.io.threads=4
log.retention.hours=72
log.segment.bytes=67108864
EOF
  cat >"$KAFKA_DIR/log4j2-broker.properties" <<'EOF'
status = warn
appender.out.type = Console
appender.out.name = OUT
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = info
rootLogger.appenderRef.out.ref = OUT
logger.kafka.name = kafka
logger.kafka.level = info
logger.apache.name = org.apache.kafka
logger.apache.level = info
logger.request.name = kafka.request.logger
logger.request.level = warn
logger.cleaner.name = kafka.log.LogCleaner
logger.cleaner.level = warn
EOF
  cat >"$KAFKA_DIR/log4j2-tools.properties" <<'EOF'
status = error
appender.err.type = Console
appender.err.name = ERR
appender.err.target = SYSTEM_ERR
appender.err.layout.type = PatternLayout
appender.err.layout.pattern = %p %m (%c)%n
rootLogger.level = warn
rootLogger.appenderRef.err.ref = ERR
EOF
}

# kafka_tool MAIN-CLASS ARGS... -> run a Kafka command-line tool.
kafka_tool() {
  java -Xmx256m -XX:TieredStopAtLevel=1 -Xshare:auto \
    -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2-tools.properties" \
    -cp "$KAFKA_LIB/*" "$@"
}

# kafka_broker_answers SECONDS -> true when the broker lists its topics within SECONDS (a
# whole JVM starts for the check: on a loaded machine that alone can take most of a minute).
kafka_broker_answers() {
  timeout "$1" java -Xmx256m -XX:TieredStopAtLevel=1 \
    -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2-tools.properties" \
    -cp "$KAFKA_LIB/*" org.apache.kafka.tools.TopicCommand \
    --bootstrap-server "$MERCATO_HOST:$MERCATO_KAFKA_PORT" --list >/dev/null 2>&1
}

# Starts the broker if needed; prints nothing (kafka_wait reports).
KAFKA_WAS_RUNNING=0
kafka_start() {
  ensure_java_maven
  maven_fetch "$KAFKA_POM" "$KAFKA_LIB"
  kafka_write_config
  if pidfile_alive "$KAFKA_PID" kafka.Kafka; then
    KAFKA_WAS_RUNNING=1
    return 0
  fi
  local port pid other
  for port in "$MERCATO_KAFKA_PORT" "$MERCATO_KAFKA_CONTROLLER_PORT"; do
    port_open "$port" || continue
    pid="$(port_listener_pid "$port")"
    other="$(foreign_mercato_data "$pid")"
    if [[ -n "$other" ]]; then
      info "kafka: stopping the broker of another Mercato checkout ($other) that holds port $port"
      stop_pid kafka "$pid" 30 || die "could not stop pid $pid"
    else
      die "port $MERCATO_HOST:$port is taken by $(pid_describe "$pid"); stop it or set MERCATO_KAFKA_PORT / MERCATO_KAFKA_CONTROLLER_PORT"
    fi
  done
  if [[ ! -f "$KAFKA_LOGDIR/meta.properties" ]]; then
    local id
    id="$(kafka_tool kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n1)"
    [[ -n "$id" ]] || die "kafka: StorageTool random-uuid failed"
    printf '%s\n' "$id" >"$KAFKA_DIR/cluster.id"
    if ! kafka_tool kafka.tools.StorageTool format --standalone -t "$id" -c "$KAFKA_PROPS" \
        >"$MERCATO_LOGS/kafka-format.log" 2>&1; then
      tail_log "$MERCATO_LOGS/kafka-format.log"
      die "kafka: formatting the storage failed"
    fi
    info "kafka: formatted storage $(rel "$KAFKA_LOGDIR") (cluster id $id)"
  fi
  {
    printf '\n==== Mercato: starting Kafka broker at %s ====\n' "$(date -Is)"
  } >>"$KAFKA_LOG"
  # shellcheck disable=SC2086
  spawn_detached "$KAFKA_PID" "$KAFKA_LOG" \
    java -Xms256m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2-broker.properties" \
    ${MERCATO_KAFKA_JAVA_OPTS:-} \
    -cp "$KAFKA_LIB/*" kafka.Kafka "$KAFKA_PROPS"
}

kafka_wait() {
  local pid end rc=0
  pid="$(pid_from_file "$KAFKA_PID")"
  end=$((SECONDS + KAFKA_READY_TIMEOUT))
  wait_for_port "$MERCATO_KAFKA_PORT" "$KAFKA_READY_TIMEOUT" "$MERCATO_HOST" "$pid" || rc=$?
  if ((rc == 0)); then
    rc=1
    while ((SECONDS < end)); do
      if kafka_broker_answers "$(((end - SECONDS) > 30 ? end - SECONDS : 30))"; then rc=0; break; fi
      kill -0 "$pid" 2>/dev/null || { rc=2; break; }
      sleep 1
    done
  fi
  case "$rc" in
    0) ;;
    2) tail_log "$KAFKA_LOG" 40
       rm -f "$KAFKA_PID"
       die "Kafka exited during startup (log $(rel "$KAFKA_LOG"))" ;;
    *) tail_log "$KAFKA_LOG" 40
       die "Kafka is not ready on $MERCATO_HOST:$MERCATO_KAFKA_PORT after ${KAFKA_READY_TIMEOUT}s (log $(rel "$KAFKA_LOG"))" ;;
  esac
  info "kafka: up on $MERCATO_HOST:$MERCATO_KAFKA_PORT (controller :$MERCATO_KAFKA_CONTROLLER_PORT$([[ $KAFKA_WAS_RUNNING == 1 ]] && printf ', already running'))"
}

kafka_down() {
  stop_pidfile kafka "$KAFKA_PID" kafka.Kafka 30
}

kafka_status() {
  if pidfile_alive "$KAFKA_PID" kafka.Kafka && port_open "$MERCATO_KAFKA_PORT"; then
    info "kafka:     up    $MERCATO_HOST:$MERCATO_KAFKA_PORT  (controller :$MERCATO_KAFKA_CONTROLLER_PORT)"
  else
    info "kafka:     down"
    return 1
  fi
}

# ------------------------------------------------------------- GreenMail ----
GM_DIR="$MERCATO_DATA/greenmail"
GM_LIB="$MERCATO_LIB/greenmail"
GM_PID="$GM_DIR/greenmail.pid"
GM_LOG="$MERCATO_LOGS/greenmail.log"
GM_POM="$MERCATO_SCRIPTS/services/greenmail-pom.xml"
GM_API="http://$MERCATO_HOST:$MERCATO_SMTP_API_PORT"

gm_ready() {
  [[ "$(http_status "$GM_API/api/service/readiness")" == 200 ]] && port_open "$MERCATO_SMTP_PORT"
}

GM_WAS_RUNNING=0
greenmail_start() {
  ensure_java_maven
  command -v curl >/dev/null 2>&1 || apt_install curl
  maven_fetch "$GM_POM" "$GM_LIB"
  mkdir -p "$GM_DIR"
  if pidfile_alive "$GM_PID" greenmail; then
    GM_WAS_RUNNING=1
    return 0
  fi
  local port pid other
  for port in "$MERCATO_SMTP_PORT" "$MERCATO_SMTP_API_PORT"; do
    port_open "$port" || continue
    pid="$(port_listener_pid "$port")"
    other="$(foreign_mercato_data "$pid")"
    if [[ -n "$other" ]]; then
      info "greenmail: stopping the SMTP sink of another Mercato checkout ($other) that holds port $port"
      stop_pid greenmail "$pid" 15 || die "could not stop pid $pid"
    else
      die "port $MERCATO_HOST:$port is taken by $(pid_describe "$pid"); stop it or set MERCATO_SMTP_PORT / MERCATO_SMTP_API_PORT"
    fi
  done
  local jar jars
  shopt -s nullglob
  jars=("$GM_LIB"/greenmail-standalone-*.jar)
  shopt -u nullglob
  jar="${jars[0]:-}"
  [[ -n "$jar" ]] || die "GreenMail jar missing in $(rel "$GM_LIB")"
  printf '\n==== Mercato: starting GreenMail at %s ====\n' "$(date -Is)" >>"$GM_LOG"
  # Runs from .data/greenmail so the process is recognisably ours.
  # shellcheck disable=SC2086
  (cd "$GM_DIR" && spawn_detached "$GM_PID" "$GM_LOG" \
    java -Xms64m -Xmx256m -XX:TieredStopAtLevel=1 -Djava.awt.headless=true \
    -Dgreenmail.smtp.hostname="$MERCATO_HOST" -Dgreenmail.smtp.port="$MERCATO_SMTP_PORT" \
    -Dgreenmail.api.hostname="$MERCATO_HOST" -Dgreenmail.api.port="$MERCATO_SMTP_API_PORT" \
    -Dgreenmail.auth.disabled \
    ${MERCATO_GREENMAIL_JAVA_OPTS:-} \
    -jar "$jar")
}

greenmail_wait() {
  local pid end
  pid="$(pid_from_file "$GM_PID")"
  end=$((SECONDS + 60))
  while ((SECONDS < end)); do
    if gm_ready; then
      info "greenmail: up, SMTP on $MERCATO_HOST:$MERCATO_SMTP_PORT, API on $GM_API$([[ $GM_WAS_RUNNING == 1 ]] && printf ' (already running)')"
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      tail_log "$GM_LOG"
      rm -f "$GM_PID"
      die "GreenMail exited during startup (log $(rel "$GM_LOG"))"
    fi
    sleep 0.3
  done
  tail_log "$GM_LOG"
  die "GreenMail is not ready after 60s (log $(rel "$GM_LOG"))"
}

greenmail_down() {
  stop_pidfile greenmail "$GM_PID" greenmail 15
}

greenmail_status() {
  if pidfile_alive "$GM_PID" greenmail && gm_ready; then
    info "greenmail: up    SMTP $MERCATO_HOST:$MERCATO_SMTP_PORT, API $GM_API"
  else
    info "greenmail: down"
    return 1
  fi
}

# ------------------------------------------------------------------ main ----
usage() {
  sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

canonical() {
  case "$1" in
    postgres | postgresql | pg | db) printf postgres ;;
    postgres2 | pg2 | db2) printf postgres2 ;;
    postgres2-replica | replica) printf postgres2-replica ;;
    redis) printf redis ;;
    kafka) printf kafka ;;
    greenmail | smtp | mail) printf greenmail ;;
    *) die "unknown service '$1' (known: ${KNOWN_SERVICES[*]})" ;;
  esac
}

# Sets SELECTED to the requested services in canonical order.
select_services() {
  SELECTED=()
  if (($# == 0)); then
    SELECTED=("${ALL_SERVICES[@]}")
    return 0
  fi
  local want=() s c
  for s in "$@"; do want+=("$(canonical "$s")"); done
  for c in "${KNOWN_SERVICES[@]}"; do
    for s in "${want[@]}"; do
      if [[ "$s" == "$c" ]]; then SELECTED+=("$c"); break; fi
    done
  done
}

selected() {
  local s
  for s in "${SELECTED[@]}"; do [[ "$s" == "$1" ]] && return 0; done
  return 1
}

# The lock is fd 9; every daemon started here closes it (9>&-) so that it
# does not keep the lock after this script ends. PostgreSQL and Redis detach
# themselves into their own session; the JVMs are started with setsid
# (spawn_detached) so that they survive the process group that started them.
lock_services() {
  exec 9>"$MERCATO_DATA/services.lock"
  flock -w 300 9 || die "another scripts/services.sh is still running (lock $(rel "$MERCATO_DATA/services.lock"))"
}

cmd_up() {
  select_services "$@"
  local t0=$SECONDS
  if selected postgres; then postgres_up; fi
  # the standby is a copy of postgres2: that one first
  if selected postgres2 || selected postgres2-replica; then postgres2_up; fi
  if selected postgres2-replica; then postgres2-replica_up; fi
  if selected redis; then redis_up; fi
  # Kafka and GreenMail are JVMs: start both, then wait for both.
  if selected kafka; then kafka_start; fi
  if selected greenmail; then greenmail_start; fi
  if selected kafka; then kafka_wait; fi
  if selected greenmail; then greenmail_wait; fi
  info "Mercato services up (${SELECTED[*]}) in $((SECONDS - t0))s; logs in $(rel "$MERCATO_LOGS")"
}

cmd_down() {
  # without names: everything, the second PostgreSQL pair too
  if (($# == 0)); then set -- "${KNOWN_SERVICES[@]}"; fi
  select_services "$@"
  local i s
  # Stop in reverse order.
  for ((i = ${#SELECTED[@]} - 1; i >= 0; i--)); do
    s="${SELECTED[$i]}"
    "${s}_down"
  done
}

cmd_status() {
  select_services "$@"
  local s rc=0
  for s in "${SELECTED[@]}"; do
    "${s}_status" || rc=3
  done
  return "$rc"
}

main() {
  local cmd="${1:-up}"
  (($#)) && shift
  case "$cmd" in
    up | start)
      ensure_data_dirs
      lock_services
      cmd_up "$@" ;;
    down | stop)
      ensure_data_dirs
      lock_services
      cmd_down "$@" ;;
    restart)
      ensure_data_dirs
      lock_services
      cmd_down "$@"
      cmd_up "$@" ;;
    status)
      cmd_status "$@" ;;
    topics)
      [[ -d "$KAFKA_LIB" ]] || die "Kafka jars are not fetched yet: run scripts/services.sh up kafka"
      kafka_tool org.apache.kafka.tools.TopicCommand \
        --bootstrap-server "$MERCATO_HOST:$MERCATO_KAFKA_PORT" "$@" ;;
    -h | --help | help)
      usage ;;
    postgres | postgresql | pg | db | postgres2 | pg2 | db2 | postgres2-replica | replica | redis | kafka | greenmail | smtp | mail)
      # `services.sh kafka redis` means `services.sh up kafka redis`.
      ensure_data_dirs
      lock_services
      cmd_up "$cmd" "$@" ;;
    *)
      usage >&2
      exit 2 ;;
  esac
}

main "$@"
