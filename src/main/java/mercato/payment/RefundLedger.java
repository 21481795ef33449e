package mercato.payment;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import mercato.payment.api.PaymentEvents;
import mercato.platform.events.Event;
import mercato.platform.events.Outbox;
import mercato.platform.ids.Ids;

/**
 * What a refund writes, in the caller's transaction. The refunded total is raised before the
 * gateway is asked (a conditional UPDATE, so refunds never exceed the capture); an accepted
 * refund then gets its transaction and event; one whose answer was lost stays counted (as
 * {@code refund_unknown}) with a refund check until the reconciler learns what happened, and
 * is then recorded like any other or given back to the refundable total.
 */
final class RefundLedger {
  static final String RESERVE = """
      UPDATE payments SET refunded = refunded + $2, updated_at = now()
       WHERE id = $1 AND status = 'captured' AND refunded + $2 <= captured
       RETURNING order_id, gateway, gateway_reference, currency, captured, refunded
      """;
  static final String HOLD_UNKNOWN = """
      UPDATE payments SET refund_unknown = refund_unknown + $2, updated_at = now() WHERE id = $1
      """;
  static final String CHECK_REFUND = """
      INSERT INTO gateway_checks (id, payment_id, step, amount, group_id, reason, next_check_at)
      VALUES ($1, $2, 'refund', $3, $4, $5, now() + $6 * interval '1 millisecond')
      """;
  static final String CLOSE_CHECK = """
      DELETE FROM gateway_checks WHERE id = $1 AND step = 'refund' RETURNING payment_id, amount, group_id, reason
      """;
  static final String SETTLE_UNKNOWN = """
      UPDATE payments SET refund_unknown = refund_unknown - $2, refunded = refunded - $3, updated_at = now()
       WHERE id = $1 RETURNING order_id, currency, captured, refunded
      """;
  static final String KNOWN_REFUND = """
      SELECT 1 FROM payment_transactions WHERE payment_id = $1 AND kind = 'refund' AND (id = $2 OR gateway_reference = $3)
      UNION ALL SELECT 1 FROM gateway_checks WHERE id = $2
      """;

  /** One refund the gateway accepted, with the payment's totals after it. */
  record Accepted(UUID paymentId, UUID orderId, UUID refundId, long amount, String currency, String reference,
      UUID groupId, String reason, long refundedTotal, long capturedTotal) {}

  private final Outbox outbox;
  private final long firstCheckMs;

  RefundLedger(Outbox outbox, long firstCheckMs) {
    this.outbox = outbox;
    this.firstCheckMs = firstCheckMs;
  }

  /** The payment's row after {@code amount} is added to its refunded total, or null when it would not fit. */
  Future<Row> reserve(SqlConnection tx, UUID paymentId, long amount) {
    return tx.preparedQuery(RESERVE).execute(Tuple.of(paymentId, amount))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next());
  }

  /** The refund transaction and the refunded event; answers the event's data. */
  Future<JsonObject> accepted(SqlConnection tx, Accepted refund) {
    String currency = refund.currency();
    JsonObject data = new JsonObject().put("paymentId", refund.paymentId().toString())
        .put("orderId", refund.orderId().toString()).put("refundId", refund.refundId().toString())
        .put("amount", Payments.money(refund.amount(), currency))
        .put("refundedTotal", Payments.money(refund.refundedTotal(), currency))
        .put("capturedTotal", Payments.money(refund.capturedTotal(), currency));
    if (refund.groupId() != null) {
      data.put("groupId", refund.groupId().toString());
    }
    return tx.preparedQuery(Payments.INSERT_TX)
        .execute(Tuple.of(refund.refundId(), refund.paymentId(), TransactionKind.REFUND.text, refund.amount(), currency,
            refund.reference(), refund.groupId(), refund.reason()))
        .compose(v -> outbox.append(tx, Event.of(PaymentEvents.REFUNDED, refund.orderId().toString(), data)))
        .map(data);
  }

  /** A reserved refund whose answer was lost: it stays counted, and the reconciler asks about it. */
  Future<Void> unknown(SqlConnection tx, Gateway.RefundRequest refund, UUID groupId, String reason) {
    return tx.preparedQuery(HOLD_UNKNOWN).execute(Tuple.of(refund.paymentId(), refund.amount()))
        .compose(v -> tx.preparedQuery(CHECK_REFUND).execute(Tuple.of(refund.refundId(), refund.paymentId(),
            refund.amount(), groupId, reason, firstCheckMs)))
        .mapEmpty();
  }

  /**
   * Settles a refund whose answer was lost with what the gateway says now: accepted is
   * recorded (transaction and event), declined gives the amount back. False when another
   * settlement (a webhook, another node) got there first.
   */
  Future<Boolean> settle(SqlConnection tx, UUID refundId, Gateway.Result result) {
    return tx.preparedQuery(CLOSE_CHECK).execute(Tuple.of(refundId)).compose(closed -> {
      if (closed.size() == 0) {
        return Future.succeededFuture(false);
      }
      Row check = closed.iterator().next();
      UUID paymentId = check.getUUID("payment_id");
      long amount = check.getLong("amount");
      boolean accepted = result.outcome() == Gateway.Outcome.APPROVED;
      return tx.preparedQuery(SETTLE_UNKNOWN).execute(Tuple.of(paymentId, amount, accepted ? 0L : amount))
          .compose(rows -> {
            Row payment = rows.iterator().next();
            if (!accepted) {
              return Future.succeededFuture(true);
            }
            return accepted(tx, new Accepted(paymentId, payment.getUUID("order_id"), refundId, amount,
                payment.getString("currency"), result.reference(), check.getUUID("group_id"), check.getString("reason"),
                payment.getLong("refunded"), payment.getLong("captured"))).map(true);
          });
    });
  }

  /**
   * A refund made at the gateway, not through Mercato (its dashboard), recorded once under
   * Mercato's {@code reason}, within the capture; false (and nothing recorded) when it does
   * not fit what Mercato recorded as captured.
   */
  Future<Boolean> outside(SqlConnection tx, UUID paymentId, long amount, String reference, String reason) {
    return reserve(tx, paymentId, amount).compose(row -> row == null ? Future.succeededFuture(false)
        : accepted(tx, new Accepted(paymentId, row.getUUID("order_id"), Ids.uuid7(), amount, row.getString("currency"),
            reference, null, reason, row.getLong("refunded"), row.getLong("captured"))).map(true));
  }

  /** Whether Mercato already knows the refund Mercato's id or the gateway's reference names (settled or waiting). */
  Future<Boolean> known(SqlConnection tx, UUID paymentId, UUID refundId, String reference) {
    return tx.preparedQuery(KNOWN_REFUND).execute(Tuple.of(paymentId, refundId, reference)).map(rows -> rows.size() > 0);
  }
}
