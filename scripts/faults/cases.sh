# shellcheck shell=bash
# The faults of scripts/faults.sh (sourced): one function each; each ends with one row.

# Checkout probes (each places an order and pays it) and wrk's checkout load.
checkout_traffic() { # PREFIX PROBES [URL]
  local i
  for ((i = 1; i <= $2; i++)); do
    start_probe with_base "${3:-$BASE}" probe_checkout "$RUN_DIR/$1-checkout-$i.txt"
  done
}

with_base() { local BASE="$1"; shift; "$@"; }
db_now() { psql_f -c 'SELECT now()'; }
json_get() { jq -r "$2" <<<"$1"; }

fault_postgres() {
  info "fault: postgres (stopped with -m immediate for ${PG_DOWN}s under checkout load)"
  wrk_bg $((PG_DOWN + 30)) checkout 8
  checkout_traffic pg 4
  start_probe probe_get "$RUN_DIR/pg-product.txt" "/products/$(head -n1 "$DATA/products.txt")"
  sleep 5
  local down up back
  down="$(now)"
  pg_crash
  sleep "$PG_DOWN"
  svc up postgres
  up="$(now)"
  # the load goes on until the orders flow again and for a while after
  local end=$((SECONDS + 60))
  while ((SECONDS < end)) && [[ -z "$(first_ok_after "$up" place "$RUN_DIR"/pg-checkout-*.txt)" ]]; do sleep 0.5; done
  sleep 10
  stop_probes; wrk_stop
  back="$(first_ok_after "$up" place "$RUN_DIR"/pg-checkout-*.txt)"
  local failed recovery orders
  failed="$(probe_stats "$down" "$up" place "$RUN_DIR"/pg-checkout-*.txt)"
  local failed_pay failed_get
  failed_pay="$(probe_stats "$down" "$up" pay "$RUN_DIR"/pg-checkout-*.txt)"
  failed_get="$(probe_stats "$down" "$up" pg-product "$RUN_DIR/pg-product.txt")"
  recovery="$([[ -n "$back" ]] && fsub "$back" "$up" || printf null)"
  ok_orders "$RUN_DIR"/pg-checkout-*.txt >"$RUN_DIR/pg-orders.txt"
  orders="$(orders_check "$RUN_DIR/pg-orders.txt")"
  local detail held
  detail="$(jq -nc --argjson place "$failed" --argjson pay "$failed_pay" --argjson get "$failed_get" \
    --argjson rec "$recovery" --argjson orders "$orders" --arg down "$PG_DOWN" \
    '{down_s: ($down | tonumber), during_outage: {place: $place, pay: $pay, product: $get}, recovery_s: $rec, orders: $orders}')"
  held="$(jq '
    def fast($x): ($x.failed_max_s < 2) and ([$x.codes | keys[] | select(startswith("2") | not) | select(. != "503")] | length == 0);
    fast(.during_outage.place) and fast(.during_outage.pay) and (.during_outage.place.n > 0)
    and .recovery_s != null and .recovery_s <= 10
    and .orders.exist == .orders.answered_2xx and .orders.with_stock_movement == .orders.answered_2xx' <<<"$detail")"
  row postgres "$held" \
    "requests fail fast with 503 while PostgreSQL is down; the pools recover within 10 s of its return; every order answered 2xx exists with its stock movement" \
    "$(jq -r '"down \(.down_s)s: \(.during_outage.place.n + .during_outage.pay.n) checkout requests, statuses \(.during_outage.place.codes + .during_outage.pay.codes | tostring), failed max \([.during_outage.place.failed_max_s, .during_outage.pay.failed_max_s] | max)s; product reads \(.during_outage.product.ok)/\(.during_outage.product.n) 2xx; first order \(.recovery_s)s after PostgreSQL answered; \(.orders.answered_2xx) orders 2xx, \(.orders.exist) exist, \(.orders.with_stock_movement) with their reserve movement"' <<<"$detail")" \
    "$detail"
}

