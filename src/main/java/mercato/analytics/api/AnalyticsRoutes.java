package mercato.analytics.api;

import static mercato.analytics.api.AnalyticsAddresses.*;

import java.util.List;
import mercato.platform.route.Access;
import mercato.platform.route.Route;

/**
 * The analytics domain's HTTP routes. Sales and product reports admit sellers, whose
 * figures the domain restricts to their own; traffic and behaviour are for admins.
 */
public final class AnalyticsRoutes {
  private static final Access ADMIN_OR_SELLER = Access.types("admin", "company", "shop");

  public static final List<Route> ROUTES = List.of(
      Route.get("/analytics/sales", GET_SALES, "getSalesAnalytics", ADMIN_OR_SELLER),
      Route.get("/analytics/products", GET_PRODUCTS, "getProductAnalytics", ADMIN_OR_SELLER),
      Route.get("/analytics/traffic", GET_TRAFFIC, "getTrafficAnalytics", Access.types("admin")),
      Route.get("/analytics/user-behavior", GET_USER_BEHAVIOR, "getUserBehaviorAnalytics", Access.types("admin")));

  private AnalyticsRoutes() {}
}
