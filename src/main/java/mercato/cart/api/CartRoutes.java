package mercato.cart.api;

import static mercato.cart.api.CartAddresses.*;

import java.util.List;
import mercato.platform.route.Access;
import mercato.platform.route.Route;

/**
 * The cart domain's HTTP routes, with the aliases of ROUTES.md. All are public so guests
 * (holding an {@code X-Cart-Token}) reach their cart; a signed-in principal must be a
 * customer, which the handlers check. {@code /cart/{cart_id}} addresses one LINE of the
 * caller's cart by line id. The fixed paths come before the templated ones.
 */
public final class CartRoutes {
  public static final String TOKEN_HEADER = "X-Cart-Token";

  public static final List<Route> ROUTES = List.of(
      Route.get("/cart", GET_CART, "getCart", Access.PUBLIC).forwarding(TOKEN_HEADER),
      Route.post("/cart/add", ADD_ITEM, "addCartItem", Access.PUBLIC).alias("/cart").forwarding(TOKEN_HEADER),
      Route.put("/cart/update", UPDATE_ITEM, "updateCartItem", Access.PUBLIC).forwarding(TOKEN_HEADER),
      Route.delete("/cart/remove", REMOVE_ITEM, "removeCartItem", Access.PUBLIC).forwarding(TOKEN_HEADER),
      Route.get("/cart/{cart_id}", GET_LINE, "getCartLine", Access.PUBLIC).forwarding(TOKEN_HEADER),
      Route.put("/cart/{cart_id}", UPDATE_LINE, "updateCartLine", Access.PUBLIC).forwarding(TOKEN_HEADER),
      Route.delete("/cart/{cart_id}", REMOVE_LINE, "removeCartLine", Access.PUBLIC).forwarding(TOKEN_HEADER));

  private CartRoutes() {}
}
