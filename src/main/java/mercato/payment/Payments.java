package mercato.payment;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import mercato.order.api.OrderStates;
import mercato.payment.api.PaymentAddresses;
import mercato.payment.api.PaymentEvents;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Fields;
import mercato.platform.bus.Pages;
import mercato.platform.bus.PeerClient;
import mercato.platform.bus.Principal;
import mercato.platform.bus.Problem;
import mercato.platform.bus.ProblemType;
import mercato.platform.db.Sql;
import mercato.platform.events.Event;
import mercato.platform.events.Outbox;
import mercato.platform.ids.Ids;
import mercato.platform.money.Money;
import mercato.platform.idempotency.IdempotencyKeys;

/**
 * Paying an order: the amount from the order domain, one live attempt per order (unique
 * index), the gateway's authorise and capture, every step in the transactions table, and
 * the events in the outbox in the same transaction as the state change. Idempotency-Key
 * per principal, claimed in a table. Reads of one payment or a page of them.
 */
final class Payments {
  static final String INSERT_PAYMENT = """
      INSERT INTO payments (id, order_id, account_id, gateway, status, amount, currency)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      """;
  static final String FINISH = """
      UPDATE payments SET status = $2, gateway_reference = $3, captured = $4, failure_reason = $5, updated_at = now()
       WHERE id = $1
      """;
  static final String INSERT_TX = """
      INSERT INTO payment_transactions (id, payment_id, kind, amount, currency, gateway_reference, group_id, reason)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      """;
  static final String SELECT_PAYMENT = """
      SELECT id, order_id, account_id, gateway, gateway_reference, status, amount, currency, captured, refunded,
             failure_reason, created_at FROM payments WHERE id = $1
      """;
  static final String SELECT_TXS = """
      SELECT id, kind, amount, currency, gateway_reference, group_id, reason, created_at FROM payment_transactions
       WHERE payment_id = $1 ORDER BY seq
      """;
  static final String LIST = """
      SELECT id, order_id, account_id, gateway, gateway_reference, status, amount, currency, captured, refunded,
             failure_reason, created_at FROM payments
       WHERE ($1::uuid IS NULL OR account_id = $1) AND ($2::uuid IS NULL OR id < $2)
       ORDER BY id DESC LIMIT $3
      """;
  static final int MAX_TOKEN = 200;

  private final Vertx vertx;
  private final PeerClient peers;
  private final Pool pool;
  private final Outbox outbox;
  private final Gateway gateway;
  private final PaymentConfig config;
  private final int maxPage;
  private final IdempotencyKeys keys;

  Payments(Vertx vertx, Pool pool, Outbox outbox, Gateway gateway, PaymentConfig config, int maxPage) {
    this.vertx = vertx;
    this.peers = new PeerClient(vertx, config.gatewayTimeoutMs());
    this.pool = pool;
    this.outbox = outbox;
    this.gateway = gateway;
    this.config = config;
    this.maxPage = maxPage;
    // A lease longer than the gateway's timeout plus the order lookup: only a dead attempt is taken over.
    this.keys = new IdempotencyKeys(vertx, pool, config.idempotencyWaitMs(), 3L * config.gatewayTimeoutMs());
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
    if (!"card".equals(method.getValue("type"))) {
      throw Problem.invalidField("/paymentMethod/type", "must be card");
    }
    String token = Fields.text(method, "token", MAX_TOKEN);
    // The claim's id is the payment's: a repeat that takes over a crashed attempt finds it.
    return keys.run(envelope, 1, claim -> charge(envelope, principal, orderId, token, claim.ids().get(0)));
  }

