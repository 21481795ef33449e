package mercato.cart.api;

/** The cart domain's bus addresses. */
public final class CartAddresses {
  public static final String GET_CART = "mercato.cart.get";
  public static final String ADD_ITEM = "mercato.cart.add-item";
  public static final String UPDATE_ITEM = "mercato.cart.update-item";
  public static final String REMOVE_ITEM = "mercato.cart.remove-item";
  public static final String GET_LINE = "mercato.cart.get-line";
  public static final String UPDATE_LINE = "mercato.cart.update-line";
  public static final String REMOVE_LINE = "mercato.cart.remove-line";
  /**
   * Internal: {accountId} -> {cartId, lines: [{productId, quantity}], referralCode} (cartId null when there
   * is no cart; referralCode null when none was given or it is older than cart.referralWindowHours).
   */
  public static final String GET_CART_FOR_ORDER = "mercato.cart.get-cart";

  private CartAddresses() {}
}
