package mercato.payment;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.Set;
import java.util.UUID;
import mercato.payment.api.PaymentEvents;
import mercato.platform.events.Event;
import mercato.platform.events.Outbox;
import mercato.platform.ids.Ids;
import mercato.platform.money.Money;

/**
 * The one way a payment's status changes, in the caller's transaction: under the row's lock
 * and only along {@link PaymentStatus#canMoveTo}, so a late, repeated or out-of-order gateway
 * answer changes nothing; with the transactions it records and the events it announces. A
 * payment of a gateway the reconciler can ask keeps a charge check while its outcome is open
 * (processing, pending, unknown) and loses it once captured or failed.
 */
final class PaymentTransitions {
  static final String LOCK = """
      SELECT id, order_id, account_id, gateway, gateway_reference, status, amount, currency FROM payments
       WHERE id = $1 FOR UPDATE
      """;
  static final String MOVE = """
      UPDATE payments SET status = $2, gateway_reference = coalesce($3, gateway_reference), captured = $4,
             failure_reason = $5, next_action_url = $6, next_action_secret = $7, updated_at = now()
       WHERE id = $1
      """;
  static final String WATCH = """
      INSERT INTO gateway_checks (id, payment_id, step, amount, next_check_at)
      VALUES ($1, $1, 'charge', $2, now() + $3 * interval '1 millisecond')
      ON CONFLICT (id) DO UPDATE SET next_check_at = least(gateway_checks.next_check_at, excluded.next_check_at)
      """;
  static final String UNWATCH = "DELETE FROM gateway_checks WHERE id = $1 AND step = 'charge'";
  static final String DUE_NOW = "UPDATE gateway_checks SET next_check_at = now() WHERE id = $1 AND step = 'charge'";
  static final String LOCK_FOR_ABANDON = "SELECT status, capture_started_at FROM payments WHERE id = $1 FOR UPDATE";

  private final Outbox outbox;
  private final Set<String> watched;
  private final long firstCheckMs;
  private final SettledPayments settled;

  /**
   * @param watched      gateways the reconciler asks about open payments
   * @param firstCheckMs how long after a payment goes pending or unknown it is first looked up
   * @param settled      counts the moves to captured and failed as they commit
   */
  PaymentTransitions(Outbox outbox, Set<String> watched, long firstCheckMs, SettledPayments settled) {
    this.outbox = outbox;
    this.watched = Set.copyOf(watched);
    this.firstCheckMs = firstCheckMs;
    this.settled = settled;
  }

  /** Whether payments of {@code gateway} are reconciled. */
  boolean watches(String gateway) {
    return watched.contains(gateway);
  }

  /** A new payment of a watched gateway: looked up after {@code afterMs} unless its call settles it first (a crash mid-call). */
  Future<Void> watch(SqlConnection tx, Charge charge, String gateway, long afterMs) {
    return watches(gateway)
        ? tx.preparedQuery(WATCH).execute(Tuple.of(charge.paymentId(), charge.amount(), afterMs)).mapEmpty()
        : Future.succeededFuture();
  }

  /** The open payment's charge check is due at once (the gateway holds an authorisation to capture). */
  Future<Void> checkNow(SqlConnection tx, UUID paymentId) {
    return tx.preparedQuery(DUE_NOW).execute(Tuple.of(paymentId)).mapEmpty();
  }

  /** What the gateway said (captured, pending or declined); the status the payment has afterwards. */
  Future<PaymentStatus> apply(SqlConnection tx, UUID paymentId, Gateway.Result result) {
    return switch (result.outcome()) {
      case CAPTURED -> move(tx, paymentId, PaymentStatus.CAPTURED, result, true);
      case PENDING -> move(tx, paymentId, PaymentStatus.PENDING, result, true);
      case DECLINED -> move(tx, paymentId, PaymentStatus.FAILED, result, true);
      case APPROVED -> throw new IllegalArgumentException("an authorisation is captured before it is applied");
    };
  }

  /** The gateway's answer was lost: the payment may or may not be charged. */
  Future<PaymentStatus> unknown(SqlConnection tx, UUID paymentId, String reference) {
    return move(tx, paymentId, PaymentStatus.UNKNOWN, new Gateway.Result(null, reference, null), false);
  }

  /**
   * The gateway will never take the money of this pending payment: failed with the reason
   * {@value Abandonment#REASON}, announced (the order may be paid again); unchanged when its
   * capture has started or it left pending meanwhile. The capture's start is marked under the
   * same row lock ({@link Settlement}), so exactly one of the two happens.
   */
  Future<PaymentStatus> abandoned(SqlConnection tx, UUID paymentId) {
    return tx.preparedQuery(LOCK_FOR_ABANDON).execute(Tuple.of(paymentId)).compose(rows -> {
      Row row = rows.iterator().next();
      PaymentStatus current = PaymentStatus.of(row.getString("status"));
      return current != PaymentStatus.PENDING || row.getValue("capture_started_at") != null
          ? Future.succeededFuture(current)
          : move(tx, paymentId, PaymentStatus.FAILED, new Gateway.Result(Gateway.Outcome.DECLINED, null,
              Abandonment.REASON), true);
    });
  }

