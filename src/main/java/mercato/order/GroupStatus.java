package mercato.order;

import java.util.Optional;
import mercato.platform.db.StoredTexts;

/**
 * A seller group's status, stored and answered as {@link #text}: it follows the order until
 * payment (pending_payment, paid, cancelled), then moves through fulfilment on its own
 * ({@link Lifecycle#groupMayMove}) and becomes refunded when its whole total went back. Each is
 * spelled as the order status of the same name (the history holds both kinds of move).
 */
enum GroupStatus {
  PENDING_PAYMENT(OrderStatus.PENDING_PAYMENT.text),
  PAID(OrderStatus.PAID.text),
  FULFILLING(OrderStatus.FULFILLING.text),
  SHIPPED(OrderStatus.SHIPPED.text),
  DELIVERED(OrderStatus.DELIVERED.text),
  CANCELLED(OrderStatus.CANCELLED.text),
  REFUNDED(OrderStatus.REFUNDED.text);

  final String text;

  GroupStatus(String text) {
    this.text = text;
  }

  /** The status spelled {@code text}, if there is one (a caller's filter). */
  static Optional<GroupStatus> find(String text) {
    return StoredTexts.find(values(), status -> status.text, text);
  }

  /** The status of stored text; any other text is a bug. */
  static GroupStatus of(String text) {
    return StoredTexts.of(values(), status -> status.text, text, "a group status");
  }
}
