package mercato.inventory;

import mercato.inventory.api.InventoryStates;

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

  static ReservationStatus of(String text) {
    for (ReservationStatus status : values()) {
      if (status.text.equals(text)) {
        return status;
      }
    }
    throw new IllegalArgumentException("not a reservation status: " + text);
  }
}
