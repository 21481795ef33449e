package mercato.inventory.api;

import static mercato.inventory.api.InventoryAddresses.*;

import java.util.List;
import mercato.platform.route.Access;
import mercato.platform.route.Answer;
import mercato.platform.route.Route;

/** The inventory domain's HTTP routes, with the aliases of ROUTES.md. */
public final class InventoryRoutes {
  private static final Access OWNERS = Access.types("company", "shop", "admin").verifiedFor("sell");
  private static final Access OPERATORS = Access.types("warehouse");
  private static final Access READERS = Access.types("company", "shop", "warehouse", "admin");
  private static final Access STOCK_WRITERS = Access.types("company", "shop", "warehouse", "admin").verifiedFor("sell");

  public static final List<Route> ROUTES = List.of(
      Route.get("/inventory/products", LIST_STOCK, "listStock", READERS).alias("/stock-levels"),
      Route.get("/inventory/product/{product_id}", GET_PRODUCT_STOCK, "getProductStock", Access.PUBLIC),
      Route.put("/inventory/product/{product_id}/stock", SET_STOCK, "setStock", STOCK_WRITERS)
          .alias("/stock-levels/{product_id}"),
      Route.post("/warehouses", CREATE_WAREHOUSE, "createWarehouse", OWNERS).answers(Answer.created("/warehouses/{id}")).alias("/inventory/warehouse"),
      Route.get("/warehouses", LIST_WAREHOUSES, "listWarehouses", READERS).alias("/inventory/warehouses"),
      Route.get("/warehouses/{warehouse_id}", GET_WAREHOUSE, "getWarehouse", READERS),
      Route.put("/warehouses/{warehouse_id}", UPDATE_WAREHOUSE, "updateWarehouse", OWNERS),
      Route.delete("/warehouses/{warehouse_id}", DELETE_WAREHOUSE, "deleteWarehouse", OWNERS).answers(Answer.noContent()),
      Route.get("/warehouse-invitations", LIST_OPERATOR_INVITATIONS, "listOperatorInvitations", OPERATORS),
      Route.post("/warehouse-invitations/{warehouse_id}/accept", ACCEPT_OPERATOR_INVITATION,
          "acceptOperatorInvitation", OPERATORS),
      Route.post("/warehouse-invitations/{warehouse_id}/decline", DECLINE_OPERATOR_INVITATION,
          "declineOperatorInvitation", OPERATORS).answers(Answer.noContent()));

  private InventoryRoutes() {}
}
