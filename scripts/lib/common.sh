# shellcheck shell=bash
# shellcheck disable=SC2034  # the variables below are used by the sourcing scripts
# Shared shell functions for the Mercato scripts (sourced, never run).
#
# Everything a script creates at run time (data, logs, pid files, downloaded
# jars, sockets) lives under ONE folder: <repo>/.data (git-ignored; this file
# also drops a `.data/.gitignore` containing `*` so it stays out of git even in
# a checkout whose root .gitignore lacks it).

# ---------------------------------------------------------------- paths ----
MERCATO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
# MERCATO_DATA and MERCATO_LIB may be set by a caller that runs its own instances
# elsewhere (scripts/faults.sh points services.sh at .data/faults); by default
# everything is under <repo>/.data.
MERCATO_DATA="${MERCATO_DATA:-$MERCATO_ROOT/.data}"
MERCATO_LOGS="$MERCATO_DATA/logs"
MERCATO_LIB="${MERCATO_LIB:-$MERCATO_DATA/lib}"
MERCATO_SCRIPTS="$MERCATO_ROOT/scripts"
MERCATO_JAR="$MERCATO_ROOT/target/mercato.jar"

# ---------------------------------------------------------------- ports ----
# All services listen on loopback only. Override with the environment.
MERCATO_HOST=127.0.0.1
MERCATO_DB_PORT="${MERCATO_DB_PORT:-5432}"
MERCATO_DB2_PORT="${MERCATO_DB2_PORT:-5433}"
MERCATO_DB2_REPLICA_PORT="${MERCATO_DB2_REPLICA_PORT:-5434}"
MERCATO_REDIS_PORT="${MERCATO_REDIS_PORT:-6379}"
MERCATO_KAFKA_PORT="${MERCATO_KAFKA_PORT:-9092}"
MERCATO_KAFKA_CONTROLLER_PORT="${MERCATO_KAFKA_CONTROLLER_PORT:-9093}"
MERCATO_SMTP_PORT="${MERCATO_SMTP_PORT:-3025}"
MERCATO_SMTP_API_PORT="${MERCATO_SMTP_API_PORT:-8025}"
MERCATO_HTTP_PORT="${MERCATO_HTTP_PORT:-8080}"

# JVM flags that silence Hazelcast's module-access warnings (harmless when
# the node is not clustered).
MERCATO_HAZELCAST_JVM_FLAGS=(
  --add-modules java.se
  --add-exports java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens java.base/java.lang=ALL-UNNAMED
  --add-opens java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens java.management/sun.management=ALL-UNNAMED
  --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED
)

# The JVM flags a Mercato node runs with (scripts/run.sh; the bench and the fault runs by
# default). The live heap is a few tens of MiB (32 MiB after GC in the 15-minute soak), so
# a 320 MiB heap leaves ten times that for bursts; the serial collector's own memory is a
# few MiB where G1's is about 50, and its pauses on a heap this size take milliseconds.
# Thread stacks, code cache, metaspace and direct buffers get ceilings that sit well
# above what a loaded node uses, so the process stays under 512 MiB resident. A node that
# runs out of memory exits (its supervisor restarts it) rather than limping on.
# MERCATO_JAVA_OPTS adds to or overrides these (a later -Xmx wins).
MERCATO_JVM_FLAGS=(
  -Xms64m -Xmx320m -XX:+UseSerialGC
  -Xss512k -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=192m -XX:MaxDirectMemorySize=128m
  -XX:+ExitOnOutOfMemoryError
)

# -------------------------------------------------------------- logging ----
# Informational lines go to stdout as they are ("postgres: up on ...").
info() { printf '%s\n' "$*"; }
warn() { printf 'Mercato: warning: %s\n' "$*" >&2; }
die() { printf 'Mercato: error: %s\n' "$*" >&2; exit 1; }

# Print the last lines of a log file to stderr (for failure messages).
tail_log() {
  local file="$1" lines="${2:-30}"
  if [[ -s "$file" ]]; then
    printf -- '---- last %s lines of %s ----\n' "$lines" "$file" >&2
    tail -n "$lines" "$file" >&2 || true
    printf -- '----\n' >&2
  fi
}

# Path relative to the repo root, for messages.
rel() { local p="$1"; printf '%s' "${p#"$MERCATO_ROOT"/}"; }

# --------------------------------------------------------------- layout ----
ensure_data_dirs() {
  mkdir -p "$MERCATO_DATA" "$MERCATO_LOGS" "$MERCATO_LIB"
  # Other OS users (postgres) must be able to traverse .data.
  chmod u=rwx,go=rx "$MERCATO_DATA" "$MERCATO_LOGS" "$MERCATO_LIB" 2>/dev/null || true
  [[ -f "$MERCATO_DATA/.gitignore" ]] || printf '*\n' >"$MERCATO_DATA/.gitignore"
}

