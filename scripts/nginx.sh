#!/usr/bin/env bash
# nginx in front of Mercato nodes, from deploy/nginx/mercato.conf.
#
#   scripts/nginx.sh up [--port P] [--source ADDR] NODE...   start a private nginx on 127.0.0.1:P
#                                  (default 8088) balancing over the nodes; NODE is a port
#                                  (127.0.0.1:PORT) or HOST:PORT of a node's http.port
#   scripts/nginx.sh down [--port P]     stop it
#   scripts/nginx.sh status [--port P]   say whether it runs (exit 0) or not (exit 3)
#   scripts/nginx.sh render [--listen ADDR:PORT] [--source ADDR] NODE...
#                                  print the rendered template (for /etc/nginx/conf.d on a VM)
#
# --source ADDR: the address nginx connects to the nodes from (proxy_bind); the nodes list it
# in http.trustedProxies. Without it, the system picks (127.0.0.1 on loopback).
# The body limit is http.bodyLimit: MERCATO_HTTP_BODY_LIMIT, else conf/mercato.yaml.
#
# Installs nginx from Debian when it is missing (apt), never starts or touches the system's
# nginx service: `up` runs its own master process (daemon off, in its own session) with the
# prefix .data/nginx/<P>/ (nginx.conf, mercato.conf, logs/, temp/, nginx.pid).
set -euo pipefail

# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

TEMPLATE="$MERCATO_ROOT/deploy/nginx/mercato.conf"
PORT="${MERCATO_NGINX_PORT:-8088}"
LISTEN=""
SOURCE=""
NODES=()

usage() { sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

parse_args() {
  while (($#)); do
    case "$1" in
      --port) PORT="${2:?--port needs a number}"; shift 2 ;;
      --listen) LISTEN="${2:?--listen needs ADDR:PORT}"; shift 2 ;;
      --source) SOURCE="${2:?--source needs an address}"; shift 2 ;;
      -h | --help) usage; exit 0 ;;
      -*) die "unknown option '$1' (see scripts/nginx.sh --help)" ;;
      *) NODES+=("$1"); shift ;;
    esac
  done
  [[ "$PORT" =~ ^[0-9]+$ ]] && ((PORT >= 1 && PORT <= 65535)) || die "--port must be a port number (got '$PORT')"
  if [[ -n "$SOURCE" && ! "$SOURCE" =~ ^[0-9A-Fa-f:.]+$ ]]; then
    die "--source must be an IP address (got '$SOURCE')"
  fi
}

prefix() { printf '%s/nginx/%s' "$MERCATO_DATA" "$PORT"; }

# The nginx binary (Debian puts it in /usr/sbin, which a non-root PATH may lack).
nginx_bin() {
  if command -v nginx >/dev/null 2>&1; then command -v nginx; else printf /usr/sbin/nginx; fi
}

# http.bodyLimit as the node reads it: the environment, else conf/mercato.yaml.
body_limit() {
  local limit="${MERCATO_HTTP_BODY_LIMIT:-}"
  if [[ -z "$limit" ]]; then
    limit="$(sed -n 's/^  bodyLimit: *\([0-9][0-9]*\).*/\1/p' "$MERCATO_ROOT/conf/mercato.yaml" | head -n1)"
  fi
  [[ "$limit" =~ ^[0-9]+$ ]] || die "cannot read http.bodyLimit from conf/mercato.yaml (got '$limit')"
  printf '%s' "$limit"
}

