package mercato.payment;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;
import mercato.order.api.OrderStates;
import mercato.payment.api.PaymentAddresses;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Fields;
import mercato.platform.bus.Pages;
import mercato.platform.bus.PeerClient;
import mercato.platform.bus.Principal;
import mercato.platform.bus.Problem;
import mercato.platform.bus.ProblemType;
import mercato.platform.db.Sql;
import mercato.platform.idempotency.IdempotencyKeys;
import mercato.platform.money.Money;

/**
 * Paying an order: the amount from the order domain, one live attempt per order (unique
 * index), through the gateway the client names (or the install's default), authorise and
 * capture ({@link Settlement}), every step in the transactions table and the events in the
 * outbox in the same transaction as the state change ({@link PaymentTransitions}). A lost
 * gateway answer is a 502 payment-outcome-unknown naming the payment, which the reconciler
 * settles. Idempotency-Key per principal, claimed in a table. Reads of one payment or a page.
 */
final class Payments {
  static final String INSERT_PAYMENT = """
      INSERT INTO payments (id, order_id, account_id, gateway, status, amount, currency, payment_method)
      VALUES ($1, $2, $3, $4, 'processing', $5, $6, $7)
      """;
  static final String INSERT_TX = """
      INSERT INTO payment_transactions (id, payment_id, kind, amount, currency, gateway_reference, group_id, reason)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      """;
  static final String SELECT_PAYMENT = """
      SELECT id, order_id, account_id, gateway, gateway_reference, status, amount, currency, captured, refunded,
             refund_unknown, failure_reason, next_action_url, next_action_secret, created_at FROM payments WHERE id = $1
      """;
  static final String SELECT_TXS = """
      SELECT id, kind, amount, currency, gateway_reference, group_id, reason, created_at FROM payment_transactions
       WHERE payment_id = $1 ORDER BY seq
      """;
  static final String LIST = """
      SELECT id, order_id, account_id, gateway, gateway_reference, status, amount, currency, captured, refunded,
             refund_unknown, failure_reason, next_action_url, next_action_secret, created_at FROM payments
       WHERE ($1::uuid IS NULL OR account_id = $1) AND ($2::uuid IS NULL OR id < $2)
       ORDER BY id DESC LIMIT $3
      """;
  static final int MAX_TOKEN = 200;
  static final int MAX_GATEWAY = 40;

  private final PeerClient peers;
  private final Pool pool;
  private final Gateways gateways;
  private final PaymentTransitions transitions;
  private final Settlement settlement;
  private final Abandonment abandonment;
  private final PaymentConfig config;
  private final int maxPage;
  private final IdempotencyKeys keys;
  private final long leaseMs;

  Payments(Vertx vertx, Pool pool, Gateways gateways, PaymentTransitions transitions, Settlement settlement,
      Abandonment abandonment, PaymentConfig config, int maxPage) {
    this.peers = new PeerClient(vertx, config.gatewayTimeoutMs());
    this.pool = pool;
    this.gateways = gateways;
    this.transitions = transitions;
    this.settlement = settlement;
    this.abandonment = abandonment;
    this.config = config;
    this.maxPage = maxPage;
    // A lease longer than the gateway's timeout plus the order lookup: only a dead attempt is taken over.
    this.leaseMs = 3L * config.gatewayTimeoutMs();
    this.keys = new IdempotencyKeys(vertx, pool, config.idempotencyWaitMs(), leaseMs);
  }

