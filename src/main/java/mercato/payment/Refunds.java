package mercato.payment;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import mercato.payment.api.PaymentEvents;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Fields;
import mercato.platform.bus.Principal;
import mercato.platform.bus.Problem;
import mercato.platform.bus.ProblemType;
import mercato.platform.events.Event;
import mercato.platform.events.Outbox;
import mercato.platform.ids.Ids;
import mercato.platform.work.Sequence;

/**
 * Refunds: the sum never exceeds the capture, enforced by the database under concurrency (a
 * conditional UPDATE that adds the amount only while it fits, and a CHECK). A seller refunds
 * only within its own fulfilment group's total. A cancelled order gets back whatever was
 * captured and not yet refunded.
 */
final class Refunds {
  static final String ADD_REFUND = """
      UPDATE payments SET refunded = refunded + $2, updated_at = now()
       WHERE id = $1 AND status = 'captured' AND refunded + $2 <= captured
       RETURNING order_id, gateway_reference, currency, captured, refunded
      """;
  static final String GROUP_REFUNDED = """
      SELECT coalesce(sum(amount), 0)::bigint AS total FROM payment_transactions
       WHERE payment_id = $1 AND kind = 'refund' AND group_id = $2
      """;
  static final String CAPTURED_FOR_ORDER = """
      SELECT id, currency, captured - refunded AS remaining FROM payments
       WHERE order_id = $1 AND status = 'captured' FOR UPDATE
      """;
  static final int MAX_REASON = 500;

  private final Pool pool;
  private final Outbox outbox;
  private final Gateway gateway;
  private final Payments payments;

  Refunds(Pool pool, Outbox outbox, Gateway gateway, Payments payments) {
    this.pool = pool;
    this.outbox = outbox;
    this.gateway = gateway;
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
      return groupCap.compose(cap -> pool.withTransaction(tx -> apply(tx, paymentId, amount, groupId, cap, reason)));
    });
  }

  /** Adds {@code amount} to the refunded total if it fits (and within the group's cap), then asks the gateway. */
  private Future<JsonObject> apply(SqlConnection tx, UUID paymentId, long amount, UUID groupId, Long groupCap,
      String reason) {
    return tx.preparedQuery(ADD_REFUND).execute(Tuple.of(paymentId, amount)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(new Problem(ProblemType.CONFLICT,
            "The refunds would exceed what was captured for this payment."));
      }
      Row row = rows.iterator().next();
      Future<Void> withinGroup = groupCap == null ? Future.succeededFuture()
          : tx.preparedQuery(GROUP_REFUNDED).execute(Tuple.of(paymentId, groupId)).compose(sum -> {
            long already = sum.iterator().next().getLong("total");
            return already + amount > groupCap
                ? Future.failedFuture(new Problem(ProblemType.CONFLICT,
                    "The refunds would exceed this fulfilment group's total."))
                : Future.succeededFuture();
          });
      return withinGroup.compose(v -> refunded(tx, paymentId, row, amount, groupId, reason));
    });
  }

  private Future<JsonObject> refunded(SqlConnection tx, UUID paymentId, Row row, long amount, UUID groupId,
      String reason) {
    String currency = row.getString("currency");
    UUID orderId = row.getUUID("order_id");
    UUID refundId = Ids.uuid7();
    // The row stays locked while the gateway answers: a failure rolls the refunded total back.
    return gateway.refund(row.getString("gateway_reference"), amount, currency).compose(result -> {
      if (result.outcome() != Gateway.Outcome.APPROVED) {
        return Future.failedFuture(new Problem(ProblemType.REFUND_DECLINED,
            "The gateway declined the refund."));
      }
      JsonObject data = new JsonObject().put("paymentId", paymentId.toString()).put("orderId", orderId.toString())
          .put("refundId", refundId.toString()).put("amount", Payments.money(amount, currency))
          .put("refundedTotal", Payments.money(row.getLong("refunded"), currency))
          .put("capturedTotal", Payments.money(row.getLong("captured"), currency));
      if (groupId != null) {
        data.put("groupId", groupId.toString());
      }
      return tx.preparedQuery(Payments.INSERT_TX)
          .execute(Tuple.of(refundId, paymentId, TransactionKind.REFUND.text, amount, currency, result.reference(),
              groupId, reason))
          .compose(v -> outbox.append(tx, Event.of(PaymentEvents.REFUNDED, orderId.toString(), data)))
          .map(v -> data);
    });
  }

  /** order cancelled or refund-due: whatever was captured and not refunded goes back; a repeat finds nothing left. */
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
      return Sequence.each(refundable,
          row -> apply(tx, row.getUUID("id"), row.getLong("remaining"), null, null, reason));
    });
  }
}
