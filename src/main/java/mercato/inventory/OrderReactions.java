package mercato.inventory;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import java.util.UUID;
import mercato.order.api.OrderEvents;
import mercato.platform.events.Event;
import mercato.platform.events.Inbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inventory follows the order's events through its inbox, so the order never asks for a
 * commit or release while its own transaction holds the order's row: order.paid commits the
 * order's reservation, order.cancelled releases it (or, once committed, puts its units back).
 * The inbox skips a redelivered event, and the reservation's own state (locked, moved only
 * from active or committed) makes a late or repeated one a no-op, so each reservation is
 * committed or released exactly once. The relay delivers one order's events in their order,
 * so a paid-then-cancelled order is committed before it is returned.
 */
final class OrderReactions {
  private static final Logger LOG = LoggerFactory.getLogger(OrderReactions.class);
  static final List<String> TYPES = List.of(OrderEvents.PAID, OrderEvents.CANCELLED);
  private static final String ACTOR = "system:order";

  private final Reservations reservations;

  OrderReactions(Reservations reservations) {
    this.reservations = reservations;
  }

  Inbox register(Inbox inbox) {
    return inbox.on(OrderEvents.PAID, this::paid).on(OrderEvents.CANCELLED, this::cancelled);
  }

  /**
   * order.paid {orderId, ...}: an active reservation is committed. One that expired before
   * the event came is left as it is: its reservation-expired event makes the order cancel
   * itself and refund the payment.
   */
  Future<?> paid(Event event, SqlConnection tx) {
    UUID orderId = UUID.fromString(event.data().getString("orderId"));
    return reservations.commit(tx, orderId, cause(orderId)).map(found -> {
      if (found != ReservationStatus.ACTIVE && found != ReservationStatus.COMMITTED) {
        LOG.info("order {} paid but its reservation is {}: nothing to commit", orderId,
            found == null ? "missing" : found.text);
      }
      return null;
    });
  }

  /** order.cancelled {orderId, ...}: released when active, returned when committed, else nothing. */
  Future<?> cancelled(Event event, SqlConnection tx) {
    UUID orderId = UUID.fromString(event.data().getString("orderId"));
    return reservations.release(tx, orderId, cause(orderId));
  }

  private static StockBook.Cause cause(UUID orderId) {
    return new StockBook.Cause(ACTOR, orderId.toString(), null);
  }
}
