package mercato.payment.api;

import mercato.order.api.OrderEvents;

/** Events the payment domain writes (subject = order id), all public. */
public final class PaymentEvents {
  /** {paymentId, orderId, amount}. */
  public static final String AUTHORIZED = "mercato.payment.authorized.v1";
  /** {paymentId, orderId, accountId, amount: {amount, currency}}. */
  public static final String CAPTURED = "mercato.payment.captured.v1";
  /** {paymentId, orderId, reason}. */
  public static final String FAILED = "mercato.payment.failed.v1";
  /** {paymentId, orderId, refundId, amount, refundedTotal, capturedTotal, groupId?}. */
  public static final String REFUNDED = "mercato.payment.refunded.v1";
  /** Subscribed: refund whatever was captured for the order. */
  public static final String ORDER_CANCELLED = OrderEvents.CANCELLED;
  /** Subscribed: money arrived for an order that cannot keep it; refund whatever was captured. */
  public static final String ORDER_REFUND_DUE = OrderEvents.REFUND_DUE;

  private PaymentEvents() {}
}
