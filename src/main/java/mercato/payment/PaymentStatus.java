package mercato.payment;

import java.util.EnumSet;
import java.util.Set;
import mercato.platform.db.StoredTexts;

/**
 * A payment's status, stored and answered as {@link #text}. It is processing while the
 * gateway is asked, then pending (the gateway confirms later: a webhook, an authentication
 * the customer completes), unknown (the gateway's answer was lost: a timeout, a 5xx, a
 * malformed answer; the reconciler asks until it knows), captured or failed; at most one
 * processing, pending, unknown or captured payment per order (a unique index). Refunds
 * change the refunded amount, not the status. Captured and failed are final: a late or
 * repeated gateway answer never moves a payment back.
 */
enum PaymentStatus {
  PROCESSING("processing"),
  PENDING("pending"),
  UNKNOWN("unknown"),
  CAPTURED("captured"),
  FAILED("failed");

  final String text;

  PaymentStatus(String text) {
    this.text = text;
  }

  /** The status of stored text; any other text is a bug. */
  static PaymentStatus of(String text) {
    return StoredTexts.of(values(), status -> status.text, text, "a payment status");
  }

  /** Whether a payment in this status may become {@code next}. */
  boolean canMoveTo(PaymentStatus next) {
    return successors().contains(next);
  }

  /** Whether the gateway had not said yet that the payment was authorised (so the authorization is recorded with what comes next). */
  boolean beforeAuthorization() {
    return this == PROCESSING || this == UNKNOWN;
  }

  private Set<PaymentStatus> successors() {
    return switch (this) {
      case PROCESSING -> EnumSet.of(PENDING, UNKNOWN, CAPTURED, FAILED);
      case UNKNOWN -> EnumSet.of(PENDING, CAPTURED, FAILED);
      case PENDING -> EnumSet.of(CAPTURED, FAILED);
      case CAPTURED, FAILED -> EnumSet.noneOf(PaymentStatus.class);
    };
  }
}
