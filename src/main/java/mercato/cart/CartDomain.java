package mercato.cart;

import java.util.List;
import mercato.cart.api.CartEvents;
import mercato.cart.api.CartRoutes;
import mercato.platform.domain.Domain;

/**
 * The cart domain as the node sees it: it empties a cart when an order placed from it arrives,
 * and writes item-added events (public).
 */
public final class CartDomain {
  public static final String NAME = "cart";

  private CartDomain() {}

  public static Domain domain() {
    return new Domain(NAME, true, CartRoutes.ROUTES, List.of(CartEvents.ORDER_PLACED), List.of(), CartVerticle::new);
  }
}