# ------------------------------------------------------------ processes ----
# pid_from_file FILE -> prints the pid in FILE (empty if none).
pid_from_file() {
  local f="$1" pid=""
  if [[ -s "$f" ]]; then read -r pid <"$f" || true; fi
  [[ "$pid" =~ ^[0-9]+$ ]] && printf '%s' "$pid"
  return 0
}

# pid_matches PID PATTERN -> true if PID is alive and its command line
# contains PATTERN (guards against a recycled pid).
pid_matches() {
  local pid="$1" pattern="${2:-}"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  [[ -z "$pattern" ]] && return 0
  local cmd
  cmd="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
  [[ "$cmd" == *"$pattern"* ]]
}

# pidfile_alive FILE [PATTERN] -> true if the pid in FILE runs (and matches).
pidfile_alive() {
  local pid
  pid="$(pid_from_file "$1")"
  pid_matches "$pid" "${2:-}"
}

# spawn_detached PIDFILE LOGFILE COMMAND... -> start COMMAND in the
# background in a NEW SESSION (setsid), so that it outlives whatever started
# it: a terminal that closes, or a tool or test runner that kills its own
# process group when it ends. Output is appended to LOGFILE, stdin is
# /dev/null, and fd 9 (the services lock) is not inherited. PIDFILE receives
# the pid of COMMAND itself (written by the child before it execs).
spawn_detached() {
  local pidfile="$1" log="$2" i
  shift 2
  rm -f "$pidfile"
  # shellcheck disable=SC2016  # $$ and $0 are expanded by the child bash
  setsid bash -c 'echo "$$" >"$0"; exec nohup "$@"' "$pidfile" "$@" \
    >>"$log" 2>&1 </dev/null 9>&- &
  for ((i = 0; i < 100; i++)); do
    [[ -s "$pidfile" ]] && return 0
    sleep 0.05
  done
  die "could not start $1 (no pid file $(rel "$pidfile"))"
}

# stop_pid NAME PID [TIMEOUT=30] -> SIGTERM, wait, then SIGKILL.
stop_pid() {
  local name="$1" pid="$2" timeout="${3:-30}" i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < timeout * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  warn "$name (pid $pid) did not stop within ${timeout}s; sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  return 1
}

# stop_pidfile NAME FILE [PATTERN] [TIMEOUT] -> stop the process, remove FILE.
# Prints "NAME: stopped" or "NAME: not running".
stop_pidfile() {
  local name="$1" file="$2" pattern="${3:-}" timeout="${4:-30}" pid
  pid="$(pid_from_file "$file")"
  if pid_matches "$pid" "$pattern"; then
    stop_pid "$name" "$pid" "$timeout" || die "$name (pid $pid) could not be stopped"
    rm -f "$file"
    info "$name: stopped"
  else
    rm -f "$file"
    info "$name: not running"
  fi
}

# ----------------------------------------------------------------- ports ---
# port_open PORT [HOST] -> true if a TCP connect succeeds.
port_open() {
  local port="$1" host="${2:-$MERCATO_HOST}"
  timeout 2 bash -c "exec 3<>/dev/tcp/$host/$port" 2>/dev/null
}

# wait_for_port PORT TIMEOUT [HOST] [PID] -> wait until the port accepts
# connections; returns 1 on timeout, 2 if PID (when given) died meanwhile.
wait_for_port() {
  local port="$1" timeout="$2" host="${3:-$MERCATO_HOST}" pid="${4:-}" end
  end=$((SECONDS + timeout))
  while ((SECONDS < end)); do
    port_open "$port" "$host" && return 0
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then return 2; fi
    sleep 0.3
  done
  return 1
}

# port_listener_pid PORT -> pid of the process listening on 127.0.0.1/any PORT.
port_listener_pid() {
  local port="$1" line
  command -v ss >/dev/null 2>&1 || return 0
  line="$(ss -ltnpH "sport = :$port" 2>/dev/null | head -n1 || true)"
  [[ "$line" =~ pid=([0-9]+) ]] && printf '%s' "${BASH_REMATCH[1]}"
  return 0
}

# pid_describe PID -> "pid N: <command line>" for messages.
pid_describe() {
  local pid="$1"
  [[ -n "$pid" ]] || { printf 'an unknown process'; return 0; }
  printf 'pid %s: %s' "$pid" "$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | cut -c1-200)"
}

# foreign_mercato_data PID -> if PID belongs to ANOTHER Mercato checkout
# (its command line or working directory points into some other
# <repo>/.data), print that .data path.
foreign_mercato_data() {
  local pid="$1" cmd cwd path
  [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] || return 0
  cmd="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
  cwd="$(readlink "/proc/$pid/cwd" 2>/dev/null || true)"
  for path in $cmd "$cwd"; do
    if [[ "$path" =~ ^(/.*/\.data)(/|$) ]]; then
      path="${BASH_REMATCH[1]}"
      if [[ "$path" != "$MERCATO_DATA" && -f "$(dirname "$path")/scripts/services.sh" ]]; then
        printf '%s' "$path"
        return 0
      fi
    fi
  done
  return 0
}

