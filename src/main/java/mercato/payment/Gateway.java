package mercato.payment;

import io.vertx.core.Future;

/** A payment provider: authorise, capture, refund. A failed future is a network error. */
interface Gateway {
  enum Outcome { APPROVED, DECLINED, PENDING }

  /** The provider's answer: outcome, its reference, and why when declined. */
  record Result(Outcome outcome, String reference, String reason) {}

  /** Thrown (as a failed future) when the provider could not be reached: nothing happened. */
  final class NetworkError extends RuntimeException {
    NetworkError(String message) {
      super(message, null, false, false);
    }
  }

  String name();

  Future<Result> authorize(long amount, String currency, String token, String paymentId);

  Future<Result> capture(String authorization, long amount, String currency);

  Future<Result> refund(String capture, long amount, String currency);
}
