package mercato.order.api;

import java.util.List;

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

  // Read (spelled here so the domains build apart).
  public static final String PAYMENT_CAPTURED = "mercato.payment.captured.v1";
  public static final String PAYMENT_FAILED = "mercato.payment.failed.v1";
  public static final String PAYMENT_REFUNDED = "mercato.payment.refunded.v1";
  public static final String RESERVATION_EXPIRED = "mercato.inventory.reservation-expired.v1";
  public static final String ACCOUNT_CLOSED = "mercato.auth.account-closed.v1";
  public static final List<String> READS = List.of(PAYMENT_CAPTURED, PAYMENT_FAILED, PAYMENT_REFUNDED,
      RESERVATION_EXPIRED, ACCOUNT_CLOSED);

  private OrderEvents() {}
}
