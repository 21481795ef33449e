package mercato.payment;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Fields;
import mercato.platform.bus.Principal;
import mercato.platform.bus.Problem;
import mercato.platform.bus.ProblemType;
import mercato.platform.events.Event;
import mercato.platform.ids.Ids;
import mercato.platform.work.Sequence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refunds: the sum never exceeds the capture, enforced by the database under concurrency (a
 * conditional UPDATE that adds the amount only while it fits, and a CHECK). A seller refunds
 * only within its own fulfilment group's total. A cancelled order gets back whatever was
 * captured and not yet refunded. The refund goes to the payment's own gateway; an answer that
 * was lost keeps the amount counted and leaves it to the reconciler ({@link RefundLedger}).
 */
final class Refunds {
  private static final Logger LOG = LoggerFactory.getLogger(Refunds.class);
  static final String GROUP_REFUNDED = """
      SELECT (SELECT coalesce(sum(amount), 0) FROM payment_transactions
               WHERE payment_id = $1 AND kind = 'refund' AND group_id = $2)
           + (SELECT coalesce(sum(amount), 0) FROM gateway_checks
               WHERE payment_id = $1 AND step = 'refund' AND group_id = $2) AS total
      """;
  static final String CAPTURED_FOR_ORDER = """
      SELECT id, currency, captured - refunded AS remaining FROM payments
       WHERE order_id = $1 AND status = 'captured' FOR UPDATE
      """;
  static final int MAX_REASON = 500;
  /** Marks a refund whose gateway answer was lost, inside the transaction that keeps it counted. */
  private static final String OUTCOME_UNKNOWN = "outcomeUnknown";

  /** One refund to make: its id (the gateway's idempotency key), amount, group and the group's cap. */
  private record Ask(UUID paymentId, UUID refundId, long amount, UUID groupId, Long groupCap, String reason) {}

  private final Pool pool;
  private final Gateways gateways;
  private final RefundLedger ledger;
  private final Payments payments;

  Refunds(Pool pool, Gateways gateways, RefundLedger ledger, Payments payments) {
    this.pool = pool;
    this.gateways = gateways;
    this.ledger = ledger;
    this.payments = payments;
  }

