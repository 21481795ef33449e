package mercato.payment;

import mercato.platform.db.StoredTexts;

/**
 * A payment's status, stored and answered as {@link #text}. It is processing while the
 * gateway is asked, then pending (the gateway confirms later, by webhook), captured or
 * failed; at most one processing, pending or captured payment per order (a unique index).
 * Refunds change the refunded amount, not the status.
 */
enum PaymentStatus {
  PROCESSING("processing"),
  PENDING("pending"),
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
}