fault_redis() {
  info "fault: redis (stopped for ${REDIS_DOWN}s)"
  # a customer who signed out before the outage
  local revoked email cart_token
  email="$(head -n1 "$DATA/emails.txt")"
  revoked="$(login "$email")"
  api POST /auth/logout "$revoked" >/dev/null
  [[ "$API_STATUS" == 204 ]] || die "logout answered $API_STATUS"
  api GET /cart "$revoked" >/dev/null
  local before="$API_STATUS"
  cart_token="$(sed -n 2p "$DATA/tokens.txt")"
  api POST /cart/add "$cart_token" "{\"productId\":\"$(head -n1 "$DATA/cart-products.txt")\",\"quantity\":1}" >/dev/null
  start_probe probe_get "$RUN_DIR/redis-product.txt" "/products/$(sed -n 2p "$DATA/products.txt")"
  start_probe probe_get "$RUN_DIR/redis-list.txt" "/products?limit=20"
  start_probe probe_get "$RUN_DIR/redis-cart.txt" /cart "$cart_token"
  start_probe probe_get "$RUN_DIR/redis-revoked.txt" /cart "$revoked"
  start_probe redis_login_probe "$RUN_DIR/redis-login.txt" "$(sed -n 3p "$DATA/emails.txt")"
  sleep 3
  local down up
  down="$(now)"
  svc down redis
  sleep "$REDIS_DOWN"
  up="$(now)"
  svc up redis
  sleep 5
  stop_probes
  local s detail held
  detail="$(jq -nc --arg before "$before" --arg down "$REDIS_DOWN" \
    --argjson product "$(probe_stats "$down" "$up" redis-product "$RUN_DIR/redis-product.txt")" \
    --argjson list "$(probe_stats "$down" "$up" redis-list "$RUN_DIR/redis-list.txt")" \
    --argjson cart "$(probe_stats "$down" "$up" redis-cart "$RUN_DIR/redis-cart.txt")" \
    --argjson revoked "$(probe_stats "$down" "$up" redis-revoked "$RUN_DIR/redis-revoked.txt")" \
    --argjson login "$(probe_stats "$down" "$up" login "$RUN_DIR/redis-login.txt")" \
    --argjson after "$(probe_stats "$(fsub "$up" -3)" 9999999999 login "$RUN_DIR/redis-login.txt")" \
    '{down_s: ($down | tonumber), revoked_before: $before, product: $product, list: $list, cart: $cart,
      revoked: $revoked, login: $login, login_after: $after}')"
  held="$(jq '.product.n > 0 and .product.ok == .product.n and .list.ok == .list.n and .cart.n > 0 and .cart.ok == .cart.n
    and .revoked_before == "401" and .revoked.n > 0 and (.revoked.codes | keys == ["401"])
    and .login.n > 0 and (.login.codes | keys == ["503"]) and .login_after.ok > 0' <<<"$detail")"
  row redis "$held" \
    "catalog and cart reads keep serving (rate limits fail open); a token revoked before the outage stays refused (401); the auth routes fail closed (503) and serve again after" \
    "$(jq -r '"down \(.down_s)s: product \(.product.ok)/\(.product.n) 2xx (p99 \(.product.p99_s)s), list \(.list.ok)/\(.list.n), cart \(.cart.ok)/\(.cart.n) (p99 \(.cart.p99_s)s); revoked token \(.revoked.codes | tostring); login \(.login.codes | tostring) (max \(.login.max_s)s), \(.login_after.ok) 2xx after"' <<<"$detail")" \
    "$detail"
}

redis_login_probe() { # OUT EMAIL
  while [[ ! -e "$STOP_FILE" ]]; do
    probe_request "$1" login POST /auth/login "" "{\"email\":\"$2\",\"password\":\"$PASSWORD\"}" >/dev/null
    sleep 1
  done
}

