package mercato.payment;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a gateway said about a charge, made the payment's state. Mercato captures what it
 * authorises at once, so an authorisation is followed by the capture before anything is
 * recorded (a payment given up meanwhile is not captured: {@link Abandonment}); an answer
 * that was lost (on the authorisation or on the capture) leaves the payment unknown for the
 * reconciler, never guessed.
 */
final class Settlement {
  private static final Logger LOG = LoggerFactory.getLogger(Settlement.class);
  /**
   * Marks the capture as started, unless the payment failed (was given up): no capture is sent
   * for it. Only for the gateways whose payments can be given up (those the reconciler asks).
   */
  static final String CAPTURE_STARTS = """
      UPDATE payments SET capture_started_at = coalesce(capture_started_at, now()) WHERE id = $1 AND status <> 'failed'
      RETURNING id
      """;

  /**
   * What else the settling transaction does once the payment has its new status (the
   * request path reads the payment back and stores its Idempotency-Key answer there, so
   * the state, the answer and the key commit together); the reconciler needs nothing more.
   */
  interface Then<T> {
    Then<PaymentStatus> STATUS = (tx, status) -> Future.succeededFuture(status);

    Future<T> apply(SqlConnection tx, PaymentStatus status);
  }

  private final Pool pool;
  private final PaymentTransitions transitions;

  Settlement(Pool pool, PaymentTransitions transitions) {
    this.pool = pool;
    this.transitions = transitions;
  }

  /** The status {@code charge}'s payment has once {@code result} (and a capture it calls for) is applied. */
  Future<PaymentStatus> settle(Gateway gateway, Charge charge, Gateway.Result result) {
    return settle(gateway, charge, result, Then.STATUS);
  }

  /** {@link #settle(Gateway, Charge, Gateway.Result)}, then {@code then} in the same transaction. */
  <T> Future<T> settle(Gateway gateway, Charge charge, Gateway.Result result, Then<T> then) {
    if (result.outcome() != Gateway.Outcome.APPROVED) {
      return pool.withTransaction(tx -> transitions.apply(tx, charge.paymentId(), result)
          .compose(status -> then.apply(tx, status)));
    }
    String authorization = result.reference();
    if (!transitions.watches(gateway.name())) {
      // Not a gateway the reconciler asks: its payments are never given up, so no mark is needed (the test gateway).
      return capture(gateway, charge, authorization, then);
    }
    return pool.preparedQuery(CAPTURE_STARTS).execute(Tuple.of(charge.paymentId())).compose(started -> started.size() == 0
        ? pool.withTransaction(tx -> then.apply(tx, PaymentStatus.FAILED))
        : capture(gateway, charge, authorization, then));
  }

  /** Captures an authorisation whose capture is marked as started, and records what the gateway says. */
  private <T> Future<T> capture(Gateway gateway, Charge charge, String authorization, Then<T> then) {
    return gateway.capture(charge, authorization).transform(captured -> {
      if (captured.failed()) {
        // Authorised but not known to be captured: the reconciler asks again (and captures).
        return unknown(charge, authorization, captured.cause(), then);
      }
      Gateway.Result answer = captured.result();
      if (answer.outcome() == Gateway.Outcome.APPROVED) {
        return unknown(charge, authorization, new Gateway.OutcomeUnknown("the capture answered an authorisation"), then);
      }
      return pool.withTransaction(tx -> transitions.apply(tx, charge.paymentId(), answer.reference() == null
              ? new Gateway.Result(answer.outcome(), authorization, answer.reason(), answer.actionUrl(),
                  answer.actionSecret()) : answer)
          .compose(status -> then.apply(tx, status)));
    });
  }

  /** The payment may or may not be charged; why is logged once, here. Then {@code then} in the same transaction. */
  <T> Future<T> unknown(Charge charge, String reference, Throwable why, Then<T> then) {
    LOG.warn("payment {} of order {}: the gateway's outcome is unknown ({}); the reconciler will ask",
        charge.paymentId(), charge.orderId(), why.getMessage());
    return pool.withTransaction(tx -> transitions.unknown(tx, charge.paymentId(), reference)
        .compose(status -> then.apply(tx, status)));
  }
}
