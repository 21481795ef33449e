#!/usr/bin/env bash
# Loads Mercato's demo data through its own API (idempotent: what exists is kept).
# scripts/run.sh calls it once Mercato is ready; run it by hand against a running node:
#   scripts/demo.sh [BASE_URL]        (default http://127.0.0.1:8080)
# Every demo account uses the password below; the list is printed at the end.
set -euo pipefail

# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

BASE="${1:-http://$MERCATO_HOST:$MERCATO_HTTP_PORT}"
DEMO_PASSWORD="${MERCATO_DEMO_PASSWORD:-mercato-demo-2026}"
ADMIN_EMAIL="admin@mercato.local"
command -v jq >/dev/null 2>&1 || apt_install jq

# api METHOD PATH [TOKEN] [JSON] -> prints the body; the status goes to $API_STATUS.
api() {
  local method="$1" path="$2" token="${3:-}" body="${4:-}" out
  local args=(-s -X "$method" -o "$MERCATO_DATA/demo.out" -w '%{http_code}' -H 'Content-Type: application/json')
  [[ -n "$token" ]] && args+=(-H "Authorization: Bearer $token")
  [[ -n "$body" ]] && args+=(--data "$body")
  API_STATUS="$(curl "${args[@]}" "$BASE$path")"
  out="$(cat "$MERCATO_DATA/demo.out")"
  printf '%s' "$out"
}

login() {
  api POST /auth/login "" "$(jq -nc --arg e "$1" --arg p "$DEMO_PASSWORD" '{email:$e,password:$p}')" | jq -r '.accessToken // empty'
}

# account TYPE EMAIL NAME: created by the admin with a verified email, unless it exists.
account() {
  local type="$1" email="$2" name="$3" body
  body="$(jq -nc --arg t "$type" --arg e "$email" --arg n "$name" --arg p "$DEMO_PASSWORD" \
    '{type:$t,email:$e,password:$p,name:$n,emailVerified:true}')"
  api POST /admin/accounts "$ADMIN_TOKEN" "$body" >/dev/null
  case "$API_STATUS" in
    201) info "demo: account $email ($type) created" ;;
    409) ;;
    *) die "demo: creating $email answered $API_STATUS: $(cat "$MERCATO_DATA/demo.out")" ;;
  esac
}

cd "$MERCATO_ROOT"
ensure_data_dirs
# The first admin comes from the jar's create-admin command (exit 3: it exists already).
rc=0
MERCATO_ADMIN_PASSWORD="$DEMO_PASSWORD" java -jar "$MERCATO_JAR" create-admin "$ADMIN_EMAIL" >>"$MERCATO_LOGS/demo.log" 2>&1 || rc=$?
[[ "$rc" == 0 || "$rc" == 3 ]] || die "demo: create-admin failed (log $(rel "$MERCATO_LOGS/demo.log"))"
ADMIN_TOKEN="$(login "$ADMIN_EMAIL")"
[[ -n "$ADMIN_TOKEN" ]] || die "demo: cannot sign in as $ADMIN_EMAIL (status $API_STATUS)"

account company acme@mercato.local "Acme Outfitters GmbH"
account company globex@mercato.local "Globex Home Ltd"
account shop corner-shop@mercato.local "Corner Shop"
account warehouse warehouse@mercato.local "Northgate Logistics"
account affiliate affiliate@mercato.local "Deal Hunters"
account customer alice@mercato.local "Alice Martin"
account customer bob@mercato.local "Bob Keller"

cat <<TXT
Demo accounts (password: $DEMO_PASSWORD)
  admin      $ADMIN_EMAIL
  company    acme@mercato.local, globex@mercato.local
  shop       corner-shop@mercato.local
  warehouse  warehouse@mercato.local
  affiliate  affiliate@mercato.local
  customer   alice@mercato.local, bob@mercato.local
Sign in: curl -s $BASE/auth/login -H 'Content-Type: application/json' -d '{"email":"alice@mercato.local","password":"$DEMO_PASSWORD"}'
Mail sent in development: http://127.0.0.1:${MERCATO_SMTP_API_PORT:-8025}/api/user/<address>/messages/INBOX
TXT
