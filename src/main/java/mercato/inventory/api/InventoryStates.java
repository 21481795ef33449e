package mercato.inventory.api;

/**
 * The wire text of the inventory states other domains compare on what inventory answers
 * them: the order domain stores an order only on an active reservation (reserve-stock's
 * status). Inventory's own enum spells its states with these.
 */
public final class InventoryStates {
  public static final String RESERVATION_ACTIVE = "active";

  private InventoryStates() {}
}
