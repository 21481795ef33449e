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

# --- catalogue: a category tree, tags, about 200 products, two warehouses, stock ----

# category NAME [PARENT_ID] -> prints the id (created, or found in the tree).
category() {
  local name="$1" parent="${2:-}" body id
  body="$(jq -nc --arg n "$name" --arg p "$parent" '{name:$n} + (if $p == "" then {} else {parentId:$p} end)')"
  id="$(api POST /categories "$ADMIN_TOKEN" "$body" | jq -r '.id // empty')"
  if [[ -z "$id" ]]; then
    id="$(api GET /categories "" | jq -r --arg n "$name" '[.. | objects | select(.name? == $n) | .id][0] // empty')"
  fi
  [[ -n "$id" ]] || die "demo: category $name: $API_STATUS $(cat "$MERCATO_DATA/demo.out")"
  printf '%s' "$id"
}

# products SELLER_EMAIL COUNT CATEGORY_ID... : COUNT products spread over the categories.
products() {
  local email="$1" count="$2"
  shift 2
  local token seller existing i n category noun adjective price sku name tags body
  token="$(login "$email")"
  seller="$(api GET /profile/me "$token" | jq -r .id)"
  existing="$(api GET "/products?seller=$seller&limit=100" "$token" | jq '.items | length')"
  if ((existing >= count / 2)); then
    info "demo: $email already has products"
    return 0
  fi
  local nouns=(Jacket Lamp Kettle Backpack Speaker Chair Mug Scarf Headphones Tent Bottle Blanket Sneakers Desk Charger Helmet)
  local adjectives=(Classic Urban Alpine Nordic Compact Vintage Everyday Studio Trail Coastal Bold Quiet)
  local tagset=(new sale eco bestseller gift premium)
  for ((i = 0; i < count; i++)); do
    n=$(( (i * 7 + ${#email}) ))
    category="${@:$(( i % $# + 1 )):1}"
    noun="${nouns[$(( n % ${#nouns[@]} ))]}"
    adjective="${adjectives[$(( (n / 3) % ${#adjectives[@]} ))]}"
    name="$adjective $noun ${i}"
    sku="$(printf '%s-%04d' "${email%%@*}" "$i" | tr '[:lower:]' '[:upper:]')"
    price=$(( 990 + (n * 1373) % 24000 ))
    tags="$(jq -nc --arg a "${tagset[$(( i % 6 ))]}" --arg b "${tagset[$(( (i / 6) % 6 ))]}" '[$a,$b] | unique')"
    body="$(jq -nc --arg name "$name" --arg sku "$sku" --argjson price "$price" --arg cat "$category" \
      --argjson tags "$tags" --arg img "$BASE/img/${noun,,}.svg" \
      '{name:$name, sku:$sku, description:("The " + $name + ", made to last."), price:{amount:$price,currency:"EUR"},
        status:"active", categoryId:$cat, tags:$tags, images:[{url:$img, alt:$name}],
        attributes:{material:"recycled", origin:"EU"}, lowStockThreshold:3}')"
    api POST /products "$token" "$body" >/dev/null
    [[ "$API_STATUS" == 201 || "$API_STATUS" == 409 ]] || die "demo: product $sku: $API_STATUS $(cat "$MERCATO_DATA/demo.out")"
  done
  info "demo: $count products for $email"
}

# warehouse OWNER_EMAIL NAME CITY [OPERATOR_EMAIL] -> prints the warehouse id. The owner
# invites the operator by email; the operator accepts.
warehouse() {
  local token id body
  token="$(login "$1")"
  id="$(api GET /warehouses "$token" | jq -r --arg n "$2" '[.items[]? | select(.name == $n) | .id][0] // empty')"
  if [[ -z "$id" ]]; then
    body="$(jq -nc --arg n "$2" --arg c "$3" --arg o "${4:-}" \
      '{name:$n, capacity:100000, priority:10, location:{line1:"1 Dock Road", city:$c, postalCode:"20457", country:"DE"}}
       + (if $o == "" then {} else {operatorEmail:$o} end)')"
    id="$(api POST /warehouses "$token" "$body" | jq -r '.id // empty')"
    [[ -n "$id" ]] || die "demo: warehouse $2: $API_STATUS $(cat "$MERCATO_DATA/demo.out")"
    if [[ -n "${4:-}" ]]; then
      api POST "/warehouse-invitations/$id/accept" "$(login "$4")" >/dev/null
      [[ "$API_STATUS" == 200 ]] || die "demo: $4 accepting $2: $API_STATUS $(cat "$MERCATO_DATA/demo.out")"
    fi
  fi
  printf '%s' "$id"
}

# stock SELLER_EMAIL WAREHOUSE_ID: every product of the seller gets units there (retried
# while inventory learns of new products from catalog events).
stock() {
  local token seller ids id units tries
  token="$(login "$1")"
  seller="$(api GET /profile/me "$token" | jq -r .id)"
  ids="$(api GET "/products?seller=$seller&limit=100" "$token" | jq -r '.items[].id')"
  local cursor
  cursor="$(jq -r '.nextCursor // empty' "$MERCATO_DATA/demo.out")"
  while [[ -n "$cursor" ]]; do
    ids+=$'\n'"$(api GET "/products?seller=$seller&limit=100&cursor=$cursor" "$token" | jq -r '.items[].id')"
    cursor="$(jq -r '.nextCursor // empty' "$MERCATO_DATA/demo.out")"
  done
  for id in $ids; do
    units=$(( ( ${#id} + 0x${id:0:2} ) % 40 ))
    for tries in 1 2 3 4 5 6 7 8 9 10; do
      api PUT "/inventory/product/$id/stock" "$token" "$(jq -nc --arg w "$2" --argjson u "$units" \
        '{warehouseId:$w, onHand:$u, reason:"demo stock"}')" >/dev/null
      [[ "$API_STATUS" == 404 ]] || break
      sleep 0.3
    done
    [[ "$API_STATUS" == 200 ]] || die "demo: stock of $id: $API_STATUS $(cat "$MERCATO_DATA/demo.out")"
  done
  info "demo: stock for $1 in warehouse $2"
}

api GET /categories "" >/dev/null
if [[ "$API_STATUS" == 200 ]]; then # a node without the catalog domain has no categories
  APPAREL="$(category Apparel)"; HOME_CAT="$(category Home)"; TECH="$(category Electronics)"; OUTDOORS="$(category Outdoors)"
  MEN="$(category Men "$APPAREL")"; WOMEN="$(category Women "$APPAREL")"; SHOES="$(category Shoes "$APPAREL")"
  KITCHEN="$(category Kitchen "$HOME_CAT")"; FURNITURE="$(category Furniture "$HOME_CAT")"; LIGHTING="$(category Lighting "$HOME_CAT")"
  AUDIO="$(category Audio "$TECH")"; PHONES="$(category "Phone accessories" "$TECH")"
  CAMPING="$(category Camping "$OUTDOORS")"; CYCLING="$(category Cycling "$OUTDOORS")"
  for tag in new sale eco bestseller gift premium; do
    api POST /tags "$ADMIN_TOKEN" "$(jq -nc --arg t "$tag" '{name:$t}')" >/dev/null
  done
  products acme@mercato.local 80 "$MEN" "$WOMEN" "$SHOES" "$CAMPING" "$CYCLING"
  products globex@mercato.local 80 "$KITCHEN" "$FURNITURE" "$LIGHTING" "$AUDIO" "$PHONES"
  products corner-shop@mercato.local 40 "$KITCHEN" "$PHONES" "$WOMEN"
  ACME_DC="$(warehouse acme@mercato.local "Acme Berlin DC" Berlin)"
  NORTHGATE="$(warehouse globex@mercato.local "Northgate Hamburg" Hamburg warehouse@mercato.local)"
  stock acme@mercato.local "$ACME_DC"
  stock globex@mercato.local "$NORTHGATE"
fi

# --- orders in different states (once: skipped when alice already has orders) --------

# first_products SELLER_EMAIL N -> N product ids of the seller, one per line.
first_products() {
  local seller
  seller="$(api GET /profile/me "$(login "$1")" | jq -r .id)"
  api GET "/products?seller=$seller&limit=$2" "" | jq -r '.items[].id'
}

# place CUSTOMER_TOKEN KEY LINES_JSON [REFERRAL] -> prints the order id.
place() {
  local body
  body="$(jq -nc --argjson l "$3" --arg r "${4:-}" '{lines:$l, shippingAddress:{name:"Demo Customer",
    line1:"2 Market St", city:"Berlin", postalCode:"10115", country:"DE"}} + (if $r == "" then {} else {referralCode:$r} end)')"
  curl -s -X POST "$BASE/orders" -H "Authorization: Bearer $1" -H 'Content-Type: application/json' \
    -H "Idempotency-Key: $2" -d "$body" | jq -r '.orderId // empty'
}

# pay CUSTOMER_TOKEN ORDER_ID [CARD] -> prints the payment id.
pay() {
  api POST /payments "$1" "$(jq -nc --arg o "$2" --arg t "${3:-tok_visa}" '{orderId:$o, paymentMethod:{type:"card", token:$t}}')" \
    | jq -r '.paymentId // empty'
}

# until_status TOKEN ORDER_ID STATUS: waits (10 s at most) for the order to follow its payment.
until_status() {
  local i
  for i in $(seq 1 50); do
    [[ "$(api GET "/orders/$2" "$1" | jq -r .status)" == "$3" ]] && return 0
    sleep 0.2
  done
  warn "demo: order $2 did not become $3"
}

line() { jq -nc --arg p "$1" --argjson q "$2" '{productId:$p, quantity:$q}'; }

api GET /orders "$(login alice@mercato.local)" >/dev/null
if [[ "$API_STATUS" == 200 ]] && [[ "$(api GET /orders "$(login alice@mercato.local)" | jq '.items | length')" == 0 ]]; then
  ALICE="$(login alice@mercato.local)"; BOB="$(login bob@mercato.local)"
  ACME_TOKEN="$(login acme@mercato.local)"; GLOBEX_TOKEN="$(login globex@mercato.local)"
  mapfile -t ACME < <(first_products acme@mercato.local 4)
  mapfile -t GLOBEX < <(first_products globex@mercato.local 4)
  REF="$(api POST /affiliates "$(login affiliate@mercato.local)" '{"name":"Deal Hunters","website":"https://deals.example"}' | jq -r '.referralCode // empty')"
  [[ -n "$REF" ]] || REF="$(api GET "/affiliates" "$ADMIN_TOKEN" | jq -r '.items[0].referralCode // empty')"
  # delivered (acme) and shipped (globex, by its warehouse operator)
  o1="$(place "$ALICE" demo-1 "[$(line "${ACME[0]}" 2)]")"; pay "$ALICE" "$o1" >/dev/null; until_status "$ALICE" "$o1" paid
  api PUT "/orders/$o1" "$ACME_TOKEN" '{"status":"shipped","carrier":"DHL","trackingNumber":"JD014600003SE"}' >/dev/null
  api PUT "/orders/$o1" "$ACME_TOKEN" '{"status":"delivered"}' >/dev/null
  o2="$(place "$ALICE" demo-2 "[$(line "${GLOBEX[0]}" 1)]" "$REF")"; pay "$ALICE" "$o2" >/dev/null; until_status "$ALICE" "$o2" paid
  api PUT "/orders/$o2" "$(login warehouse@mercato.local)" '{"status":"shipped","carrier":"UPS","trackingNumber":"1Z999AA10123456784"}' >/dev/null
  # multi-vendor, paid; a partial refund of one group by its seller
  o3="$(place "$BOB" demo-3 "[$(line "${ACME[1]}" 1),$(line "${GLOBEX[1]}" 2)]" "$REF")"; p3="$(pay "$BOB" "$o3")"; until_status "$BOB" "$o3" paid
  g3="$(api GET "/orders/$o3" "$GLOBEX_TOKEN" | jq -r '.groups[0].groupId')"
  api POST /payment/refund "$GLOBEX_TOKEN" "$(jq -nc --arg p "$p3" --arg g "$g3" '{paymentId:$p, groupId:$g, amount:{amount:500, currency:"EUR"}, reason:"damaged box"}')" >/dev/null
  # awaiting payment; declined; cancelled after payment (refunded, stock back)
  place "$BOB" demo-4 "[$(line "${ACME[2]}" 1)]" >/dev/null
  o5="$(place "$ALICE" demo-5 "[$(line "${GLOBEX[2]}" 1)]")"; pay "$ALICE" "$o5" tok_declined >/dev/null
  o6="$(place "$BOB" demo-6 "[$(line "${ACME[3]}" 3)]")"; pay "$BOB" "$o6" >/dev/null; until_status "$BOB" "$o6" paid
  api DELETE "/orders/$o6" "$BOB" >/dev/null
  info "demo: 6 orders (delivered, shipped, partially refunded, pending payment, payment failed, cancelled)"
  # reviews by the buyers (verified purchases), which the product pages and search show
  review() { api POST /reviews "$1" "$(jq -nc --arg p "$2" --argjson r "$3" --arg t "$4" --arg x "$5" \
    '{productId:$p, rating:$r, title:$t, text:$x}')" >/dev/null; }
  review "$ALICE" "${ACME[0]}" 5 "Fits perfectly" "Arrived in two days, exactly as pictured."
  review "$ALICE" "${GLOBEX[0]}" 4 "Good value" "Solid build; the box was a bit dented."
  review "$BOB" "${ACME[1]}" 3 "It is fine" "Does the job, nothing more."
  review "$BOB" "${GLOBEX[1]}" 5 "Love it" "Second one I bought <3"
  info "demo: 4 reviews; affiliate code $REF on 2 orders"
fi

cat <<TXT
Demo accounts (password: $DEMO_PASSWORD)
  admin      $ADMIN_EMAIL
  company    acme@mercato.local, globex@mercato.local
  shop       corner-shop@mercato.local
  warehouse  warehouse@mercato.local
  affiliate  affiliate@mercato.local
  customer   alice@mercato.local, bob@mercato.local
Orders: alice and bob have orders in several states ($BASE/orders with their token), and
  reviews on what they bought; affiliate@mercato.local referred two of the orders
Catalogue: $BASE/products, $BASE/categories (warehouses "Acme Berlin DC" and "Northgate Hamburg",
  the second operated by warehouse@mercato.local)
Sign in: curl -s $BASE/auth/login -H 'Content-Type: application/json' -d '{"email":"alice@mercato.local","password":"$DEMO_PASSWORD"}'
Mail sent in development: http://127.0.0.1:${MERCATO_SMTP_API_PORT:-8025}/api/user/<address>/messages/INBOX
TXT