  /** POST /payments. */
  Future<?> create(Envelope envelope) {
    Principal principal = envelope.requirePrincipal();
    JsonObject body = envelope.bodyObject();
    UUID orderId = Fields.id(body, "orderId");
    JsonObject method = body.getValue("paymentMethod") instanceof JsonObject m ? m : null;
    if (method == null) {
      throw Problem.invalidField("/paymentMethod", "is required");
    }
    Gateway gateway = gateways.pick(Fields.optionalText(body, "gateway", MAX_GATEWAY));
    // PayPal is paid with a PayPal account (a checkout the payer approves, or a saved one); the others with a card.
    String type = gateway.name().equals(PayPalGateway.NAME) ? "paypal" : "card";
    if (!type.equals(method.getValue("type"))) {
      throw Problem.invalidField("/paymentMethod/type", "must be " + type + " with the " + gateway.name() + " gateway");
    }
    String token = Fields.text(method, "token", MAX_TOKEN);
    // The claim's id is the payment's: a repeat that takes over a crashed attempt finds it.
    return keys.run(envelope, 1, claim -> charge(envelope, principal, orderId, new Attempt(gateway, token, claim)));
  }

  /**
   * One attempt to pay: the gateway, the client's payment method token, and the key's
   * claim: its id is the payment's, and {@code fresh} says that id is new (else a crashed
   * attempt may have made the payment already).
   */
  private record Attempt(Gateway gateway, String token, IdempotencyKeys.Claim claim) {
    UUID paymentId() {
      return claim.ids().get(0);
    }

    boolean fresh() {
      return claim.fresh();
    }
  }

  private Future<JsonObject> charge(Envelope envelope, Principal principal, UUID orderId, Attempt attempt) {
    UUID paymentId = attempt.paymentId();
    Future<RowSet<Row>> earlier = attempt.fresh() ? Future.succeededFuture()
        : pool.preparedQuery(SELECT_PAYMENT).execute(Tuple.of(paymentId));
    return earlier.compose(existing -> existing != null && existing.size() == 1
        ? answered(existing.iterator().next())
        : order(orderId, principal.sub(), envelope.requestId()).compose(order -> {
      String status = order.getString("status");
      if (!OrderStates.PENDING_PAYMENT.equals(status) && !OrderStates.PAYMENT_FAILED.equals(status)) {
        return Future.failedFuture(new Problem(ProblemType.INVALID_STATE,
            "The order is " + status + ", not " + OrderStates.PENDING_PAYMENT + "."));
      }
      JsonObject total = order.getJsonObject("total");
      long amount = total.getLong("amount");
      String currency = total.getString("currency");
      UUID accountId = UUID.fromString(principal.sub());
      Charge charge = new Charge(paymentId, orderId, accountId, amount, currency);
      return open(attempt, charge, true).compose(v -> authorizeAndCapture(attempt, charge));
    }));
  }

  /**
   * The payment's row, watched from the start (if this node dies mid-call, the reconciler
   * asks the gateway after the lease). An order with a live payment that waits on the
   * customer gives that one up first, once ({@link Abandonment#forAnother}: a 503 when its
   * gateway cannot confirm that); any other live payment is a 409.
   */
  private Future<Void> open(Attempt attempt, Charge charge, boolean mayGiveUp) {
    String gatewayName = attempt.gateway().name();
    return pool.withTransaction(tx -> tx.preparedQuery(INSERT_PAYMENT)
            .execute(Tuple.of(charge.paymentId(), charge.orderId(), charge.accountId(), gatewayName, charge.amount(),
                charge.currency(), attempt.token()))
            .compose(v -> transitions.watch(tx, charge, gatewayName, leaseMs)))
        .recover(failure -> {
          if (!Sql.isUniqueViolation(failure)) {
            return Future.failedFuture(failure);
          }
          Future<Boolean> freed = !mayGiveUp ? Future.succeededFuture(false)
              : abandonment.forAnother(charge.orderId()).recover(unanswered -> Future.failedFuture(new Problem(
                  ProblemType.GATEWAY_UNAVAILABLE, "The order's earlier payment waits on the customer, and its gateway"
                      + " could not confirm now that it is given up; nothing was charged. Try again.")));
          return freed.compose(given -> given ? open(attempt, charge, false)
              : Future.failedFuture(new Problem(ProblemType.INVALID_STATE,
                  "The order has a payment in progress, awaiting the gateway, or captured.")));
        });
  }

