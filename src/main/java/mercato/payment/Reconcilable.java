package mercato.payment;

import io.vertx.core.Future;
import java.time.Instant;

/**
 * A gateway the reconciler can ask what became of a charge or a refund Mercato has no final
 * answer for. Each look-up answers what the gateway says now, or fails (an
 * {@link Gateway.OutcomeUnknown}) while the gateway cannot tell yet.
 */
interface Reconcilable {
  /**
   * {@code reference} is the charge's id at the gateway when known; {@code token} and
   * {@code created} let a create whose answer was lost be repeated with the same parameters
   * while the gateway still remembers its idempotency key.
   */
  Future<Gateway.Result> lookUpCharge(Charge charge, String reference, String token, Instant created);

  Future<Gateway.Result> lookUpRefund(Gateway.RefundRequest refund, Instant created);

  /**
   * Gives up a charge that waits on the customer ({@code reference}: the gateway's id of it),
   * which Mercato has not asked to capture: {@code DECLINED} once the gateway will never
   * take the money, else what the charge became meanwhile (captured, or authorised: to be
   * captured). Fails when the gateway cannot say yet.
   */
  Future<Gateway.Result> abandon(Charge charge, String reference);
}
