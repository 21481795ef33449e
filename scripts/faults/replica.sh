# shellcheck shell=bash
# The replica fault of scripts/faults.sh (sourced): the browsing standby of catalog, search
# and review stopped, then its replay paused, under anonymous browsing.

# Transactions the standby has committed (its own read-only ones): it is serving reads when they grow.
replica_xacts() { psql_on "$F_PG2R" -c "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()" 2>/dev/null || printf -- -1; }

# replica_serves_within SECONDS -> seconds until the standby served a burst of browsing reads
# (more than its lag probes, 3 a second, and our own polls could make), or nothing
replica_serves_within() {
  local start end before after
  start="$(now)"
  end=$((SECONDS + $1))
  before="$(replica_xacts)"
  while ((SECONDS < end)); do
    sleep 0.5
    after="$(replica_xacts)"
    if ((before >= 0 && after - before > 6)); then fsub "$(now)" "$start"; return 0; fi
    ((after >= 0)) && before="$after"
  done
}

# The faults database copied to the second primary (whose standby streams it), node A stopped.
replica_copy() {
  svc up postgres2 postgres2-replica
  psql -h "$MERCATO_HOST" -p "$F_PG2" -U mercato -d mercato -qAtX -c "CREATE DATABASE $DB OWNER mercato" >/dev/null
  pg_dump -h "$MERCATO_HOST" -p "$F_PG" -U mercato -d "$DB" -Fc -f "$RUN_DIR/replica.dump"
  pg_restore -h "$MERCATO_HOST" -p "$F_PG2" -U mercato -d "$DB" --no-owner --exit-on-error "$RUN_DIR/replica.dump"
  local want end=$((SECONDS + 120))
  want="$(psql_on "$F_PG2" -c 'SELECT count(*) FROM catalog.products')"
  until [[ "$(psql_on "$F_PG2R" -c 'SELECT count(*) FROM catalog.products' 2>/dev/null)" == "$want" ]]; do
    ((SECONDS < end)) || die "the standby on :$F_PG2R has not replayed the copy after 120 s"
    sleep 0.5
  done
}