# render LISTEN ACCESS_LOG -> the template with every @@NAME@@ replaced, on stdout.
render_template() {
  local listen="$1" access="$2" servers="" node host port bind limit
  ((${#NODES[@]})) || die "name at least one Mercato node (a port, or HOST:PORT)"
  for node in "${NODES[@]}"; do
    if [[ "$node" =~ ^[0-9]+$ ]]; then
      host=127.0.0.1 port="$node"
    elif [[ "$node" =~ ^(.+):([0-9]+)$ ]]; then
      host="${BASH_REMATCH[1]}" port="${BASH_REMATCH[2]}"
    else
      die "a node is a port or HOST:PORT (got '$node')"
    fi
    ((port >= 1 && port <= 65535)) || die "node port out of range: '$node'"
    # One failure takes a node out for 5 s (nginx has no active health checks); the
    # request that met it goes to the next node when it may (proxy_next_upstream).
    servers+="    server $host:$port max_fails=1 fail_timeout=5s;"$'\n'
  done
  if [[ -n "$SOURCE" ]]; then
    bind="    proxy_bind $SOURCE;            # the nodes' http.trustedProxies lists this address"
  else
    bind="    # proxy_bind ADDR;               # the address the nodes' http.trustedProxies lists"
  fi
  limit="$(body_limit)"
  [[ -f "$TEMPLATE" ]] || die "the template $(rel "$TEMPLATE") is missing"
  # awk, not sed: the values hold slashes and the server lines are several.
  awk -v servers="${servers%$'\n'}" -v listen="$listen" -v limit="$limit" -v bind="$bind" -v access="$access" '
    { gsub(/@@LISTEN@@/, listen); gsub(/@@BODY_LIMIT@@/, limit); gsub(/@@ACCESS_LOG@@/, access) }
    /^@@UPSTREAM_SERVERS@@$/ { print servers; next }
    /^@@PROXY_BIND@@$/ { print bind; next }
    { print }
  ' "$TEMPLATE"
}

nginx_up() {
  ensure_nginx
  ensure_data_dirs
  local dir nginx pidfile log
  dir="$(prefix)"
  nginx="$(nginx_bin)"
  pidfile="$dir/nginx.pid"
  if pidfile_alive "$pidfile" nginx; then
    die "nginx on 127.0.0.1:$PORT already runs (pid $(pid_from_file "$pidfile")); run scripts/nginx.sh down --port $PORT first"
  fi
  port_open "$PORT" && die "port 127.0.0.1:$PORT is already in use by $(pid_describe "$(port_listener_pid "$PORT")")"
  mkdir -p "$dir/logs" "$dir/temp"
  render_template "127.0.0.1:$PORT" "$dir/logs/access.log" >"$dir/mercato.conf"
  local user=""
  # A root master hands its workers to "nobody" by default, who could not write the temp
  # folders here; this instance's workers stay the invoking user.
  if ((EUID == 0)); then user="user root root;"; fi
  cat >"$dir/nginx.conf" <<CONF
# Written by scripts/nginx.sh: a private nginx for Mercato on 127.0.0.1:$PORT.
$user
daemon off;
worker_processes 1;
pid $dir/nginx.pid.nginx;
error_log $dir/logs/error.log warn;
events { worker_connections 1024; }
http {
    default_type application/octet-stream;
    client_body_temp_path $dir/temp/body;
    proxy_temp_path $dir/temp/proxy;
    fastcgi_temp_path $dir/temp/fastcgi;
    uwsgi_temp_path $dir/temp/uwsgi;
    scgi_temp_path $dir/temp/scgi;
    include $dir/mercato.conf;
}
CONF
  log="$dir/logs/nginx.out"
  if ! "$nginx" -t -q -p "$dir" -e "$dir/logs/error.log" -c "$dir/nginx.conf" >"$log" 2>&1; then
    cat "$log" >&2
    die "nginx refused the configuration $(rel "$dir/nginx.conf")"
  fi
  spawn_detached "$pidfile" "$log" "$nginx" -p "$dir" -e "$dir/logs/error.log" -c "$dir/nginx.conf"
  local pid
  pid="$(pid_from_file "$pidfile")"
  if ! wait_for_port "$PORT" 15 127.0.0.1 "$pid"; then
    tail_log "$dir/logs/error.log"
    tail_log "$log"
    die "nginx did not listen on 127.0.0.1:$PORT (logs $(rel "$dir/logs"))"
  fi
  info "nginx: up on http://127.0.0.1:$PORT (pid $pid) in front of ${NODES[*]}; logs $(rel "$dir/logs")"
}

nginx_down() {
  stop_pidfile nginx "$(prefix)/nginx.pid" nginx 15
}

nginx_status() {
  local pidfile
  pidfile="$(prefix)/nginx.pid"
  if pidfile_alive "$pidfile" nginx; then
    info "nginx: up on http://127.0.0.1:$PORT (pid $(pid_from_file "$pidfile")), upstreams: $(sed -n 's/^ *server \([^ ]*\) .*/\1/p' "$(prefix)/mercato.conf" | tr '\n' ' ')"
  else
    info "nginx: not running on 127.0.0.1:$PORT"
    return 3
  fi
}

main() {
  local cmd="${1:-}"
  (($#)) && shift
  parse_args "$@"
  case "$cmd" in
    up | start) nginx_up ;;
    down | stop) nginx_down ;;
    status) nginx_status ;;
    render) render_template "${LISTEN:-80}" /var/log/nginx/mercato.access.log ;;
    -h | --help | help) usage ;;
    *) usage >&2; exit 2 ;;
  esac
}

main "$@"
