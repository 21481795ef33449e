package mercato.order;

import java.util.Optional;
import mercato.order.api.OrderStates;
import mercato.platform.db.StoredTexts;

/**
 * An order's own status, stored and answered as {@link #text}; {@link Lifecycle} says how it
 * moves. The statuses other domains compare take their text from {@link OrderStates}.
 */
enum OrderStatus {
  PENDING_PAYMENT(OrderStates.PENDING_PAYMENT),
  PAYMENT_FAILED(OrderStates.PAYMENT_FAILED),
  PAID("paid"),
  FULFILLING("fulfilling"),
  SHIPPED("shipped"),
  DELIVERED("delivered"),
  CANCELLED(OrderStates.CANCELLED),
  PARTIALLY_REFUNDED("partially_refunded"),
  REFUNDED("refunded");

  final String text;

  OrderStatus(String text) {
    this.text = text;
  }

  /** The status spelled {@code text}, if there is one (a caller's filter). */
  static Optional<OrderStatus> find(String text) {
    return StoredTexts.find(values(), status -> status.text, text);
  }

  /** The status of stored text; any other text is a bug. */
  static OrderStatus of(String text) {
    return StoredTexts.of(values(), status -> status.text, text, "an order status");
  }
}
