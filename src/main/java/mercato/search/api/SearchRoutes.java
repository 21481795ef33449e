package mercato.search.api;

import static mercato.search.api.SearchAddresses.*;

import java.util.List;
import mercato.platform.route.Access;
import mercato.platform.route.Route;

/**
 * The search domain's HTTP routes. {@code POST /search} takes the same fields as the query of
 * {@code GET /search/products} in a JSON body. Order search admits the principals that have
 * orders to see (the order domain applies who sees what); the search log is for admins and
 * for roles granted {@code search:logs} (merchandisers).
 */
public final class SearchRoutes {
  public static final List<Route> ROUTES = List.of(
      Route.get("/search/products", FIND_PRODUCTS, "searchProducts", Access.PUBLIC)
          .alias("POST", "/search", java.util.Map.of()),
      Route.get("/search/suggestions", SUGGEST, "searchSuggestions", Access.PUBLIC),
      Route.get("/search/orders", FIND_ORDERS, "searchOrders", Access.types("customer", "company", "shop", "admin")),
      Route.get("/search-logs", LIST_LOGS, "listSearchLogs", Access.types("admin").orPermission("search:logs")));

  private SearchRoutes() {}
}