# ------------------------------------------------------------- installs ----
_MERCATO_APT_UPDATED=0
# apt_get ARGS... -> apt-get as root (through sudo when not root), with no
# questions, waiting for a dpkg lock another apt holds (a fresh machine's
# unattended upgrades) instead of failing at once.
apt_get() {
  local sudo=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null ||
      die "installing packages needs root: run as root, give this user sudo, or install them by hand (apt-get $*)"
    sudo=(sudo -n)
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=300 "$@"
}

# apt_install PKG... -> apt-get update (once per script run) + install.
apt_install() {
  ensure_data_dirs
  local log="$MERCATO_LOGS/apt.log"
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found; install $* by hand"
  if [[ "$_MERCATO_APT_UPDATED" == 0 ]]; then
    info "apt: updating package lists (log $(rel "$log"))"
    if ! apt_get update >>"$log" 2>&1; then
      tail_log "$log"
      die "apt-get update failed (log $(rel "$log"))"
    fi
    _MERCATO_APT_UPDATED=1
  fi
  info "apt: installing $*"
  if ! apt_get install -y --no-install-recommends \
      -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "$@" >>"$log" 2>&1; then
    tail_log "$log"
    die "apt-get install $* failed (log $(rel "$log"))"
  fi
}

# java_major -> the feature version of the java on PATH (17 for "17.0.12"), empty if unknown.
java_major() {
  java -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n1
}

