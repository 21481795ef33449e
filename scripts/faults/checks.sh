# shellcheck shell=bash
# What scripts/faults.sh asks the data after a fault (sourced): SQL against the faults
# instance's database, the Kafka topics, and the GreenMail REST API.

psql_on() { local port="$1"; shift; psql -h "$MERCATO_HOST" -p "$port" -U mercato -d "$DB" -v ON_ERROR_STOP=1 -qAtX "$@"; }
psql_f() { psql_on "$F_PG" "$@"; }

# outbox_count_sql WHERE -> a query counting, over every domain schema, the deliveries (d)
# matching WHERE, which may also name their event (o); outbox_count runs it.
outbox_count_sql() {
  local where="$1" q="" s
  for s in $(psql_f -c "SELECT table_schema FROM information_schema.tables WHERE table_name = 'outbox_delivery'"); do
    q+="${q:+ + }(SELECT count(*) FROM \"$s\".outbox_delivery d JOIN \"$s\".outbox o USING (seq) WHERE $where)"
  done
  printf 'SELECT %s' "${q:-0}"
}
outbox_count() { psql_f -c "$(outbox_count_sql "$1")"; }

# wait_sql_zero SQL TIMEOUT -> waits until SQL answers 0; prints the seconds it took, or
# "timeout"; returns 1 on timeout.
wait_sql_zero() {
  local sql="$1" timeout="$2" t0 v
  t0="$(now)"
  while :; do
    v="$(psql_f -c "$sql" 2>/dev/null || echo err)"
    if [[ "$v" == 0 || "$v" == t ]]; then fsub "$(now)" "$t0"; return 0; fi
    if awk -v a="$(fsub "$(now)" "$t0")" -v b="$timeout" 'BEGIN { exit !(a > b) }'; then
      printf timeout
      return 1
    fi
    sleep 0.5
  done
}

