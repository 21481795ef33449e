package mercato.cart.api;

import mercato.order.api.OrderEvents;

/**
 * Events the cart domain writes and reads; the order contract's type comes from the
 * order api.
 */
public final class CartEvents {
  /**
   * Written in the transaction of every add (subject = cartId):
   * {cartId, accountId (null for a guest), productId, quantity (units added), addedAt (ISO instant)}.
   */
  public static final String ITEM_ADDED = "mercato.cart.item-added.v1";
  /** {orderId, accountId, cartId, ...}: the cart named by cartId (when not null) is emptied. */
  public static final String ORDER_PLACED = OrderEvents.PLACED;

  private CartEvents() {}
}
