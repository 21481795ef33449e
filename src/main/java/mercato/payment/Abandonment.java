package mercato.payment;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import mercato.platform.events.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Giving up a payment that waits on the customer (a PayPal approval, a 3-D Secure check):
 * when the customer starts another payment of the order, when the order is cancelled, or
 * once it has waited {@code payment.pendingMinutes}. The gateway is asked first
 * ({@link Reconcilable#abandon}): given up, the payment fails with the reason
 * {@value #REASON} and the order may be paid again; otherwise it is settled as what it
 * became meanwhile (captured, or authorised and then captured). A payment whose capture
 * Mercato has started is never given up, and a given-up payment is never captured
 * ({@link PaymentTransitions#abandoned}, {@link Settlement}), so no money is taken for a
 * payment Mercato shows as failed.
 */
final class Abandonment {
  private static final Logger LOG = LoggerFactory.getLogger(Abandonment.class);
  static final String REASON = "abandoned";
  static final String LIVE = """
      SELECT id, order_id, account_id, gateway, gateway_reference, status, amount, currency, next_action_url,
             next_action_secret, capture_started_at, created_at
        FROM payments WHERE order_id = $1 AND status IN ('processing', 'pending', 'unknown', 'captured')
      """;
  static final String ORDER_CANCELLED = """
      UPDATE gateway_checks c SET abandon = true, next_check_at = now() FROM payments p
       WHERE c.id = p.id AND c.step = 'charge' AND p.order_id = $1 AND p.status = 'pending'
      """;

  private final Pool pool;
  private final Gateways gateways;
  private final Settlement settlement;
  private final PaymentTransitions transitions;
  private final Duration pendingFor;

  Abandonment(Pool pool, Gateways gateways, Settlement settlement, PaymentTransitions transitions, long pendingMinutes) {
    this.pool = pool;
    this.gateways = gateways;
    this.settlement = settlement;
    this.transitions = transitions;
    this.pendingFor = Duration.ofMinutes(pendingMinutes);
  }

  /**
   * Whether {@code payment} (a row with the columns of {@link #LIVE}) waits on the customer
   * and may be given up: pending with a next action, its capture not started, at a gateway
   * that can be asked.
   */
  boolean awaitsCustomer(Row payment) {
    return PaymentStatus.of(payment.getString("status")) == PaymentStatus.PENDING
        && (payment.getString("next_action_url") != null || payment.getString("next_action_secret") != null)
        && payment.getValue("capture_started_at") == null
        && gateways.reconciles(payment.getString("gateway"));
  }

  /** Whether the reconciler gives the payment up now: its order was cancelled, or it waited too long. */
  boolean due(Row payment, boolean orderCancelled) {
    return awaitsCustomer(payment) && (orderCancelled || dueInMs(payment) == 0);
  }

  /** In how many ms {@code payment} is to be given up for having waited too long; Long.MAX_VALUE when it is not waiting. */
  long dueInMs(Row payment) {
    if (!awaitsCustomer(payment)) {
      return Long.MAX_VALUE;
    }
    Instant due = payment.getOffsetDateTime("created_at").toInstant().plus(pendingFor);
    return Math.max(0, Duration.between(Instant.now(), due).toMillis());
  }

  /**
   * The order's live payment is given up for a new one, when it waits on the customer; true
   * when the order has no live payment afterwards (the new one may be made).
   */
  Future<Boolean> forAnother(UUID orderId) {
    return pool.preparedQuery(LIVE).execute(Tuple.of(orderId)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture(true); // it failed meanwhile
      }
      Row live = rows.iterator().next();
      return awaitsCustomer(live)
          ? abandon(live).map(status -> status == PaymentStatus.FAILED)
          : Future.succeededFuture(false);
    });
  }

  /** Asks the payment's gateway to drop it, and settles what the gateway says; the status the payment has then. */
  Future<PaymentStatus> abandon(Row payment) {
    Gateway gateway = gateways.of(payment.getString("gateway"));
    Charge charge = Payments.charge(payment);
    return gateways.reconcilable().get(gateway.name()).abandon(charge, payment.getString("gateway_reference"))
        .compose(said -> {
          if (said.outcome() != Gateway.Outcome.DECLINED) {
            LOG.info("payment {} of order {} was not given up: the gateway says it is {}", charge.paymentId(),
                charge.orderId(), said.outcome());
            return settlement.settle(gateway, charge, said);
          }
          return pool.withTransaction(tx -> transitions.abandoned(tx, charge.paymentId())).onSuccess(status -> {
            if (status == PaymentStatus.FAILED) {
              LOG.info("payment {} of order {} given up at {}", charge.paymentId(), charge.orderId(), gateway.name());
            }
          });
        });
  }

  /** order cancelled: its payment still waiting on the customer is given up by the reconciler, soon. */
  Future<?> orderCancelled(Event event, SqlConnection tx) {
    return tx.preparedQuery(ORDER_CANCELLED).execute(Tuple.of(UUID.fromString(event.data().getString("orderId"))));
  }
}