fault_replica() {
  info "fault: replica (the browsing standby stopped for ${REPLICA_DOWN}s, then its replay paused)"
  replica_copy
  local node
  start_node replica-node all "$F_HTTP" MERCATO_DB_PORT="$F_PG2" MERCATO_DB_REPLICA_MAX_LAG_MS="$REPLICA_MAX_LAG_MS" \
    MERCATO_DB_CATALOG_REPLICA_PORT="$F_PG2R" MERCATO_DB_SEARCH_REPLICA_PORT="$F_PG2R" MERCATO_DB_REVIEW_REPLICA_PORT="$F_PG2R"
  node="$NODE_PID"
  wait_started replica-node "$node" "$F_HTTP"
  local product word warm
  product="$(head -n1 "$DATA/checkout-products.txt")"
  word="$(head -n1 "$DATA/search-words.txt")"
  # anonymous browsing: these are the reads the standby serves
  start_probe probe_get "$RUN_DIR/replica-list.txt" "/products?limit=20"
  start_probe probe_get "$RUN_DIR/replica-search.txt" "/search/products?q=$word"
  start_probe probe_get "$RUN_DIR/replica-reviews.txt" "/reviews?productId=$product"
  warm="$(replica_serves_within 20)"
  [[ -n "$warm" ]] || die "the standby serves no browsing read (node log: $(rel "$RUN_DIR/replica-node.log"))"

  # 1. the standby stops (fast shutdown: its connections are cut) and comes back
  local down up back
  down="$(now)"
  svc down postgres2-replica
  sleep "$REPLICA_DOWN"
  up="$(now)"
  svc up postgres2-replica
  back="$(replica_serves_within 30)"
  sleep 2

  # 2. the standby's replay paused: a price change must not be browsed stale past the bound
  local line seller owner currency old new changed seen stale_on_replica
  line="$(grep "^$product " "$DATA/stocked.txt")"
  seller="${line##* }"
  api GET "/products/$product" "" >/dev/null
  old="$(jq -r .price.amount "$RUN_DIR/api.out")"
  currency="$(jq -r .price.currency "$RUN_DIR/api.out")"
  owner="$(jq -r .sellerId "$RUN_DIR/api.out")"
  new=$((old + 1))
  psql_on "$F_PG2R" -c 'SELECT pg_wal_replay_pause()' >/dev/null
  api PUT "/products/$product" "$seller" "{\"price\":{\"amount\":$new,\"currency\":\"$currency\"}}" >/dev/null
  [[ "$API_STATUS" == 200 ]] || die "price change of $product: $API_STATUS $(cat "$RUN_DIR/api.out")"
  changed="$(now)"
  seen=""
  local end=$((SECONDS + 30))
  while ((SECONDS < end)); do
    if [[ "$(curl -s -m 5 "$BASE/products?seller=$owner&limit=100" |
        jq -r --arg id "$product" '[.items[] | select(.id == $id) | .price.amount] | first // empty' 2>/dev/null)" == "$new" ]]; then
      seen="$(fsub "$(now)" "$changed")"
      break
    fi
    sleep 0.2
  done
  stale_on_replica="$(psql_on "$F_PG2R" -c "SELECT price_amount FROM catalog.products WHERE id = '$product'" 2>/dev/null || printf '?')"
  psql_on "$F_PG2R" -c 'SELECT pg_wal_replay_resume()' >/dev/null
  local resumed
  resumed="$(replica_serves_within 30)"
  stop_probes
  stop_node "$node"

  local detail held
  detail="$(jq -nc --arg down "$REPLICA_DOWN" --arg warm "$warm" --arg back "$back" --arg resumed "$resumed" \
    --arg seen "$seen" --arg stale "$stale_on_replica" --arg old "$old" --arg new "$new" --arg bound "$REPLICA_MAX_LAG_MS" \
    --argjson list "$(probe_stats "$down" "$up" replica-list "$RUN_DIR/replica-list.txt")" \
    --argjson search "$(probe_stats "$down" "$up" replica-search "$RUN_DIR/replica-search.txt")" \
    --argjson reviews "$(probe_stats "$down" "$up" replica-reviews "$RUN_DIR/replica-reviews.txt")" \
    --argjson all "$(probe_stats 0 9999999999 replica-list "$RUN_DIR/replica-list.txt")" \
    'def num($x): if $x == "" then null else ($x | tonumber) end;
     {down_s: ($down | tonumber), standby_serving_after_start_s: num($warm), during_outage: {list: $list, search: $search, reviews: $reviews},
      standby_serving_again_s: num($back), paused: {old_price: ($old | tonumber), new_price: ($new | tonumber),
      standby_still_shows: $stale, fresh_read_after_s: num($seen), max_lag_ms: ($bound | tonumber)},
      standby_serving_after_resume_s: num($resumed), list_whole_run: $all}')"
  held="$(jq '
    def clean($x): $x.n > 0 and $x.ok == $x.n;
    clean(.during_outage.list) and clean(.during_outage.search) and clean(.during_outage.reviews)
    and .standby_serving_again_s != null and .standby_serving_again_s <= 10
    and .paused.fresh_read_after_s != null and .paused.fresh_read_after_s <= (.paused.max_lag_ms / 1000 + 3)
    and .standby_serving_after_resume_s != null and .list_whole_run.ok == .list_whole_run.n' <<<"$detail")"
  row replica "$held" \
    "anonymous browsing (catalog list, search, reviews) keeps answering from the primary while its standby is down, and goes back to the standby once it is up; a standby whose replay stops is left within db.replicaMaxLagMs, so a price change is browsed fresh" \
    "$(jq -r '"down \(.down_s)s: list \(.during_outage.list.ok)/\(.during_outage.list.n) 2xx (p99 \(.during_outage.list.p99_s)s, max \(.during_outage.list.max_s)s), search \(.during_outage.search.ok)/\(.during_outage.search.n), reviews \(.during_outage.reviews.ok)/\(.during_outage.reviews.n); standby serving again \(.standby_serving_again_s)s after its start; replay paused: the new price browsed after \(.paused.fresh_read_after_s)s (bound \(.paused.max_lag_ms) ms) while the standby still held \(.paused.standby_still_shows); serving again \(.standby_serving_after_resume_s)s after the resume"' <<<"$detail")" \
    "$detail"
}
