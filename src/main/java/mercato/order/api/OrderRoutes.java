package mercato.order.api;

import static mercato.order.api.OrderAddresses.*;

import java.util.List;
import mercato.platform.route.Access;
import mercato.platform.route.Answer;
import mercato.platform.route.Route;

/**
 * The order domain's HTTP routes, with the aliases of ROUTES.md. Who sees which order (an
 * owner its own, a seller its groups, a warehouse the groups it ships) is decided in the
 * domain; a caller outside an order gets 404.
 */
public final class OrderRoutes {
  private static final Access INVOLVED = Access.types("customer", "company", "shop", "warehouse", "admin");

  public static final List<Route> ROUTES = List.of(
      Route.post("/orders", PLACE_ORDER, "placeOrder", Access.types("customer").verifiedFor("order")).answers(Answer.created("/orders/{orderId}").when("results", Answer.OK)).alias("/order"),
      Route.get("/orders", LIST_ORDERS, "listOrders", INVOLVED),
      Route.get("/orders/{order_id}", GET_ORDER, "getOrder", INVOLVED).alias("/order/{order_id}"),
      Route.put("/orders/{order_id}", UPDATE_ORDER, "updateOrder", INVOLVED).alias("/order/{order_id}"),
      Route.delete("/orders/{order_id}", CANCEL_ORDER, "cancelOrder", Access.types("customer", "admin"))
          .alias("/order/{order_id}"));

  private OrderRoutes() {}
}