  private Future<JsonObject> authorizeAndCapture(Attempt attempt, Charge charge) {
    Gateway gateway = attempt.gateway();
    Future<Gateway.Result> authorized = gateway.authorize(charge, attempt.token())
        .timeout(config.gatewayTimeoutMs(), java.util.concurrent.TimeUnit.MILLISECONDS);
    // The settling transaction reads the payment back and stores the key's answer with it.
    Settlement.Then<Row> answer = (tx, status) -> tx.preparedQuery(SELECT_PAYMENT).execute(Tuple.of(charge.paymentId()))
        .compose(rows -> {
          Row row = rows.iterator().next();
          JsonObject body = answer(row);
          // An unknown outcome is not an answer: the key is released, and a repeat finds the payment.
          return body == null ? Future.succeededFuture(row) : keys.settle(tx, attempt.claim(), body).map(row);
        });
    return authorized.transform(done -> {
      if (done.succeeded()) {
        return settlement.settle(gateway, charge, done.result(), answer);
      }
      if (done.cause() instanceof Gateway.NetworkError) {
        return pool.withTransaction(tx -> transitions.unreached(tx, charge.paymentId(), "network-error"))
            .compose(v -> Future.failedFuture(new Problem(ProblemType.GATEWAY_UNAVAILABLE,
                "The payment gateway could not be reached; nothing was charged. Try again.")));
      }
      // A timeout, a 5xx, a malformed answer, or anything else: never taken for a success or a failure.
      return settlement.unknown(charge, null, done.cause(), answer);
    }).compose(Payments::answered);
  }

  /** GET /payments/{payment_id}: the owner or an admin; anyone else 404. */
  Future<?> get(Envelope envelope) {
    Principal principal = envelope.requirePrincipal();
    UUID id = Fields.pathId(envelope, "payment_id");
    return pool.preparedQuery(SELECT_PAYMENT).execute(Tuple.of(id)).compose(rows -> {
      Row row = rows.size() == 0 ? null : rows.iterator().next();
      if (row == null || !(principal.isAdmin() || row.getUUID("account_id").toString().equals(principal.sub()))) {
        return Future.failedFuture(Problem.notFound("No such payment."));
      }
      return pool.preparedQuery(SELECT_TXS).execute(Tuple.of(id))
          .map(txs -> view(row, principal.sub()).put("transactions", transactions(txs)));
    });
  }

  /** GET /payments: a customer's own, an admin's all; newest first; cursor = last id. */
  Future<?> list(Envelope envelope) {
    Principal principal = envelope.requirePrincipal();
    int limit = Pages.limit(envelope, 20, maxPage);
    UUID after = Pages.idCursor(envelope);
    UUID account = principal.isAdmin() ? null : UUID.fromString(principal.sub());
    return pool.preparedQuery(LIST).execute(Tuple.of(account, after, limit + 1)).map(rows -> {
      JsonArray items = new JsonArray();
      String next = null;
      for (Row row : rows) {
        if (items.size() == limit) {
          next = items.getJsonObject(limit - 1).getString("paymentId");
          break;
        }
        items.add(view(row, principal.sub()));
      }
      return new JsonObject().put("items", items).put("nextCursor", next);
    });
  }

  /** Asks the order domain; its 404 stays a 404. */
  Future<JsonObject> order(UUID orderId, String accountId, String requestId) {
    JsonObject body = new JsonObject().put("orderId", orderId.toString()).put("accountId", accountId);
    return peers.ask(PaymentAddresses.GET_ORDER_FOR_PAYMENT, body, requestId);
  }

  /** A payment as {@code viewer} (an account id) sees it: the next action's secret only when it is the owner's. */
  static JsonObject view(Row row, String viewer) {
    String currency = row.getString("currency");
    return new JsonObject().put("paymentId", row.getUUID("id").toString())
        .put("orderId", row.getUUID("order_id").toString())
        .put("accountId", row.getUUID("account_id").toString())
        .put("gateway", row.getString("gateway"))
        .put("status", row.getString("status"))
        .put("amount", money(row.getLong("amount"), currency))
        .put("captured", money(row.getLong("captured"), currency))
        .put("refunded", money(row.getLong("refunded"), currency))
        .put("refundOutcomeUnknown", money(row.getLong("refund_unknown"), currency))
        .put("failureReason", row.getString("failure_reason"))
        .put("nextAction", nextAction(row, row.getUUID("account_id").toString().equals(viewer)))
        .put("createdAt", row.getOffsetDateTime("created_at").toString());
  }