  /** The gateway was not reached: failed, unannounced (nothing happened; the order may pay again). */
  Future<PaymentStatus> unreached(SqlConnection tx, UUID paymentId, String reason) {
    return move(tx, paymentId, PaymentStatus.FAILED, new Gateway.Result(null, null, reason), false);
  }

  private Future<PaymentStatus> move(SqlConnection tx, UUID paymentId, PaymentStatus next, Gateway.Result result,
      boolean announce) {
    return tx.preparedQuery(LOCK).execute(Tuple.of(paymentId)).compose(rows -> {
      Row row = rows.iterator().next();
      PaymentStatus current = PaymentStatus.of(row.getString("status"));
      if (!current.canMoveTo(next)) {
        return Future.succeededFuture(current);
      }
      Charge charge = Payments.charge(row);
      String reference = result.reference() != null ? result.reference() : row.getString("gateway_reference");
      long captured = next == PaymentStatus.CAPTURED ? charge.amount() : 0L;
      String reason = next == PaymentStatus.FAILED ? result.reason() : null;
      String actionUrl = next == PaymentStatus.PENDING ? result.actionUrl() : null;
      String actionSecret = next == PaymentStatus.PENDING ? result.actionSecret() : null;
      return tx.preparedQuery(MOVE).execute(Tuple.of(paymentId, next.text, result.reference(), captured, reason, actionUrl,
              actionSecret))
          .compose(v -> effects(tx, charge, current, next, reference, reason, announce))
          .compose(v -> checks(tx, charge, row.getString("gateway"), next))
          .onSuccess(v -> settled.settled(tx, row.getString("gateway"), next))
          .map(next);
    });
  }

  private Future<Void> effects(SqlConnection tx, Charge charge, PaymentStatus from, PaymentStatus to, String reference,
      String reason, boolean announce) {
    return switch (to) {
      case PENDING -> authorized(tx, charge, reference, PaymentStatus.PENDING.text);
      case CAPTURED -> (from.beforeAuthorization() ? authorized(tx, charge, reference, null) : Future.<Void>succeededFuture())
          .compose(v -> transaction(tx, charge, TransactionKind.CAPTURE, reference, null))
          .compose(v -> outbox.append(tx, Event.of(PaymentEvents.CAPTURED, charge.orderId().toString(), new JsonObject()
              .put("paymentId", charge.paymentId().toString()).put("orderId", charge.orderId().toString())
              .put("accountId", charge.accountId().toString()).put("amount", money(charge)))));
      case FAILED -> transaction(tx, charge, TransactionKind.FAILURE, reference, reason)
          .compose(v -> !announce ? Future.<Void>succeededFuture()
              : outbox.append(tx, Event.of(PaymentEvents.FAILED, charge.orderId().toString(), new JsonObject()
                  .put("paymentId", charge.paymentId().toString()).put("orderId", charge.orderId().toString())
                  .put("reason", reason))));
      case UNKNOWN, PROCESSING -> Future.succeededFuture();
    };
  }

  private Future<Void> authorized(SqlConnection tx, Charge charge, String reference, String reason) {
    return transaction(tx, charge, TransactionKind.AUTHORIZATION, reference, reason)
        .compose(v -> outbox.append(tx, Event.of(PaymentEvents.AUTHORIZED, charge.orderId().toString(), new JsonObject()
            .put("paymentId", charge.paymentId().toString()).put("orderId", charge.orderId().toString())
            .put("amount", money(charge)))));
  }

  private Future<Void> checks(SqlConnection tx, Charge charge, String gateway, PaymentStatus to) {
    if (!watches(gateway)) {
      return Future.succeededFuture();
    }
    return to == PaymentStatus.CAPTURED || to == PaymentStatus.FAILED
        ? tx.preparedQuery(UNWATCH).execute(Tuple.of(charge.paymentId())).mapEmpty()
        : watch(tx, charge, gateway, firstCheckMs);
  }

  /** A step of {@code charge} for its whole amount (authorization, capture, failure); refunds write their own. */
  private static Future<Void> transaction(SqlConnection tx, Charge charge, TransactionKind kind, String reference,
      String reason) {
    return tx.preparedQuery(Payments.INSERT_TX).execute(Tuple.of(Ids.uuid7(), charge.paymentId(), kind.text,
        charge.amount(), charge.currency(), reference, null, reason)).mapEmpty();
  }

  private static JsonObject money(Charge charge) {
    return Money.json(charge.amount(), charge.currency());
  }
}
