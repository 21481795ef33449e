package mercato.cart.api;

/**
 * Events the cart domain writes and reads. The order contract's type is spelled here
 * rather than imported so the two domains can be built apart.
 */
public final class CartEvents {
  /**
   * Written in the transaction of every add (subject = cartId):
   * {cartId, accountId (null for a guest), productId, quantity (units added), addedAt (ISO instant)}.
   */
  public static final String ITEM_ADDED = "mercato.cart.item-added.v1";
  /** {orderId, accountId, cartId, ...}: the cart named by cartId (when not null) is emptied. */
  public static final String ORDER_PLACED = "mercato.order.placed.v1";

  private CartEvents() {}
}
