package mercato.inventory.api;

/** Events the inventory domain writes, all public. */
public final class InventoryEvents {
  /** {productId, warehouseId, onHand, reserved, available} after any change of one stock row. */
  public static final String STOCK_CHANGED = "mercato.inventory.stock-changed.v1";
  /** {productId, available, threshold}: the product's total available fell to or below its threshold. */
  public static final String LOW_STOCK = "mercato.inventory.low-stock.v1";
  /** {productId, available}: the product's total available went from 0 to more than 0. */
  public static final String BACK_IN_STOCK = "mercato.inventory.back-in-stock.v1";
  /** {orderId}: an unpaid reservation passed its expiry and its stock was released. */
  public static final String RESERVATION_EXPIRED = "mercato.inventory.reservation-expired.v1";

  private InventoryEvents() {}
}
