package mercato.inventory;

import java.util.UUID;

/**
 * One change of one stock row, as {@link StockBook#change} applies it and the ledger records
 * it: how on hand and reserved move, and why. Each way stock moves has its factory, so the
 * signs are said once.
 */
record Movement(UUID productId, UUID warehouseId, int deltaOnHand, int deltaReserved, Reason reason) {
  /** Why stock moved, stored in the ledger as {@link #text}. */
  enum Reason {
    SET("set"),
    ADJUST("adjust"),
    SYNC("sync"),
    RESERVE("reserve"),
    RELEASE("release"),
    EXPIRE("expire"),
    COMMIT("commit"),
    RETURN("return");

    final String text;

    Reason(String text) {
      this.text = text;
    }
  }

  /** Units held for an order: reserved grows, on hand stays. */
  static Movement reserve(Allocation.Pick pick) {
    return new Movement(pick.productId(), pick.warehouseId(), 0, pick.quantity(), Reason.RESERVE);
  }

  /** Held units given back ({@code RELEASE} or {@code EXPIRE}): reserved shrinks, on hand stays. */
  static Movement unreserve(Allocation.Pick pick, Reason reason) {
    return new Movement(pick.productId(), pick.warehouseId(), 0, -pick.quantity(), reason);
  }

  /** Held units sold: they leave on hand and reserved together. */
  static Movement commit(Allocation.Pick pick) {
    return new Movement(pick.productId(), pick.warehouseId(), -pick.quantity(), -pick.quantity(), Reason.COMMIT);
  }

  /** Sold units come back on hand (their order was cancelled after payment). */
  static Movement restock(Allocation.Pick pick) {
    return new Movement(pick.productId(), pick.warehouseId(), pick.quantity(), 0, Reason.RETURN);
  }

  /** On hand counted again ({@code SET}, {@code ADJUST} or {@code SYNC}): reserved stays. */
  static Movement onHand(UUID productId, UUID warehouseId, int change, Reason reason) {
    return new Movement(productId, warehouseId, change, 0, reason);
  }

  /** How much the row's available (on hand less reserved) moves. */
  int deltaAvailable() {
    return deltaOnHand - deltaReserved;
  }
}
