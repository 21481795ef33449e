package mercato.payment;

import io.vertx.core.Future;
import java.util.UUID;

/**
 * A payment provider: authorise, capture, refund. A failed future is either a
 * {@link NetworkError} (the provider was not reached: nothing happened) or, for anything
 * else (a timeout, a 5xx, a malformed answer), an outcome Mercato does not know.
 */
interface Gateway {
  /**
   * What the provider said. {@code APPROVED}: authorised, to be captured; {@code CAPTURED}:
   * authorised and captured in one step (or a capture done); {@code PENDING}: the provider
   * confirms later, perhaps after the customer authenticates at {@link Result#actionUrl};
   * {@code DECLINED}: refused, with a reason.
   */
  enum Outcome { APPROVED, CAPTURED, DECLINED, PENDING }

  /**
   * The provider's answer: outcome, its reference, why when declined, where the customer acts
   * when pending, and the secret the customer's browser completes that action with (Stripe's
   * PaymentIntent {@code client_secret}, for Stripe.js; shown to the payment's owner only).
   */
  record Result(Outcome outcome, String reference, String reason, String actionUrl, String actionSecret) {
    Result(Outcome outcome, String reference, String reason) {
      this(outcome, reference, reason, null, null);
    }

    Result(Outcome outcome, String reference, String reason, String actionUrl) {
      this(outcome, reference, reason, actionUrl, null);
    }
  }

  /** A refund to send: Mercato's id for it (the provider's idempotency key), the capture it returns money of. */
  record RefundRequest(UUID refundId, UUID paymentId, String capture, long amount, String currency) {}

  /** Thrown (as a failed future) when the provider could not be reached: nothing happened. */
  final class NetworkError extends RuntimeException {
    NetworkError(String message) {
      super(message, null, false, false);
    }
  }

  /** Thrown (as a failed future) when the provider may have carried the request out, or not. */
  final class OutcomeUnknown extends RuntimeException {
    OutcomeUnknown(String message) {
      super(message, null, false, false);
    }
  }

  String name();

  Future<Result> authorize(Charge charge, String token);

  /** Captures what {@code authorization} holds; answers CAPTURED when it is. */
  Future<Result> capture(Charge charge, String authorization);

  /** Answers APPROVED when the provider accepted the refund. */
  Future<Result> refund(RefundRequest refund);
}