# orders_check FILE-OF-ORDER-IDS -> JSON: how many of the orders exist, and how many have
# the reserve movement of their stock in the inventory ledger.
orders_check() {
  local ids
  ids="$(awk '{ printf "%s'"'"'%s'"'"'::uuid", (NR > 1 ? "," : ""), $1 }' "$1")"
  if [[ -z "$ids" ]]; then
    printf '{"answered_2xx":0,"exist":0,"with_stock_movement":0}'
    return 0
  fi
  psql_f -c "
    WITH ids (id) AS (SELECT unnest(ARRAY[$ids]))
    SELECT json_build_object(
      'answered_2xx', (SELECT count(*) FROM ids),
      'exist', (SELECT count(*) FROM ids JOIN \"order\".orders o ON o.id = ids.id),
      'with_stock_movement', (SELECT count(DISTINCT m.correlation_id) FROM inventory.movements m
                                WHERE m.reason = 'reserve' AND m.correlation_id IN (SELECT id::text FROM ids)))"
}

# Orders placed since T (a database timestamp) that are neither settled paid nor cancelled.
unsettled_orders_sql() {
  printf "SELECT count(*) FROM \"order\".orders WHERE placed_at >= '%s' AND status NOT IN ('paid', 'cancelled')" "$1"
}

# stock_books T -> JSON: the books of every stock row and of every order placed since T.
# Per row: on_hand = initial + restocked - shipped (the ledger's sum of on-hand deltas),
# reserved = the ledger's sum of reserved deltas = the units of the live reservations.
# Per order: paid ones committed exactly their units once; cancelled ones gave back every
# reserved unit and committed none.
stock_books() {
  psql_f -c "
    WITH ledger AS (
      SELECT product_id, warehouse_id, sum(delta_on_hand) AS on_hand, sum(delta_reserved) AS reserved
        FROM inventory.movements GROUP BY product_id, warehouse_id),
    live AS (
      SELECT l.product_id, l.warehouse_id, sum(l.quantity) AS units
        FROM inventory.reservation_lines l JOIN inventory.reservations r USING (order_id)
       WHERE r.status = 'active' GROUP BY l.product_id, l.warehouse_id),
    rows AS (
      SELECT s.*, coalesce(g.on_hand, 0) AS ledger_on_hand, coalesce(g.reserved, 0) AS ledger_reserved,
             coalesce(v.units, 0) AS live_units
        FROM inventory.stock s LEFT JOIN ledger g USING (product_id, warehouse_id)
             LEFT JOIN live v USING (product_id, warehouse_id)),
    orders AS (
      SELECT o.id, o.status,
             (SELECT coalesce(sum(quantity), 0) FROM \"order\".order_lines l WHERE l.order_id = o.id) AS units,
             coalesce(sum(m.delta_reserved) FILTER (WHERE m.reason = 'reserve'), 0) AS reserved,
             coalesce(-sum(m.delta_on_hand) FILTER (WHERE m.reason = 'commit'), 0) AS committed,
             coalesce(-sum(m.delta_reserved) FILTER (WHERE m.reason IN ('release', 'expire')), 0) AS released
        FROM \"order\".orders o LEFT JOIN inventory.movements m ON m.correlation_id = o.id::text
       WHERE o.placed_at >= '$1' GROUP BY o.id, o.status)
    SELECT json_build_object(
      'stock_rows', (SELECT count(*) FROM rows),
      'rows_off_ledger', (SELECT count(*) FROM rows WHERE on_hand <> ledger_on_hand OR reserved <> ledger_reserved),
      'rows_reserved_not_live', (SELECT count(*) FROM rows WHERE reserved <> live_units),
      'orders', (SELECT count(*) FROM orders),
      'paid', (SELECT count(*) FROM orders WHERE status = 'paid'),
      'cancelled', (SELECT count(*) FROM orders WHERE status = 'cancelled'),
      'other_status', (SELECT count(*) FROM orders WHERE status NOT IN ('paid', 'cancelled')),
      'paid_units_off', (SELECT count(*) FROM orders WHERE status = 'paid' AND (committed <> units OR reserved <> units)),
      'cancelled_units_off', (SELECT count(*) FROM orders WHERE status = 'cancelled' AND (committed <> 0 OR released <> reserved)))"
}

# kafka_ids OUT -> every record value's event id on the mercato.*.events topics, one a line.
kafka_ids() {
  java -Xmx256m -Dlog4j2.configurationFile="$F_DATA/kafka/log4j2-tools.properties" -cp "$MERCATO_LIB/kafka/*" \
    org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server "$MERCATO_HOST:$F_KAFKA" \
    --include 'mercato\..*\.events' --from-beginning --timeout-ms 20000 \
    --group "faults-$STAMP-$RANDOM" 2>"$RUN_DIR/kafka-consumer.err" | jq -r '.id // empty' >"$1" || true
}

# outbox_kafka_ids OUT -> the ids of every event whose Kafka delivery is done.
outbox_kafka_ids() {
  local q="" s
  for s in $(psql_f -c "SELECT table_schema FROM information_schema.tables WHERE table_name = 'outbox_delivery'"); do
    q+="${q:+ UNION ALL }SELECT o.id FROM \"$s\".outbox o JOIN \"$s\".outbox_delivery d USING (seq) WHERE d.subscriber = 'kafka' AND d.status = 'delivered'"
  done
  psql_f -c "$q" >"$1"
}

GM_API_URL() { printf 'http://%s:%s' "$MERCATO_HOST" "$F_SMTP_API"; }

# greenmail_message_ids OUT -> the Message-ID of every mail GreenMail holds, one a line.
greenmail_message_ids() {
  local user
  : >"$1"
  for user in $(curl -s -m 10 "$(GM_API_URL)/api/user" | jq -r '.[].email // .[].login // empty' | sort -u); do
    curl -s -m 10 "$(GM_API_URL)/api/user/$user/messages/INBOX" |
      jq -r '.[] | (.["Message-ID"] // (.mimeMessage | capture("(?i)message-id: *(?<m><[^>]+>)").m) // empty)' >>"$1"
  done
}
