package mercato.cart.api;

/**
 * Events the cart domain reads. It writes none. The order contract's type is spelled here
 * rather than imported so the two domains can be built apart.
 */
public final class CartEvents {
  /** {orderId, accountId, cartId, ...}: the cart named by cartId (when not null) is emptied. */
  public static final String ORDER_PLACED = "mercato.order.placed.v1";

  private CartEvents() {}
}
