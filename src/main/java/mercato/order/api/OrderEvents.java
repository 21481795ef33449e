package mercato.order.api;

import java.util.List;
import mercato.auth.api.AuthEvents;
import mercato.inventory.api.InventoryEvents;
import mercato.payment.api.PaymentEvents;

/**
 * Events the order domain writes (subject = order id, all public) and the ones it reads.
 * Money is {amount, currency}; groups are [{groupId, sellerId, total, lines: [{productId,
 * name, quantity, unitPrice, lineTotal}]}].
 */
public final class OrderEvents {
  /** {orderId, accountId, cartId, referralCode, total, placedAt, groups}. */
  public static final String PLACED = "mercato.order.placed.v1";
  /** {orderId, accountId, paymentId, referralCode, total, placedAt, paidAt, groups}. */
  public static final String PAID = "mercato.order.paid.v1";
  /** {orderId, accountId, reason, wasPaid, total, cancelledAt}: payment refunds what it captured. */
  public static final String CANCELLED = "mercato.order.cancelled.v1";
  /** {orderId, accountId, paymentId, refundId, groupId, amount, refundedTotal, total, status, refundedAt}. */
  public static final String REFUNDED = "mercato.order.refunded.v1";
  /** {orderId, accountId, groupId, sellerId, carrier, trackingNumber, shippedAt}. */
  public static final String SHIPPED = "mercato.order.shipped.v1";
  /** {orderId, accountId, groupId, sellerId, deliveredAt}. */
  public static final String DELIVERED = "mercato.order.delivered.v1";
  /**
   * {orderId, accountId, from, to, changedAt}: the order's own status moved (written with
   * paid, cancelled, refunded, payment failure and the fulfilment moves that change it).
   */
  public static final String STATUS_CHANGED = "mercato.order.status-changed.v1";
  /** {orderId, accountId, reason}: money arrived that the order cannot keep; payment gives it back. */
  public static final String REFUND_DUE = "mercato.order.refund-due.v1";

  // Read (named by their owners' api packages).
  public static final String PAYMENT_CAPTURED = PaymentEvents.CAPTURED;
  public static final String PAYMENT_FAILED = PaymentEvents.FAILED;
  public static final String PAYMENT_REFUNDED = PaymentEvents.REFUNDED;
  public static final String RESERVATION_EXPIRED = InventoryEvents.RESERVATION_EXPIRED;
  public static final String ACCOUNT_CLOSED = AuthEvents.ACCOUNT_CLOSED;
  public static final List<String> READS = List.of(PAYMENT_CAPTURED, PAYMENT_FAILED, PAYMENT_REFUNDED,
      RESERVATION_EXPIRED, ACCOUNT_CLOSED);

  private OrderEvents() {}
}