fault_kafka() {
  info "fault: kafka (stopped for ${KAFKA_DOWN}s under checkout load)"
  wrk_bg $((KAFKA_DOWN + 40)) checkout 4
  checkout_traffic kafka 3
  sleep 5
  local down up
  down="$(now)"
  svc down kafka
  sleep "$KAFKA_DOWN"
  svc up kafka
  up="$(now)"
  local up_db drain drain_s
  up_db="$(db_now)"
  # the backlog: every event written before the broker answered again (the load goes on)
  drain="$(wait_sql_zero "$(outbox_count_sql "d.subscriber = 'kafka' AND d.status = 'pending' AND o.time < '$up_db'")" 120 || true)"
  if [[ "$drain" == timeout ]]; then drain_s=null; else drain_s="$(fsub "$(now)" "$up")"; fi
  sleep 5
  stop_probes; wrk_stop
  wait_sql_zero "$(outbox_count_sql "d.subscriber = 'kafka' AND d.status = 'pending'")" 60 >/dev/null || true
  outbox_kafka_ids "$RUN_DIR/kafka-outbox-ids.txt"
  kafka_ids "$RUN_DIR/kafka-topic-ids.txt"
  local missing dead
  missing="$(comm -23 <(sort -u "$RUN_DIR/kafka-outbox-ids.txt") <(sort -u "$RUN_DIR/kafka-topic-ids.txt") | wc -l)"
  dead="$(outbox_count "d.subscriber = 'kafka' AND d.status = 'dead'")"
  local detail held
  detail="$(jq -nc --arg down "$KAFKA_DOWN" --argjson place "$(probe_stats 0 9999999999 place "$RUN_DIR"/kafka-checkout-*.txt)" \
    --argjson pay "$(probe_stats 0 9999999999 pay "$RUN_DIR"/kafka-checkout-*.txt)" \
    --argjson drain "$drain_s" --argjson outbox "$(wc -l <"$RUN_DIR/kafka-outbox-ids.txt")" \
    --argjson records "$(wc -l <"$RUN_DIR/kafka-topic-ids.txt")" \
    --argjson distinct "$(sort -u "$RUN_DIR/kafka-topic-ids.txt" | wc -l)" --argjson missing "$missing" --argjson dead "$dead" \
    '{down_s: ($down | tonumber), place: $place, pay: $pay, drain_s: $drain, outbox_events: $outbox,
      topic_records: $records, distinct_on_topics: $distinct, missing_on_topics: $missing, dead: $dead}')"
  held="$(jq '.place.n > 0 and .place.ok == .place.n and .pay.ok == .pay.n and .drain_s != null and .drain_s <= 60
    and .missing_on_topics == 0 and .dead == 0 and .outbox_events > 0' <<<"$detail")"
  row kafka "$held" \
    "no order fails; the outbox backlog drains within 60 s of the broker's return; every event reaches Kafka at least once" \
    "$(jq -r '"down \(.down_s)s: \(.place.ok)/\(.place.n) orders placed, \(.pay.ok)/\(.pay.n) paid; backlog drained \(.drain_s)s after the broker answered; \(.outbox_events) events delivered, \(.topic_records) records on the topics (\(.distinct_on_topics) distinct), \(.missing_on_topics) missing, \(.dead) dead"' <<<"$detail")" \
    "$detail"
}

fault_smtp() {
  info "fault: smtp (GreenMail stopped for ${SMTP_DOWN}s during checkouts)"
  local t0 down up
  t0="$(db_now)"
  svc down greenmail
  down="$(now)"
  checkout_traffic smtp 3
  sleep "$SMTP_DOWN"
  stop_probes
  local queued
  queued="$(psql_f -c "SELECT count(*) FROM email.email WHERE created_at >= '$t0' AND status <> 'sent'")"
  svc up greenmail
  up="$(now)"
  local sent_s
  sent_s="$(wait_sql_zero "SELECT count(*) FROM email.email WHERE created_at >= '$t0' AND status <> 'sent'" 240 || true)"
  psql_f -c "SELECT '<' || id || '@' FROM email.email WHERE created_at >= '$t0' AND status = 'sent'" | sort >"$RUN_DIR/smtp-db.txt"
  greenmail_message_ids "$RUN_DIR/smtp-gm-raw.txt"
  sed 's/@.*/@/' "$RUN_DIR/smtp-gm-raw.txt" | sort >"$RUN_DIR/smtp-gm.txt"
  local missing dups
  missing="$(comm -23 "$RUN_DIR/smtp-db.txt" <(sort -u "$RUN_DIR/smtp-gm.txt") | wc -l)"
  dups="$(grep -Fx -f "$RUN_DIR/smtp-db.txt" "$RUN_DIR/smtp-gm.txt" | uniq -d | wc -l || true)"
  local detail held
  detail="$(jq -nc --arg down "$SMTP_DOWN" --argjson place "$(probe_stats 0 9999999999 place "$RUN_DIR"/smtp-checkout-*.txt)" \
    --argjson pay "$(probe_stats 0 9999999999 pay "$RUN_DIR"/smtp-checkout-*.txt)" --argjson queued "$queued" \
    --arg sent_s "$sent_s" --argjson mails "$(wc -l <"$RUN_DIR/smtp-db.txt")" \
    --argjson missing "$missing" --argjson dups "$dups" \
    '{down_s: ($down | tonumber), place: $place, pay: $pay, queued_at_return: $queued,
      all_sent_s: (if $sent_s == "timeout" or $sent_s == "" then null else ($sent_s | tonumber) end),
      mails_sent: $mails, missing_in_greenmail: $missing, sent_twice: $dups}')"
  held="$(jq '.place.n > 0 and .place.ok == .place.n and .pay.ok == .pay.n and .queued_at_return > 0
    and .all_sent_s != null and .missing_in_greenmail == 0 and .sent_twice == 0' <<<"$detail")"
  row smtp "$held" "orders unaffected; mails queue while the SMTP server is away and are each sent once after it returns" \
    "$(jq -r '"down \(.down_s)s: \(.place.ok)/\(.place.n) orders placed, \(.pay.ok)/\(.pay.n) paid; \(.queued_at_return) mails queued at its return, all sent \(.all_sent_s)s later; \(.mails_sent) mails, \(.missing_in_greenmail) missing in GreenMail, \(.sent_twice) sent twice"' <<<"$detail")" \
    "$detail"
}

