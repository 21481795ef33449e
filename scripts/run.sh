#!/usr/bin/env bash
# Run Mercato on this machine (the README's first command).
#
#   scripts/run.sh [APP-ARGS...]                 build if needed, start the
#                                                services, run in the foreground
#   scripts/run.sh --background|-d [APP-ARGS...] same, in the background; waits
#                                                until /health/ready answers 200
#   scripts/run.sh stop                          stop a background instance
#   scripts/run.sh status                        is a background instance up?
#
# APP-ARGS go to `java -jar target/mercato.jar`, e.g. `-conf conf/dev.yaml`.
# Environment: MERCATO_HTTP_PORT (default 8080), MERCATO_JAVA_OPTS (extra JVM
# flags), plus whatever configuration keys the application reads.
# Background instance: log .data/logs/mercato.log, pid file .data/mercato.pid.
set -euo pipefail

# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

APP_PID="$MERCATO_DATA/mercato.pid"
APP_LOG="$MERCATO_LOGS/mercato.log"
APP_URL="http://$MERCATO_HOST:$MERCATO_HTTP_PORT"
READY_TIMEOUT="${MERCATO_READY_TIMEOUT:-120}"

up_line() {
  info "Mercato is up on $APP_URL (API docs: /docs, readiness: /health/ready)"
  info "  storefront: $APP_URL/"
  info "  consoles:   $APP_URL/console/ (sellers, warehouses, affiliates, admins)"
}

java_cmd() {
  # shellcheck disable=SC2206
  local extra=(${MERCATO_JAVA_OPTS:-})
  JAVA_CMD=(java "${MERCATO_HAZELCAST_JVM_FLAGS[@]}" "${MERCATO_JVM_FLAGS[@]}" "${extra[@]}" -jar "$MERCATO_JAR" "$@")
}

stop_app() {
  ensure_data_dirs
  stop_pidfile mercato "$APP_PID" mercato.jar 30
}

status_app() {
  if pidfile_alive "$APP_PID" mercato.jar; then
    local code
    code="$(http_status "$APP_URL/health/ready")"
    info "mercato: running (pid $(pid_from_file "$APP_PID")), $APP_URL/health/ready -> $code"
    [[ "$code" == 200 ]] || return 3
  else
    info "mercato: no background instance running"
    return 3
  fi
}

prepare() {
  ensure_data_dirs
  ensure_java_maven
  command -v curl >/dev/null 2>&1 || apt_install curl
  build_jar_if_needed
  "$MERCATO_SCRIPTS/services.sh" up
  ensure_dev_keys
}

run_foreground() {
  prepare
  if port_open "$MERCATO_HTTP_PORT"; then
    die "port $MERCATO_HOST:$MERCATO_HTTP_PORT is already in use by $(pid_describe "$(port_listener_pid "$MERCATO_HTTP_PORT")") (a background instance? try scripts/run.sh stop)"
  fi
  java_cmd "$@"
  info "Mercato: starting in the foreground (Ctrl-C to stop)"
  cd "$MERCATO_ROOT"
  "${JAVA_CMD[@]}" &
  local pid=$!
  # Ctrl-C or SIGTERM reach Mercato, which stops gracefully; the script waits for it.
  trap 'kill -TERM "$pid" 2>/dev/null || true' INT TERM
  local rc=0
  wait_for_http_200 "$APP_URL/health/ready" "$READY_TIMEOUT" "$pid" || rc=$?
  if [[ "$rc" == 0 ]]; then
    "$MERCATO_SCRIPTS/demo.sh" "$APP_URL" || warn "demo data could not be loaded"
    up_line
  elif [[ "$rc" == 1 ]]; then
    warn "Mercato is not ready after ${READY_TIMEOUT}s ($APP_URL/health/ready)"
  fi
  # wait returns early when a signal arrives; keep waiting until Mercato has stopped.
  while kill -0 "$pid" 2>/dev/null; do
    wait "$pid" || true
  done
}

run_background() {
  prepare
  local pid
  if pidfile_alive "$APP_PID" mercato.jar; then
    pid="$(pid_from_file "$APP_PID")"
    info "mercato: already running in the background (pid $pid)"
  else
    if port_open "$MERCATO_HTTP_PORT"; then
      die "port $MERCATO_HOST:$MERCATO_HTTP_PORT is already in use by $(pid_describe "$(port_listener_pid "$MERCATO_HTTP_PORT")")"
    fi
    java_cmd "$@"
    printf '\n==== Mercato: starting at %s: %s ====\n' "$(date -Is)" "${JAVA_CMD[*]}" >>"$APP_LOG"
    cd "$MERCATO_ROOT"
    spawn_detached "$APP_PID" "$APP_LOG" "${JAVA_CMD[@]}"
    pid="$(pid_from_file "$APP_PID")"
    info "mercato: started (pid $pid, log $(rel "$APP_LOG")); waiting for $APP_URL/health/ready"
  fi
  local rc=0
  wait_for_http_200 "$APP_URL/health/ready" "$READY_TIMEOUT" "$pid" || rc=$?
  case "$rc" in
    0) "$MERCATO_SCRIPTS/demo.sh" "$APP_URL" || warn "demo data could not be loaded"
       up_line ;;
    2) tail_log "$APP_LOG" 40
       rm -f "$APP_PID"
       die "Mercato exited during startup (log $(rel "$APP_LOG"))" ;;
    *) tail_log "$APP_LOG" 40
       die "Mercato is not ready after ${READY_TIMEOUT}s ($APP_URL/health/ready -> $(http_status "$APP_URL/health/ready"); log $(rel "$APP_LOG")); stop it with scripts/run.sh stop" ;;
  esac
}

main() {
  case "${1:-}" in
    stop) stop_app ;;
    status) status_app ;;
    --background | -d)
      shift
      run_background "$@" ;;
    -h | --help)
      sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' ;;
    *) run_foreground "$@" ;;
  esac
}

main "$@"
