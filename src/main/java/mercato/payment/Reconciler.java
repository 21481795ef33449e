package mercato.payment;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import mercato.platform.work.Rounds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic job that settles what Mercato waits on a gateway for: a charge whose outcome
 * is unknown or pending, a refund whose outcome is unknown. It claims due checks (SKIP LOCKED
 * and a lease, so every payment node may run it and none asks twice at once), asks the
 * payment's gateway ({@link Reconcilable}), and settles with what the gateway says: the
 * payment through {@link Settlement} (an authorisation is captured), the refund through
 * {@link RefundLedger}. A check the gateway cannot answer yet is looked at again later, each
 * time twice as late, up to an hour. Runs from the payment verticle's own timer, never blocks.
 */
final class Reconciler {
  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
  private static final int BATCH = 20;
  private static final long MAX_BACKOFF_MS = 3_600_000;
  static final String CLAIM = """
      UPDATE gateway_checks c SET next_check_at = now() + $2 * interval '1 millisecond', attempts = c.attempts + 1
       WHERE c.id IN (SELECT k.id FROM gateway_checks k JOIN payments p ON p.id = k.payment_id
                       WHERE k.next_check_at <= now() AND p.gateway = ANY($3)
                       ORDER BY k.next_check_at LIMIT $1 FOR UPDATE OF k SKIP LOCKED)
      RETURNING c.id, c.payment_id, c.step, c.amount, c.attempts, c.abandon, c.created_at
      """;
  static final String PAYMENT = """
      SELECT id, order_id, account_id, gateway, gateway_reference, status, amount, currency, payment_method,
             next_action_url, next_action_secret, capture_started_at, created_at
        FROM payments WHERE id = $1
      """;
  static final String LATER = """
      UPDATE gateway_checks SET next_check_at = now() + $2 * interval '1 millisecond', last_error = $3 WHERE id = $1
      """;
  static final String DROP = "DELETE FROM gateway_checks WHERE id = $1";

  private final Pool pool;
  private final Gateways gateways;
  private final Settlement settlement;
  private final RefundLedger ledger;
  private final Abandonment abandonment;
  private final long reconcileMs;
  private final long leaseMs;
  private final Rounds rounds = new Rounds("payment reconciler", this::round);

  /**
   * @param reconcileMs the first backoff step (and the timer's period)
   * @param leaseMs     how long a claimed check is held: longer than the few gateway calls one check makes
   */
  Reconciler(Pool pool, Gateways gateways, Settlement settlement, RefundLedger ledger, Abandonment abandonment,
      long reconcileMs, long leaseMs) {
    this.pool = pool;
    this.gateways = gateways;
    this.settlement = settlement;
    this.ledger = ledger;
    this.abandonment = abandonment;
    this.reconcileMs = reconcileMs;
    this.leaseMs = leaseMs;
  }

  Rounds rounds() {
    return rounds;
  }

  /** Claims and settles until nothing is due; a wake-up while a round runs adds a round. */
  void wake() {
    rounds.wake();
  }

  private Future<Boolean> round() {
    Map<String, Reconcilable> asked = gateways.reconcilable();
    if (asked.isEmpty()) {
      return Future.succeededFuture(false);
    }
    return pool.preparedQuery(CLAIM).execute(Tuple.of(BATCH, leaseMs, asked.keySet().toArray(String[]::new)))
        .compose(claimed -> {
          List<Future<Void>> checks = new ArrayList<>();
          claimed.forEach(check -> checks.add(check(check).recover(e -> {
            LOG.warn("payment check {} failed: {}", check.getUUID("id"), e.toString());
            return Future.succeededFuture();
          })));
          return Future.join(checks).map(claimed.size() >= BATCH);
        });
  }

  private Future<Void> check(Row check) {
    UUID id = check.getUUID("id");
    return pool.preparedQuery(PAYMENT).execute(Tuple.of(check.getUUID("payment_id"))).compose(rows -> {
      Row payment = rows.iterator().next();
      Reconcilable asked = gateways.reconcilable().get(payment.getString("gateway"));
      boolean refund = "refund".equals(check.getString("step"));
      Future<Void> done = refund ? refund(asked, check, payment) : charge(asked, payment, check.getBoolean("abandon"));
      // A payment waiting on the customer is looked at again no later than when it is to be given up.
      long later = refund ? backoff(check.getInteger("attempts"))
          : Math.min(backoff(check.getInteger("attempts")), Math.max(reconcileMs, abandonment.dueInMs(payment)));
      return done.recover(notYet -> pool.preparedQuery(LATER).execute(Tuple.of(id, later, notYet.getMessage())).mapEmpty());
    });
  }

  /**
   * Asks about an open charge, or gives it up when it waited on the customer too long or its
   * order was cancelled; settled (captured or failed) drops the check, anything else fails
   * into a later look.
   */
  private Future<Void> charge(Reconcilable asked, Row payment, boolean orderCancelled) {
    PaymentStatus status = PaymentStatus.of(payment.getString("status"));
    UUID id = payment.getUUID("id");
    if (status == PaymentStatus.CAPTURED || status == PaymentStatus.FAILED) {
      return pool.preparedQuery(DROP).execute(Tuple.of(id)).mapEmpty();
    }
    Charge charge = Payments.charge(payment);
    Gateway gateway = gateways.of(payment.getString("gateway"));
    Future<PaymentStatus> asking = abandonment.due(payment, orderCancelled) ? abandonment.abandon(payment)
        : asked.lookUpCharge(charge, payment.getString("gateway_reference"), payment.getString("payment_method"),
                payment.getOffsetDateTime("created_at").toInstant())
            .compose(said -> settlement.settle(gateway, charge, said));
    return asking.compose(settled -> {
      if (settled == PaymentStatus.CAPTURED || settled == PaymentStatus.FAILED) {
        LOG.info("payment {} of order {} settled by the reconciler: {}", id, charge.orderId(), settled.text);
        return Future.succeededFuture();
      }
      return Future.failedFuture(new Gateway.OutcomeUnknown("still " + settled.text));
    });
  }

  /** Asks about a refund whose answer was lost; accepted is recorded, declined given back. */
  private Future<Void> refund(Reconcilable asked, Row check, Row payment) {
    UUID refundId = check.getUUID("id");
    Gateway.RefundRequest request = new Gateway.RefundRequest(refundId, payment.getUUID("id"),
        payment.getString("gateway_reference"), check.getLong("amount"), payment.getString("currency"));
    return asked.lookUpRefund(request, check.getOffsetDateTime("created_at").toInstant())
        .compose(said -> pool.withTransaction(tx -> ledger.settle(tx, refundId, said)).map(settled -> {
          if (settled) {
            LOG.info("refund {} of payment {} settled by the reconciler: {}", refundId, request.paymentId(),
                said.outcome() == Gateway.Outcome.APPROVED ? "refunded" : "declined (" + said.reason() + "), given back");
          }
          return null;
        }));
  }

  /** Twice as late each time, from one period up to an hour. */
  private long backoff(int attempts) {
    int doublings = Math.max(0, Math.min(attempts - 1, 20));
    return Math.min(MAX_BACKOFF_MS, reconcileMs << doublings);
  }
}
