package mercato.inventory;

import java.util.List;
import mercato.inventory.api.InventoryRoutes;
import mercato.platform.domain.Domain;

/** The inventory domain as the node sees it: it keeps a read model of products fed by catalog events. */
public final class InventoryDomain {
  public static final String NAME = "inventory";

  private InventoryDomain() {}

  public static Domain domain() {
    return new Domain(NAME, true, InventoryRoutes.ROUTES, ProductFeed.TYPES, List.of(), InventoryVerticle::new);
  }
}