# blocked_warnings LOG FROM-LINE -> the longest blocked time (ms) the node logged since FROM-LINE (0: none)
blocked_warnings() {
  tail -n +"$2" "$1" | grep -o 'has been blocked for [0-9]* ms' | awk '{ if ($5 > m) m = $5 } END { print m + 0 }'
}

fault_cpu() {
  info "fault: cpu (both cores saturated by stress-ng for ${CPU_S}s)"
  local from t0 t1
  from="$(($(wc -l <"$RUN_DIR/node-a.log") + 1))"
  start_probe probe_get "$RUN_DIR/cpu-live.txt" /health/live
  sleep 3
  t0="$(now)"
  stress-ng --cpu "$(nproc)" --cpu-method matrixprod --timeout "${CPU_S}s" >"$RUN_DIR/stress-ng.txt" 2>&1 &
  STRESS_PID=$!
  wrk_bg "$CPU_S" product 4
  wait "$STRESS_PID" || true
  STRESS_PID=""
  t1="$(now)"
  wrk_wait
  stop_probes
  local detail held
  detail="$(jq -nc --arg s "$CPU_S" --argjson live "$(probe_stats "$t0" "$t1" cpu-live "$RUN_DIR/cpu-live.txt")" \
    --argjson before "$(probe_stats 0 "$t0" cpu-live "$RUN_DIR/cpu-live.txt")" \
    --argjson blocked "$(blocked_warnings "$RUN_DIR/node-a.log" "$from")" \
    '{stress_s: ($s | tonumber), live: $live, live_before: $before, longest_blocked_ms: $blocked}')"
  held="$(jq '.live.n > 0 and .live.ok == .live.n and .live.max_s < 2 and .longest_blocked_ms <= 2000' <<<"$detail")"
  row cpu "$held" "/health/live answers while stress-ng holds every core; no event loop blocked over 2 s" \
    "$(jq -r '"\(.stress_s)s of stress-ng on every core plus product reads: /health/live \(.live.ok)/\(.live.n) 200, p50 \(.live.p50_s)s p99 \(.live.p99_s)s max \(.live.max_s)s (before: p50 \(.live_before.p50_s)s); longest blocked-thread warning \(.longest_blocked_ms) ms"' <<<"$detail")" \
    "$detail"
}

# node_sample PID -> JSON: heap used after a full GC (KiB), open file descriptors, and the
# node's connections to PostgreSQL (all, and active ones), taken with no load running.
node_sample() {
  local pid="$1" heap
  quiesce_events
  jcmd "$pid" GC.run >/dev/null 2>&1; jcmd "$pid" GC.run >/dev/null 2>&1
  # the heap's own lines (serial: the young and the tenured generation; G1: one line), not metaspace
  heap="$(jcmd "$pid" GC.heap_info 2>/dev/null | grep -E 'generation +total|garbage-first heap +total' |
    grep -o 'used [0-9]*K' | tr -dc '0-9\n' | awk '{ s += $1 } END { print s + 0 }')"
  jq -nc --argjson heap "${heap:-0}" --argjson fds "$(find "/proc/$pid/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l)" \
    --argjson conns "$(psql_f -c "SELECT json_build_object('open', count(*), 'active', count(*) FILTER (WHERE state = 'active' AND query NOT LIKE 'LISTEN%'))
                                   FROM pg_stat_activity WHERE datname = '$DB' AND application_name LIKE 'mercato-%'")" \
    '{heap_kib: $heap, fds: $fds, db_connections: $conns.open, db_active: $conns.active}'
}

