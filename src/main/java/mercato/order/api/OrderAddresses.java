package mercato.order.api;

/** The order domain's bus addresses. */
public final class OrderAddresses {
  /** POST /orders: one order {lines | fromCart, shippingAddress, referralCode?} or a batch {orders: [...]}. */
  public static final String PLACE_ORDER = "mercato.order.place-order";
  public static final String LIST_ORDERS = "mercato.order.list-orders";
  public static final String GET_ORDER = "mercato.order.get-order";
  /** Owner: address or lines while unpaid; seller, warehouse: a group's fulfilment status; admin: both. */
  public static final String UPDATE_ORDER = "mercato.order.update-order";
  public static final String CANCEL_ORDER = "mercato.order.cancel-order";
  /** Internal: {orderId, accountId} -> {orderId, accountId, status, total, groups: [{groupId, sellerId, total}]}. */
  public static final String GET_ORDER_FOR_PAYMENT = "mercato.order.get-order-for-payment";
  /** Internal: {accountId, productId | sellerId} -> {purchased}: a paid order holds that product (or seller). */
  public static final String HAS_PURCHASED = "mercato.order.has-purchased";
  /** The caller's envelope (principal, query q/status/limit/cursor) -> a page of orders, as GET /orders sees them. */
  public static final String SEARCH_ORDERS = "mercato.order.search-orders";

  private OrderAddresses() {}
}
