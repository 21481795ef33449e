package mercato.inventory;

import mercato.inventory.api.InventoryStates;
import mercato.platform.db.StoredTexts;

/**
 * A reservation's state, stored and answered as {@link #text}. It is made active and leaves
 * that state once: committed (its order was paid), released (cancelled before payment) or
 * expired (the sweeper); a committed one may become returned (cancelled after payment).
 * The order domain compares the active state's text, from {@link InventoryStates}.
 */
enum ReservationStatus {
  ACTIVE(InventoryStates.RESERVATION_ACTIVE),
  COMMITTED("committed"),
  RELEASED("released"),
  EXPIRED("expired"),
  RETURNED("returned");

  final String text;

  ReservationStatus(String text) {
    this.text = text;
  }

  /** The status of stored text; any other text is a bug. */
  static ReservationStatus of(String text) {
    return StoredTexts.of(values(), status -> status.text, text, "a reservation status");
  }
}