quiesce_events() {
  wait_sql_zero "$(outbox_count_sql "d.status = 'pending' AND d.next_attempt_at <= now()")" 60 >/dev/null || true
}

fault_soak() {
  info "fault: soak (the mixed workload for $((SOAK_S / 60)) min $((SOAK_S % 60)) s after a ${WARM_S}s warm-up)"
  wrk_bg "$WARM_S" mixed 16; wrk_wait
  local a b
  a="$(node_sample "$MAIN_PID")"
  wrk_bg "$SOAK_S" mixed 16; wrk_wait
  b="$(node_sample "$MAIN_PID")"
  local out
  out="$(sed -n 's/^BENCH //p' "$(ls -t "$RUN_DIR"/wrk-mixed-"$SOAK_S"s-*.txt | head -n1)" | tail -n1)"
  local detail held
  detail="$(jq -nc --argjson a "$a" --argjson b "$b" --argjson w "${out:-null}" --arg s "$SOAK_S" \
    '{soak_s: ($s | tonumber), after_warmup: $a, at_end: $b,
      requests: ($w.requests // 0), rps: (if $w then $w.requests / ($w.duration_us / 1e6) else 0 end),
      non2xx: ($w.non2xx // null), socket_errors: (if $w then $w.connect + $w.read + $w.write + $w.timeout else null end)}')"
  held="$(jq 'def within($x; $y): ($y <= $x * 1.1);
    .requests > 0 and within(.after_warmup.heap_kib; .at_end.heap_kib) and within(.after_warmup.fds; .at_end.fds)
    and within(.after_warmup.db_connections; .at_end.db_connections) and .at_end.db_active == 0 and .non2xx == 0' <<<"$detail")"
  row soak "$held" "heap after full GC, open file descriptors and database connections at the end within 10% of their values after warm-up" \
    "$(jq -r '"\(.soak_s / 60 | floor) min mixed, \(.requests) requests (\(.rps | floor)/s, \(.non2xx) non-2xx): heap after GC \(.after_warmup.heap_kib / 1024 | floor) -> \(.at_end.heap_kib / 1024 | floor) MiB, fds \(.after_warmup.fds) -> \(.at_end.fds), db connections \(.after_warmup.db_connections) -> \(.at_end.db_connections) (\(.at_end.db_active) busy at rest)"' <<<"$detail")" \
    "$detail"
}

fault_kill9() {
  info "fault: kill9 (kill -9 of one of two clustered nodes during checkouts)"
  local a b t0
  cluster_env a "$HZ_A" "$EB_A"
  start_node kill-a all "$F_HTTP" "${CLUSTER_ENV[@]}"
  a="$NODE_PID"
  cluster_env b "$HZ_B" "$EB_B"
  start_node kill-b all "$F_HTTP_B" "${CLUSTER_ENV[@]}"
  b="$NODE_PID"
  wait_started kill-a "$a" "$F_HTTP"
  wait_started kill-b "$b" "$F_HTTP_B"
  t0="$(db_now)"
  checkout_traffic kill-a 3 "$BASE"
  checkout_traffic kill-b 3 "http://$MERCATO_HOST:$F_HTTP_B"
  sleep "$KILL_AFTER"
  kill -KILL "$b"
  local killed
  killed="$(now)"
  sleep "$KILL_AFTER"
  stop_probes
  # unpaid orders are cancelled when their reservation expires; wait for every order to settle
  local settle
  settle="$(wait_sql_zero "$(unsettled_orders_sql "$t0")" $((RESERVATION_TTL_S + 150)) || true)"
  quiesce_events
  local books detail held
  books="$(stock_books "$t0")"
  detail="$(jq -nc --argjson books "$books" --arg settle "$settle" \
    --argjson a "$(probe_stats "$killed" 9999999999 place "$RUN_DIR"/kill-a-checkout-*.txt)" \
    --argjson b "$(probe_stats 0 9999999999 place "$RUN_DIR"/kill-b-checkout-*.txt)" \
    '{books: $books, settled_s: (if $settle == "timeout" or $settle == "" then null else ($settle | tonumber) end),
      survivor_place_after_kill: $a, killed_node_place: $b}')"
  held="$(jq '.settled_s != null and .books.orders > 0 and .books.other_status == 0 and .books.rows_off_ledger == 0
    and .books.rows_reserved_not_live == 0 and .books.paid_units_off == 0 and .books.cancelled_units_off == 0' <<<"$detail")"
  row kill9 "$held" "every order ends paid, or cancelled with its stock released; no unit lost or sold twice (on_hand = initial + restocked - shipped, reserved = live reservations)" \
    "$(jq -r '"\(.books.orders) orders during the run: \(.books.paid) paid, \(.books.cancelled) cancelled, \(.books.other_status) unsettled (settled \(.settled_s)s after the load); \(.books.stock_rows) stock rows, \(.books.rows_off_ledger) off the ledger, \(.books.rows_reserved_not_live) with reserved != live reservations; \(.books.paid_units_off + .books.cancelled_units_off) orders with units off; survivor after the kill: \(.survivor_place_after_kill.ok)/\(.survivor_place_after_kill.n) orders placed"' <<<"$detail")" \
    "$detail"
  stop_node "$a"
  stop_node "$b"
}

fault_bus_hang() {
  info "fault: bus-hang (SIGSTOP of the node that alone runs payment for ${HANG_S}s)"
  local a b roles
  roles="http,kafka,auth,profile,catalog,inventory,cart,order,email,notification,review,affiliate,search,analytics"
  cluster_env a "$HZ_A" "$EB_A"
  start_node hang-a "$roles" "$F_HTTP" "${CLUSTER_ENV[@]}"
  a="$NODE_PID"
  cluster_env b "$HZ_B" "$EB_B"
  start_node hang-b payment 0 "${CLUSTER_ENV[@]}"
  b="$NODE_PID"
  wait_started hang-a "$a" "$F_HTTP"
  wait_started hang-b "$b"
  checkout_traffic hang 3
  start_probe probe_get "$RUN_DIR/hang-product.txt" "/products/$(sed -n 3p "$DATA/products.txt")"
  sleep 5
  local stopped resumed back
  stopped="$(now)"
  kill -STOP "$b"
  sleep "$HANG_S"
  kill -CONT "$b"
  resumed="$(now)"
  local end=$((SECONDS + 60))
  while ((SECONDS < end)) && [[ -z "$(first_ok_after "$resumed" pay "$RUN_DIR"/hang-checkout-*.txt)" ]]; do sleep 0.5; done
  stop_probes
  back="$(first_ok_after "$resumed" pay "$RUN_DIR"/hang-checkout-*.txt)"
  local detail held
  # requests that started while the node was stopped (those in the last timeout may end after it resumed)
  detail="$(jq -nc --argjson pay "$(probe_stats "$stopped" "$resumed" pay "$RUN_DIR"/hang-checkout-*.txt)" \
    --argjson place "$(probe_stats "$stopped" "$resumed" place "$RUN_DIR"/hang-checkout-*.txt)" \
    --argjson product "$(probe_stats "$stopped" "$resumed" hang-product "$RUN_DIR/hang-product.txt")" \
    --argjson back "$([[ -n "$back" ]] && fsub "$back" "$resumed" || printf null)" --arg s "$HANG_S" --arg t "$BUS_TIMEOUT_MS" \
    '{stopped_s: ($s | tonumber), bus_timeout_s: ($t | tonumber / 1000), pay: $pay, place: $place, product: $product, pay_back_s: $back}')"
  held="$(jq '.pay.failed > 0 and ([.pay.codes | keys[] | select(. != "503" and . != "504" and (startswith("2") | not))] | length == 0)
    and .pay.failed_max_s <= .bus_timeout_s + 1 and .product.ok == .product.n and .pay_back_s != null' <<<"$detail")"
  row bus-hang "$held" "callers of the stopped domain get 503/504 within the bus timeout, never a hang; other domains keep serving; payments resume" \
    "$(jq -r '"payment node stopped \(.stopped_s)s: pay \(.pay.codes | tostring), max \(.pay.max_s)s (bus timeout \(.bus_timeout_s)s); place \(.place.ok)/\(.place.n) 2xx; product \(.product.ok)/\(.product.n) 2xx; first payment \(.pay_back_s)s after SIGCONT"' <<<"$detail")" \
    "$detail"
}
