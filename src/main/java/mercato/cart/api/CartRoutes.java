package mercato.cart.api;

import static mercato.cart.api.CartAddresses.*;

import java.util.List;
import mercato.platform.route.Access;
import mercato.platform.route.Answer;
import mercato.platform.route.Route;

/**
 * The cart domain's HTTP routes, with the aliases of ROUTES.md. All are public so guests
 * (holding an {@code X-Cart-Token}) reach their cart; a signed-in principal must be a
 * customer, which the handlers check. {@code /cart/{cart_id}} addresses one LINE of the
 * caller's cart by line id. The fixed paths come before the templated ones.
 */
public final class CartRoutes {
  public static final String TOKEN_HEADER = "X-Cart-Token";
  /** A cart operation's result: the cart (the body) and, when one was just issued, the guest's token (the header). */
  public static final String CART = "cart";
  public static final String TOKEN = "cartToken";
  /** 200 with the cart as the body and a newly issued guest token in {@code X-Cart-Token}. */
  private static final Answer CART_ANSWER = Answer.OK.header(TOKEN_HEADER, TOKEN).body(CART);

  public static final List<Route> ROUTES = List.of(
      Route.get("/cart", GET_CART, "getCart", Access.PUBLIC).answers(CART_ANSWER).forwarding(TOKEN_HEADER),
      Route.post("/cart/add", ADD_ITEM, "addCartItem", Access.PUBLIC).answers(CART_ANSWER).alias("/cart").forwarding(TOKEN_HEADER),
      Route.put("/cart/update", UPDATE_ITEM, "updateCartItem", Access.PUBLIC).answers(CART_ANSWER).forwarding(TOKEN_HEADER),
      Route.delete("/cart/remove", REMOVE_ITEM, "removeCartItem", Access.PUBLIC).answers(CART_ANSWER).forwarding(TOKEN_HEADER),
      Route.get("/cart/{cart_id}", GET_LINE, "getCartLine", Access.PUBLIC).forwarding(TOKEN_HEADER),
      Route.put("/cart/{cart_id}", UPDATE_LINE, "updateCartLine", Access.PUBLIC).answers(CART_ANSWER).forwarding(TOKEN_HEADER),
      Route.delete("/cart/{cart_id}", REMOVE_LINE, "removeCartLine", Access.PUBLIC).answers(Answer.noContent()).forwarding(TOKEN_HEADER));

  private CartRoutes() {}
}
