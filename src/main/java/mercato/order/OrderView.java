package mercato.order;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import mercato.platform.money.Money;

/**
 * An order as JSON for one caller. The owner and admins see everything; a seller or a
 * warehouse sees the order's header and only the groups it is involved in (their lines,
 * history and totals), never the other sellers' share.
 */
final class OrderView {
  private OrderView() {}

  static JsonObject of(Order order, List<Order.Group> groups, boolean whole) {
    List<UUID> shown = groups.stream().map(Order.Group::id).toList();
    JsonArray groupsJson = new JsonArray();
    for (Order.Group group : groups) {
      JsonArray lines = new JsonArray();
      order.lines().stream().filter(l -> l.groupId().equals(group.id())).forEach(l -> lines.add(new JsonObject()
          .put("productId", l.productId().toString()).put("sku", l.sku()).put("name", l.name())
          .put("quantity", l.quantity()).put("unitPrice", Money.json(l.unitPrice(), order.currency()))
          .put("lineTotal", Money.json(l.unitPrice() * l.quantity(), order.currency()))));
      JsonObject shipment = group.carrier() == null ? null : new JsonObject().put("carrier", group.carrier())
          .put("trackingNumber", group.trackingNumber()).put("shippedAt", time(group.shippedAt()))
          .put("deliveredAt", time(group.deliveredAt()));
      groupsJson.add(new JsonObject().put("groupId", group.id().toString())
          .put("sellerId", group.sellerId().toString()).put("status", group.status().text)
          .put("total", Money.json(group.total(), order.currency()))
          .put("refunded", Money.json(group.refunded(), order.currency()))
          .put("shipment", shipment).put("lines", lines));
    }
    JsonArray history = new JsonArray();
    order.history().stream().filter(h -> whole || (h.groupId() != null && shown.contains(h.groupId())))
        .forEach(h -> history.add(new JsonObject().put("groupId", h.groupId() == null ? null : h.groupId().toString())
            .put("from", h.from()).put("to", h.to()).put("actor", whole ? h.actor() : null).put("note", h.note())
            .put("at", time(h.at()))));
    JsonObject view = new JsonObject().put("orderId", order.id().toString()).put("status", order.status().text)
        .put("placedAt", time(order.placedAt())).put("updatedAt", time(order.updatedAt()))
        .put("groups", groupsJson).put("history", history);
    if (whole) {
      view.put("accountId", order.accountId().toString())
          .put("total", Money.json(order.total(), order.currency()))
          .put("payment", new JsonObject().put("paymentId", order.paymentId() == null ? null : order.paymentId().toString())
              .put("captured", Money.json(order.captured(), order.currency()))
              .put("refunded", Money.json(order.refunded(), order.currency())))
          .put("shippingAddress", order.shippingAddress())
          .put("referralCode", order.referralCode())
          .put("cancelReason", order.cancelReason());
    } else {
      long total = groups.stream().mapToLong(Order.Group::total).sum();
      // A seller refunds within its own group by the order's payment (POST /payment/refund), so it sees the id.
      view.put("total", Money.json(total, order.currency())).put("shippingAddress", order.shippingAddress())
          .put("paymentId", order.paymentId() == null ? null : order.paymentId().toString());
    }
    return view;
  }

  static String time(OffsetDateTime at) {
    return at == null ? null : at.toInstant().toString();
  }
}
