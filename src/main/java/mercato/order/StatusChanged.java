package mercato.order;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import mercato.order.api.OrderEvents;
import mercato.platform.events.Event;

/**
 * The one event every change of an order's own status writes (next to the event of what
 * happened: paid, cancelled, shipped...), so a reader that only cares that the status
 * moved (the notification domain's order-updates) need not know every cause.
 */
final class StatusChanged {
  private StatusChanged() {}

  static Event of(Order order, OrderStatus to) {
    return Event.of(OrderEvents.STATUS_CHANGED, order.id().toString(), new JsonObject()
        .put("orderId", order.id().toString())
        .put("accountId", order.accountId().toString())
        .put("from", order.status().text)
        .put("to", to.text)
        .put("changedAt", Instant.now().toString()));
  }
}
