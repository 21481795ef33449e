package mercato.order.api;

/**
 * The wire text of the order statuses other domains compare on what the order domain sends
 * them: payment charges only an order awaiting payment (get-order-for-payment's status), and
 * email explains a refund of a cancelled order (order.refunded's status). The order domain's
 * own enum spells its statuses with these.
 */
public final class OrderStates {
  public static final String PENDING_PAYMENT = "pending_payment";
  public static final String PAYMENT_FAILED = "payment_failed";
  public static final String CANCELLED = "cancelled";

  private OrderStates() {}
}