# ensure_browser -> Debian's chromium and chromedriver, which the browser journeys
# (StorefrontJourneyTest, ConsoleJourneysTest) drive headless (apt only when missing).
ensure_browser() {
  local pkgs=()
  [[ -x /usr/bin/chromium ]] || pkgs+=(chromium)
  [[ -x /usr/bin/chromedriver ]] || pkgs+=(chromium-driver)
  if ((${#pkgs[@]})); then apt_install "${pkgs[@]}"; fi
}

# ensure_nginx -> Debian's nginx, which scripts/nginx.sh runs as its own instance in front of
# Mercato nodes (NginxFrontTest drives it); apt only when missing. The package's own service
# is never started (the image's policy-rc.d forbids it, and scripts/nginx.sh needs none).
ensure_nginx() {
  if [[ -x /usr/sbin/nginx ]] || command -v nginx >/dev/null 2>&1; then return 0; fi
  apt_install nginx
  [[ -x /usr/sbin/nginx ]] || command -v nginx >/dev/null 2>&1 || die "nginx still missing after apt-get install nginx"
}

# ensure_openapi_lint -> the OpenAPI linter ContractLintTest runs on the assembled contract:
# @redocly/cli as pinned by tools/openapi-lint/package-lock.json, installed there with
# `npm ci` once (again when the lock file changes). Node.js and npm come from apt when
# missing; the pinned CLI needs Node.js 20.19+ (or 22.12+) and npm 10+.
ensure_openapi_lint() {
  local dir="$MERCATO_ROOT/tools/openapi-lint" marker stamp log node_version
  local pkgs=()
  command -v node >/dev/null 2>&1 || pkgs+=(nodejs)
  command -v npm >/dev/null 2>&1 || pkgs+=(npm)
  if ((${#pkgs[@]})); then apt_install "${pkgs[@]}"; fi
  command -v npx >/dev/null 2>&1 || die "npx still missing after installing ${pkgs[*]:-nodejs npm}"
  node_version="$(node --version 2>/dev/null)"
  # Too old a Node.js leaves the linter uninstalled, so only ContractLintTest fails, not the run.
  if ! [[ "$node_version" =~ ^v(2[3-9]|[3-9][0-9]|22\.(1[2-9]|[2-9][0-9])|20\.(19|[2-9][0-9]))\. ]]; then
    warn "the OpenAPI linter (tools/openapi-lint) needs Node.js 20.19+ or 22.12+, but 'node' is ${node_version:-unknown} ($(command -v node)): not installed, ContractLintTest will fail"
    return 0
  fi
  marker="$dir/node_modules/.mercato-installed"
  stamp="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
  if [[ -f "$marker" && "$(cat "$marker")" == "$stamp" && -x "$dir/node_modules/.bin/redocly" ]]; then
    return 0
  fi
  ensure_data_dirs
  log="$MERCATO_LOGS/npm-openapi-lint.log"
  info "openapi-lint: npm ci in $(rel "$dir") (once; log $(rel "$log"))"
  if ! (cd "$dir" && npm ci --no-audit --no-fund) >"$log" 2>&1; then
    tail_log "$log" 40
    die "npm ci in $(rel "$dir") failed (log $(rel "$log"))"
  fi
  printf '%s\n' "$stamp" >"$marker"
}

# ensure_java_maven -> Java 17+ and Maven present (apt only when missing).
ensure_java_maven() {
  local pkgs=() major
  command -v java >/dev/null 2>&1 || pkgs+=(openjdk-17-jdk-headless)
  command -v mvn >/dev/null 2>&1 || pkgs+=(maven)
  if ((${#pkgs[@]})); then apt_install "${pkgs[@]}"; fi
  command -v java >/dev/null 2>&1 || die "java still missing after install"
  command -v mvn >/dev/null 2>&1 || die "mvn still missing after install"
  major="$(java_major)"
  [[ "$major" =~ ^[0-9]+$ ]] && ((major >= 17)) ||
    die "Mercato needs Java 17 or newer, but 'java' on PATH is version ${major:-unknown} ($(command -v java)); install openjdk-17-jdk-headless or set JAVA_HOME/PATH"
}

# maven_fetch POM OUTDIR -> copy the runtime dependencies of a packaging pom
# into OUTDIR from Maven Central, once (re-fetched when the pom changes).
maven_fetch() {
  local pom="$1" out="$2" marker stamp
  marker="$out/.complete"
  stamp="$(sha256sum "$pom" | cut -d' ' -f1)"
  if [[ -f "$marker" && "$(cat "$marker")" == "$stamp" ]]; then
    return 0
  fi
  ensure_java_maven
  local log
  log="$MERCATO_LOGS/maven-fetch-$(basename "$out").log"
  info "$(basename "$out"): fetching jars from Maven Central into $(rel "$out") (once)"
  rm -rf "$out"
  mkdir -p "$out"
  if ! mvn -q -B -ntp -f "$pom" dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$out" >"$log" 2>&1; then
    tail_log "$log" 40
    rm -rf "$out"
    die "could not fetch the jars of $(rel "$pom") (log $(rel "$log"))"
  fi
  printf '%s\n' "$stamp" >"$marker"
}

# ---------------------------------------------------------------- build ----
# jar_is_stale -> true if target/mercato.jar is missing or older than
# pom.xml or any file under src/.
jar_is_stale() {
  [[ -f "$MERCATO_JAR" ]] || return 0
  [[ "$MERCATO_ROOT/pom.xml" -nt "$MERCATO_JAR" ]] && return 0
  [[ -d "$MERCATO_ROOT/src" ]] &&
    [[ -n "$(find "$MERCATO_ROOT/src" -newer "$MERCATO_JAR" -print -quit 2>/dev/null)" ]]
}

# build_jar_if_needed -> mvn package (tests skipped) when the jar is stale.
build_jar_if_needed() {
  if jar_is_stale; then
    ensure_java_maven
    info "build: packaging $(rel "$MERCATO_JAR") (mvn -B -q -DskipTests package)"
    (cd "$MERCATO_ROOT" && mvn -B -q -ntp -DskipTests package) || die "build failed"
    [[ -f "$MERCATO_JAR" ]] || die "build finished but $(rel "$MERCATO_JAR") is missing"
  else
    info "build: $(rel "$MERCATO_JAR") is up to date"
  fi
}

# http_status URL -> prints the HTTP status code (000 when unreachable).
http_status() {
  curl -s -o /dev/null -m 3 -w '%{http_code}' "$1" 2>/dev/null || true
}

# wait_for_http_200 URL TIMEOUT [PID] -> 0 when URL answers 200; 1 on
# timeout; 2 if PID died meanwhile.
wait_for_http_200() {
  local url="$1" timeout="$2" pid="${3:-}" end
  end=$((SECONDS + timeout))
  while ((SECONDS < end)); do
    [[ "$(http_status "$url")" == 200 ]] && return 0
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then return 2; fi
    sleep 0.5
  done
  return 1
}

# ensure_dev_keys -> the development ES256 signing key that conf/mercato.yaml names
# (.data/keys/dev-1.{key,pub}.pem), made once with openssl. Production configures its own.
ensure_dev_keys() {
  ensure_data_dirs
  local dir="$MERCATO_DATA/keys"
  if [[ -s "$dir/dev-1.key.pem" && -s "$dir/dev-1.pub.pem" ]]; then
    return 0
  fi
  command -v openssl >/dev/null 2>&1 || apt_install openssl
  mkdir -p "$dir"
  chmod 700 "$dir"
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$dir/dev-1.key.pem" 2>/dev/null
  openssl pkey -in "$dir/dev-1.key.pem" -pubout -out "$dir/dev-1.pub.pem" 2>/dev/null
  chmod 600 "$dir/dev-1.key.pem"
  info "keys: made the development signing key $(rel "$dir")/dev-1.key.pem"
}
