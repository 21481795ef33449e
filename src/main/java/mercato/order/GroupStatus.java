package mercato.order;

import java.util.Arrays;
import java.util.Optional;

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

  /** The status spelled {@code text}, if there is one. */
  static Optional<GroupStatus> find(String text) {
    return Arrays.stream(values()).filter(status -> status.text.equals(text)).findFirst();
  }

  /** The status of stored text; any other text is a bug. */
  static GroupStatus of(String text) {
    return find(text).orElseThrow(() -> new IllegalArgumentException("not a group status: " + text));
  }
}
