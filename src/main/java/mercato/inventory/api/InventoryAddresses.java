package mercato.inventory.api;

/** The inventory domain's bus addresses: warehouses, stock levels and order reservations. */
public final class InventoryAddresses {
  public static final String CREATE_WAREHOUSE = "mercato.inventory.create-warehouse";
  public static final String LIST_WAREHOUSES = "mercato.inventory.list-warehouses";
  public static final String GET_WAREHOUSE = "mercato.inventory.get-warehouse";
  public static final String UPDATE_WAREHOUSE = "mercato.inventory.update-warehouse";
  public static final String DELETE_WAREHOUSE = "mercato.inventory.delete-warehouse";
  public static final String LIST_STOCK = "mercato.inventory.list-stock";
  public static final String GET_PRODUCT_STOCK = "mercato.inventory.get-product-stock";
  public static final String SET_STOCK = "mercato.inventory.set-stock";
  /** Internal: {orderId, lines: [{productId, quantity}], ttlSeconds?}; all lines or none. */
  public static final String RESERVE_STOCK = "mercato.inventory.reserve-stock";
  /** Internal: {orderId, lines}; an active reservation replaced by one for the new lines, or nothing (409). */
  public static final String REPLACE_STOCK = "mercato.inventory.replace-stock";
  /** Internal: {orderId}; active -> released, committed -> units back on hand (returned); else a no-op. */
  public static final String RELEASE_STOCK = "mercato.inventory.release-stock";
  /** Internal: {orderId}; the reserved units leave on_hand; idempotent. */
  public static final String COMMIT_STOCK = "mercato.inventory.commit-stock";
  /** Internal: {productIds: [...]} -> {items: [{productId, available}]}. */
  public static final String GET_AVAILABILITY = "mercato.inventory.get-availability";

  /** Internal: {accountId} -> {warehouseId} of the warehouse the account operates (null when none). */
  public static final String GET_OPERATED_WAREHOUSE = "mercato.inventory.get-operated-warehouse";

  /** A warehouse account's pending invitations to operate a warehouse. */
  public static final String LIST_OPERATOR_INVITATIONS = "mercato.inventory.list-operator-invitations";
  public static final String ACCEPT_OPERATOR_INVITATION = "mercato.inventory.accept-operator-invitation";
  public static final String DECLINE_OPERATOR_INVITATION = "mercato.inventory.decline-operator-invitation";

  private InventoryAddresses() {}
}
