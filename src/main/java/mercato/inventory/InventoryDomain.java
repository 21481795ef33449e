package mercato.inventory;

import java.util.List;
import java.util.stream.Stream;
import mercato.inventory.api.InventoryRoutes;
import mercato.platform.domain.Domain;

/**
 * The inventory domain as the node sees it: it keeps a read model of products fed by catalog
 * events and follows the order's paid and cancelled events.
 */
public final class InventoryDomain {
  public static final String NAME = "inventory";

  static final List<String> SUBSCRIBES_TO = Stream.concat(ProductFeed.TYPES.stream(), OrderReactions.TYPES.stream())
      .toList();

  private InventoryDomain() {}

  public static Domain domain() {
    return new Domain(NAME, true, InventoryRoutes.ROUTES, SUBSCRIBES_TO, List.of(), InventoryVerticle::new);
  }
}