  private Future<JsonObject> charge(Envelope envelope, Principal principal, UUID orderId, String token, UUID paymentId) {
    return pool.preparedQuery(SELECT_PAYMENT).execute(Tuple.of(paymentId)).compose(existing -> existing.size() == 1
        ? Future.succeededFuture(answer(existing.iterator().next()))
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
      return pool.preparedQuery(INSERT_PAYMENT)
          .execute(Tuple.of(paymentId, orderId, accountId, gateway.name(), PaymentStatus.PROCESSING.text, amount,
              currency))
          .recover(failure -> Future.failedFuture(Sql.isUniqueViolation(failure)
              ? new Problem(ProblemType.INVALID_STATE,
                  "The order has a payment in progress or captured.")
              : failure))
          .compose(v -> authorizeAndCapture(new Charge(paymentId, orderId, accountId, amount, currency), token));
    }));
  }

  private Future<JsonObject> authorizeAndCapture(Charge charge, String token) {
    UUID paymentId = charge.paymentId();
    long amount = charge.amount();
    String currency = charge.currency();
    Future<Gateway.Result> authorized = gateway.authorize(amount, currency, token, paymentId.toString())
        .timeout(config.gatewayTimeoutMs(), java.util.concurrent.TimeUnit.MILLISECONDS);
    return authorized.compose(result -> switch (result.outcome()) {
      case DECLINED -> pool.withTransaction(tx -> failed(tx, charge, result.reference(), result.reason()))
          .map(v -> answer(charge, PaymentStatus.FAILED));
      case PENDING -> pool.withTransaction(tx -> tx.preparedQuery(FINISH)
              .execute(Tuple.of(paymentId, PaymentStatus.PENDING.text, result.reference(), 0L, null))
              .compose(v -> transaction(tx, charge, TransactionKind.AUTHORIZATION, result.reference(),
                  PaymentStatus.PENDING.text))
              .compose(v -> outbox.append(tx, Event.of(PaymentEvents.AUTHORIZED, charge.orderId().toString(),
                  authorizedData(charge)))))
          .map(v -> answer(charge, PaymentStatus.PENDING));
      case APPROVED -> gateway.capture(result.reference(), amount, currency)
          .compose(captured -> captured.outcome() == Gateway.Outcome.APPROVED
              ? pool.withTransaction(tx -> authorizedAndCaptured(tx, charge, result.reference()))
                  .map(v -> answer(charge, PaymentStatus.CAPTURED))
              : pool.withTransaction(tx -> failed(tx, charge, result.reference(), captured.reason()))
                  .map(v -> answer(charge, PaymentStatus.FAILED)));
    }, failure -> pool.withTransaction(tx -> failedUnannounced(tx, charge, null, "network-error"))
        .compose(v -> Future.failedFuture(new Problem(ProblemType.GATEWAY_UNAVAILABLE,
            "The payment gateway could not be reached; nothing was charged. Try again."))));
  }

  /** A synchronous approval: the authorization transaction and event, then {@link #captured}, in one transaction. */
  private Future<Void> authorizedAndCaptured(SqlConnection tx, Charge charge, String reference) {
    return transaction(tx, charge, TransactionKind.AUTHORIZATION, reference, null)
        .compose(v -> outbox.append(tx, Event.of(PaymentEvents.AUTHORIZED, charge.orderId().toString(),
            authorizedData(charge))))
        .compose(v -> captured(tx, charge, reference));
  }

  /** The captured state, the capture transaction and the captured event (a pending payment's webhook, or after authorization). */
  Future<Void> captured(SqlConnection tx, Charge charge, String reference) {
    UUID paymentId = charge.paymentId();
    return tx.preparedQuery(FINISH)
        .execute(Tuple.of(paymentId, PaymentStatus.CAPTURED.text, reference, charge.amount(), null))
        .compose(v -> transaction(tx, charge, TransactionKind.CAPTURE, reference, null))
        .compose(v -> outbox.append(tx, Event.of(PaymentEvents.CAPTURED, charge.orderId().toString(), new JsonObject()
            .put("paymentId", paymentId.toString()).put("orderId", charge.orderId().toString())
            .put("accountId", charge.accountId().toString()).put("amount", money(charge.amount(), charge.currency())))));
  }

  /** The failed state, a failure transaction and the failed event the order reacts to. */
  Future<Void> failed(SqlConnection tx, Charge charge, String reference, String reason) {
    return failedUnannounced(tx, charge, reference, reason)
        .compose(v -> outbox.append(tx, Event.of(PaymentEvents.FAILED, charge.orderId().toString(),
            new JsonObject().put("paymentId", charge.paymentId().toString()).put("orderId", charge.orderId().toString())
                .put("reason", reason))));
  }

  /** The failed state and a failure transaction only: the gateway was not reached, the order may pay again. */
  private Future<Void> failedUnannounced(SqlConnection tx, Charge charge, String reference, String reason) {
    return tx.preparedQuery(FINISH)
        .execute(Tuple.of(charge.paymentId(), PaymentStatus.FAILED.text, reference, 0L, reason))
        .compose(v -> transaction(tx, charge, TransactionKind.FAILURE, reference, reason));
  }

  /** A step of {@code charge} for its whole amount (authorization, capture, failure); refunds write their own. */
  private Future<Void> transaction(SqlConnection tx, Charge charge, TransactionKind kind, String reference,
      String reason) {
    return tx.preparedQuery(INSERT_TX).execute(Tuple.of(Ids.uuid7(), charge.paymentId(), kind.text, charge.amount(),
        charge.currency(), reference, null, reason)).mapEmpty();
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
          .map(txs -> view(row).put("transactions", transactions(txs)));
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
        items.add(view(row));
      }
      return new JsonObject().put("items", items).put("nextCursor", next);
    });
  }

  /** Asks the order domain; its 404 stays a 404. */
  Future<JsonObject> order(UUID orderId, String accountId, String requestId) {
    JsonObject body = new JsonObject().put("orderId", orderId.toString()).put("accountId", accountId);
    return peers.ask(PaymentAddresses.GET_ORDER_FOR_PAYMENT, body, requestId);
  }

  static JsonObject view(Row row) {
    String currency = row.getString("currency");
    return new JsonObject().put("paymentId", row.getUUID("id").toString())
        .put("orderId", row.getUUID("order_id").toString())
        .put("accountId", row.getUUID("account_id").toString())
        .put("gateway", row.getString("gateway"))
        .put("status", row.getString("status"))
        .put("amount", money(row.getLong("amount"), currency))
        .put("captured", money(row.getLong("captured"), currency))
        .put("refunded", money(row.getLong("refunded"), currency))
        .put("failureReason", row.getString("failure_reason"))
        .put("createdAt", row.getOffsetDateTime("created_at").toString());
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

  /** The answer a repeat gets for a payment an earlier (crashed) attempt created. */
  private static JsonObject answer(Row row) {
    return answer(charge(row), PaymentStatus.of(row.getString("status")));
  }

  private static JsonObject answer(Charge charge, PaymentStatus status) {
    return new JsonObject().put("paymentId", charge.paymentId().toString()).put("orderId", charge.orderId().toString())
        .put("status", status.text).put("amount", money(charge.amount(), charge.currency()));
  }

  /** The charge a payments row records. */
  static Charge charge(Row row) {
    return new Charge(row.getUUID("id"), row.getUUID("order_id"), row.getUUID("account_id"), row.getLong("amount"),
        row.getString("currency"));
  }

  private static JsonObject authorizedData(Charge charge) {
    return new JsonObject().put("paymentId", charge.paymentId().toString()).put("orderId", charge.orderId().toString())
        .put("amount", money(charge.amount(), charge.currency()));
  }

  static JsonObject money(long amount, String currency) {
    return Money.json(amount, currency);
  }
}
