# shellcheck shell=bash
# Probes for scripts/faults.sh (sourced): curl loops that write one line per request,
# "<start epoch s> <kind> <status> <seconds> [order id]", until $STOP_FILE exists, and
# awk summaries of those lines. A request that hangs shows as status 000 after
# $PROBE_MAX_S seconds (curl's own limit), so a hang is seen, never waited out.

PROBE_PIDS=()
PROBE_MAX_S=30

now() { date +%s.%N; }
fsub() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a - b }'; }

# probe_request OUT KIND METHOD PATH TOKEN [BODY] [IDEMPOTENCY-KEY] -> appends one line;
# the body is left in $OUT.body; prints the status.
probe_request() {
  local out="$1" kind="$2" method="$3" path="$4" token="${5:-}" body="${6:-}" key="${7:-}" t0 r
  local args=(-s -X "$method" -o "$out.body" -m "$PROBE_MAX_S" -w '%{http_code} %{time_total}'
    -H 'Content-Type: application/json')
  [[ -n "$token" ]] && args+=(-H "Authorization: Bearer $token")
  [[ -n "$key" ]] && args+=(-H "Idempotency-Key: $key")
  [[ -n "$body" ]] && args+=(--data "$body")
  t0="$(now)"
  r="$(curl "${args[@]}" "$BASE$path" 2>/dev/null || true)"
  [[ -n "$r" ]] || r="000 $PROBE_MAX_S"
  printf '%s %s %s\n' "$t0" "$kind" "$r" >>"$out"
  printf '%s' "${r%% *}"
}

# probe_get OUT PATH [TOKEN]: GET in a loop.
probe_get() {
  local out="$1" path="$2" token="${3:-}" kind
  kind="$(basename "$out" .txt)"
  while [[ ! -e "$STOP_FILE" ]]; do
    probe_request "$out" "$kind" GET "$path" "$token" >/dev/null
    sleep 0.1
  done
}

# probe_checkout OUT: place an order of one unit (a random customer and product), then pay
# it when placed; the order id ends the place and pay lines.
probe_checkout() {
  local out="$1" n=0 token product key code order tokens products
  mapfile -t tokens <"$DATA/tokens.txt"
  mapfile -t products <"$DATA/checkout-products.txt"
  while [[ ! -e "$STOP_FILE" ]]; do
    n=$((n + 1))
    token="${tokens[RANDOM % ${#tokens[@]}]}"
    product="${products[RANDOM % ${#products[@]}]}"
    key="fault-$$-$BASHPID-$n-$RANDOM"
    code="$(probe_request "$out.tmp" place POST /orders "$token" \
      "{\"lines\":[{\"productId\":\"$product\",\"quantity\":1}],$ADDRESS}" "$key")"
    order="$(jq -r '.orderId // .id // empty' "$out.tmp.body" 2>/dev/null || true)"
    printf '%s %s\n' "$(tail -n1 "$out.tmp")" "${order:--}" >>"$out"
    if [[ "$code" == 2* && -n "$order" ]]; then
      probe_request "$out.tmp" pay POST /payments "$token" \
        "{\"orderId\":\"$order\",\"paymentMethod\":{\"type\":\"card\",\"token\":\"tok_visa\"}}" "$key-pay" >/dev/null
      printf '%s %s\n' "$(tail -n1 "$out.tmp")" "$order" >>"$out"
    else
      sleep 0.2 # a refused request comes back at once: do not spin
    fi
  done
  rm -f "$out.tmp" "$out.tmp.body"
}

# start_probe FUNCTION ARGS...: runs in the background until stop_probes.
start_probe() {
  "$@" &
  PROBE_PIDS+=("$!")
}

stop_probes() {
  local pid
  touch "$STOP_FILE"
  for pid in "${PROBE_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  PROBE_PIDS=()
  rm -f "$STOP_FILE"
}

# probe_stats FROM TO KIND FILE... -> JSON over the lines of KIND whose request started in
# [FROM, TO): count, ok (2xx), the statuses seen, latencies of all and of failed requests.
probe_stats() {
  local from="$1" to="$2" kind="$3"
  shift 3
  cat "$@" 2>/dev/null | awk -v from="$from" -v to="$to" -v kind="$kind" '
    $2 == kind && $1 >= from && $1 < to {
      n++; t = $4 + 0; lat[n] = t; if (t > max) max = t
      codes[$3]++
      if ($3 ~ /^2/) ok++; else { failed++; if (t > fmax) fmax = t }
    }
    END {
      # nearest-rank percentiles of the latencies
      m = n; for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (lat[j] < lat[i]) { x = lat[i]; lat[i] = lat[j]; lat[j] = x }
      p50 = n ? lat[int((n - 1) * 0.50) + 1] : 0; p99 = n ? lat[int((n - 1) * 0.99) + 1] : 0
      s = ""; for (c in codes) s = s (s == "" ? "" : ",") "\"" c "\":" codes[c]
      printf "{\"n\":%d,\"ok\":%d,\"failed\":%d,\"codes\":{%s},\"p50_s\":%.3f,\"p99_s\":%.3f,\"max_s\":%.3f,\"failed_max_s\":%.3f}\n",
        n, ok, failed, s, p50, p99, max, fmax
    }'
}

# first_ok_after T KIND FILE... -> the end time (start + duration) of the first 2xx of KIND
# that started at or after T; empty when none did.
first_ok_after() {
  local t="$1" kind="$2"
  shift 2
  cat "$@" 2>/dev/null | awk -v t="$t" -v kind="$kind" '
    $2 == kind && $1 >= t && $3 ~ /^2/ { e = $1 + $4; if (best == "" || e < best) best = e }
    END { if (best != "") printf "%.3f", best }'
}

# ok_orders FILE... -> the ids of the orders whose placing answered 2xx, one a line.
ok_orders() {
  cat "$@" 2>/dev/null | awk '$2 == "place" && $3 ~ /^2/ && $5 != "-" { print $5 }' | sort -u
}