  /**
   * How the customer completes an authentication the gateway asked for, while the payment is
   * pending: the page to send them to ({@code redirect}), and for the owner the secret Stripe.js
   * completes it with in the page ({@code clientSecret}; {@code stripe-js} when there is no page).
   */
  private static JsonObject nextAction(Row row, boolean owner) {
    String url = row.getString("next_action_url");
    String secret = owner ? row.getString("next_action_secret") : null;
    if (url == null && secret == null || PaymentStatus.of(row.getString("status")) != PaymentStatus.PENDING) {
      return null;
    }
    JsonObject action = new JsonObject().put("type", url != null ? "redirect" : "stripe-js");
    if (url != null) {
      action.put("url", url);
    }
    if (secret != null) {
      action.put("clientSecret", secret);
    }
    return action;
  }

  private static JsonArray transactions(RowSet<Row> rows) {
    JsonArray items = new JsonArray();
    for (Row row : rows) {
      items.add(new JsonObject().put("transactionId", row.getUUID("id").toString())
          .put("kind", row.getString("kind"))
          .put("amount", money(row.getLong("amount"), row.getString("currency")))
          .put("gatewayReference", row.getString("gateway_reference"))
          .put("groupId", row.getUUID("group_id") == null ? null : row.getUUID("group_id").toString())
          .put("reason", row.getString("reason"))
          .put("createdAt", row.getOffsetDateTime("created_at").toString()));
    }
    return items;
  }

  /**
   * The answer of a payment, also for a repeat that finds what an earlier (crashed) attempt
   * created; while the gateway's outcome is unknown, the 502 that says so and names the payment.
   */
  private static Future<JsonObject> answered(Row row) {
    JsonObject answer = answer(row);
    if (answer == null) {
      String paymentId = row.getUUID("id").toString();
      return Future.failedFuture(new Problem(ProblemType.PAYMENT_OUTCOME_UNKNOWN, "The payment gateway's answer was"
          + " lost: the payment may or may not have been charged. Do not pay again; Mercato asks the gateway and"
          + " settles the payment (follow GET /payments/" + paymentId + ").", List.of(),
          new JsonObject().put("paymentId", paymentId)));
    }
    return Future.succeededFuture(answer);
  }

  /** The answer a payments row gives; null while the gateway's outcome is unknown. */
  private static JsonObject answer(Row row) {
    PaymentStatus status = PaymentStatus.of(row.getString("status"));
    String paymentId = row.getUUID("id").toString();
    if (status == PaymentStatus.UNKNOWN) {
      return null;
    }
    JsonObject answer = new JsonObject().put("paymentId", paymentId).put("orderId", row.getUUID("order_id").toString())
        .put("gateway", row.getString("gateway")).put("status", status.text)
        .put("amount", money(row.getLong("amount"), row.getString("currency")));
    // The answer goes to the payer alone (and its replay to the same principal's key).
    JsonObject action = nextAction(row, true);
    if (action != null) {
      answer.put("nextAction", action);
    }
    if (status == PaymentStatus.FAILED && row.getString("failure_reason") != null) {
      answer.put("failureReason", row.getString("failure_reason"));
    }
    return answer;
  }

  /** The charge a payments row records. */
  static Charge charge(Row row) {
    return new Charge(row.getUUID("id"), row.getUUID("order_id"), row.getUUID("account_id"), row.getLong("amount"),
        row.getString("currency"));
  }

  static JsonObject money(long amount, String currency) {
    return Money.json(amount, currency);
  }
}
