#!/usr/bin/env bash
# Run Mercato's test suite (the README's second command).
#
#   scripts/test.sh [MAVEN-ARGS...]     e.g. scripts/test.sh -Dtest=OrderApiTest
#
# Starts the development services (scripts/services.sh up: PostgreSQL, Redis,
# Kafka, SMTP sink on 127.0.0.1, and the second PostgreSQL primary with its standby), installs the headless browser the
# browser journeys use (chromium, chromium-driver), the nginx the Nginx*Test classes put in
# front of two nodes (scripts/nginx.sh) and the OpenAPI linter ContractLintTest runs
# (npm ci in tools/openapi-lint), then runs `mvn -B test` with the given
# arguments and exits with Maven's exit code. The services are left running.
set -euo pipefail

# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

ensure_data_dirs
ensure_java_maven
ensure_browser
ensure_nginx
ensure_openapi_lint
# the second PostgreSQL pair too: ScaledOutCheckoutTest puts domains in two databases and a replica
"$MERCATO_SCRIPTS/services.sh" up postgres postgres2 postgres2-replica redis kafka greenmail
ensure_dev_keys

cd "$MERCATO_ROOT"
info "Mercato: running mvn -B test $*"
t0=$SECONDS
rc=0
# -ntp: no download progress lines; test output and the Surefire summary stay.
mvn -B -ntp test "$@" || rc=$?
if ((rc == 0)); then
  info "Mercato: tests passed in $((SECONDS - t0))s"
else
  info "Mercato: tests FAILED (mvn exit code $rc) after $((SECONDS - t0))s; reports in target/surefire-reports"
fi
exit "$rc"