  /** POST /payment/refund. */
  Future<?> refund(Envelope envelope) {
    Principal principal = envelope.requirePrincipal();
    JsonObject body = envelope.bodyObject();
    UUID paymentId = Fields.id(body, "paymentId");
    JsonObject money = body.getValue("amount") instanceof JsonObject m ? m : null;
    if (money == null || !(money.getValue("amount") instanceof Number n) || n.longValue() < 1
        || n.doubleValue() != n.longValue()) {
      throw Problem.invalidField("/amount/amount", "must be a positive integer of minor units");
    }
    long amount = money.getLong("amount");
    String currency = Fields.text(money, "currency", 3);
    UUID groupId = body.getValue("groupId") == null ? null : Fields.id(body, "groupId");
    String reason = Fields.optionalText(body, "reason", MAX_REASON);
    boolean seller = principal.isSeller();
    if (seller && groupId == null) {
      throw Problem.invalidField("/groupId", "is required for a seller");
    }
    return pool.preparedQuery(Payments.SELECT_PAYMENT).execute(Tuple.of(paymentId)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(Problem.notFound("No such payment."));
      }
      Row payment = rows.iterator().next();
      if (!payment.getString("currency").equals(currency)) {
        return Future.failedFuture(Problem.invalidField("/amount/currency", "must be the payment's currency"));
      }
      Future<Long> groupCap = Future.succeededFuture(null);
      if (groupId != null) {
        groupCap = payments.order(payment.getUUID("order_id"), payment.getUUID("account_id").toString(),
            envelope.requestId()).compose(order -> {
          for (Object item : order.getJsonArray("groups", new JsonArray())) {
            JsonObject group = (JsonObject) item;
            if (groupId.toString().equals(group.getString("groupId"))
                && (!seller || principal.sub().equals(group.getString("sellerId")))) {
              return Future.succeededFuture(group.getJsonObject("total").getLong("amount"));
            }
          }
          return Future.failedFuture(Problem.notFound("No such fulfilment group on this payment's order."));
        });
      } else if (seller) {
        return Future.failedFuture(Problem.notFound("No such payment."));
      }
      return groupCap.compose(cap -> pool.withTransaction(tx -> apply(tx,
              new Ask(paymentId, Ids.uuid7(), amount, groupId, cap, reason))))
          .compose(data -> data.getBoolean(OUTCOME_UNKNOWN, false)
              ? Future.failedFuture(new Problem(ProblemType.PAYMENT_OUTCOME_UNKNOWN, "The gateway's answer to the refund"
                  + " was lost: it may or may not have been made. It stays counted while Mercato asks the gateway.",
                  List.of(), new JsonObject().put("paymentId", paymentId.toString())
                      .put("refundId", data.getString("refundId"))))
              : Future.succeededFuture(data));
    });
  }

  /** Adds the amount to the refunded total if it fits (and within the group's cap), then asks the gateway. */
  private Future<JsonObject> apply(SqlConnection tx, Ask ask) {
    return ledger.reserve(tx, ask.paymentId(), ask.amount()).compose(row -> {
      if (row == null) {
        return Future.failedFuture(new Problem(ProblemType.CONFLICT,
            "The refunds would exceed what was captured for this payment."));
      }
      Future<Void> withinGroup = ask.groupCap() == null ? Future.succeededFuture()
          : tx.preparedQuery(GROUP_REFUNDED).execute(Tuple.of(ask.paymentId(), ask.groupId())).compose(sum -> {
            long already = sum.iterator().next().getLong("total");
            return already + ask.amount() > ask.groupCap()
                ? Future.failedFuture(new Problem(ProblemType.CONFLICT,
                    "The refunds would exceed this fulfilment group's total."))
                : Future.succeededFuture();
          });
      return withinGroup.compose(v -> refunded(tx, ask, row));
    });
  }

  private Future<JsonObject> refunded(SqlConnection tx, Ask ask, Row row) {
    String currency = row.getString("currency");
    Gateway gateway = gateways.of(row.getString("gateway"));
    Gateway.RefundRequest request = new Gateway.RefundRequest(ask.refundId(), ask.paymentId(),
        row.getString("gateway_reference"), ask.amount(), currency);
    // The row stays locked while the gateway answers: a refusal rolls the refunded total back.
    return gateway.refund(request).transform(answered -> {
      if (answered.failed() && answered.cause() instanceof Gateway.NetworkError) {
        return Future.failedFuture(new Problem(ProblemType.GATEWAY_UNAVAILABLE,
            "The payment gateway could not be reached; nothing was refunded. Try again."));
      }
      if (answered.failed()) {
        if (!gateways.reconciles(gateway.name())) {
          return Future.failedFuture(answered.cause());
        }
        LOG.warn("refund {} of payment {}: the gateway's outcome is unknown ({}); the reconciler will ask",
            ask.refundId(), ask.paymentId(), answered.cause().getMessage());
        return ledger.unknown(tx, request, ask.groupId(), ask.reason())
            .map(v -> new JsonObject().put(OUTCOME_UNKNOWN, true).put("refundId", ask.refundId().toString()));
      }
      Gateway.Result result = answered.result();
      if (result.outcome() != Gateway.Outcome.APPROVED) {
        return Future.failedFuture(new Problem(ProblemType.REFUND_DECLINED,
            "The gateway declined the refund" + (result.reason() == null ? "." : ": " + result.reason() + ".")));
      }
      return ledger.accepted(tx, new RefundLedger.Accepted(ask.paymentId(), row.getUUID("order_id"), ask.refundId(),
          ask.amount(), currency, result.reference(), ask.groupId(), ask.reason(), row.getLong("refunded"),
          row.getLong("captured")));
    });
  }

  /**
   * order cancelled or refund-due: whatever was captured and not refunded goes back; a repeat
   * finds nothing left. The refund's id comes from the event and the payment, so a redelivery
   * after a crash asks the gateway with the same idempotency key.
   */
  Future<?> refundCaptured(Event event, SqlConnection tx) {
    UUID orderId = UUID.fromString(event.data().getString("orderId"));
    String reason = event.data().getString("reason", "order-cancelled");
    return tx.preparedQuery(CAPTURED_FOR_ORDER).execute(Tuple.of(orderId)).compose(rows -> {
      List<Row> refundable = new ArrayList<>();
      rows.forEach(row -> {
        if (row.getLong("remaining") > 0) {
          refundable.add(row);
        }
      });
      return Sequence.each(refundable, row -> {
        UUID paymentId = row.getUUID("id");
        UUID refundId = UUID.nameUUIDFromBytes((event.id() + "/" + paymentId).getBytes(StandardCharsets.UTF_8));
        return apply(tx, new Ask(paymentId, refundId, row.getLong("remaining"), null, null, reason));
      });
    });
  }
}
