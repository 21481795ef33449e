package mercato.order;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A stored order with its groups, lines, allocations and status history. */
record Order(UUID id, UUID accountId, OrderStatus status, String currency, long total, long captured, long refunded,
    UUID paymentId, UUID cartId, String referralCode, JsonObject shippingAddress, String cancelReason,
    OffsetDateTime placedAt, OffsetDateTime updatedAt, List<Group> groups, List<Line> lines,
    List<Allocation> allocations, List<Change> history) {

  record Group(UUID id, UUID sellerId, GroupStatus status, long total, long refunded, String carrier,
      String trackingNumber, OffsetDateTime shippedAt, OffsetDateTime deliveredAt) {}

  record Line(UUID groupId, UUID productId, String sku, String name, int quantity, long unitPrice) {}

  record Allocation(UUID productId, UUID warehouseId, int quantity) {}

  /** One row of the history: the order's own status moved (no group) or one group's; from and to as text. */
  record Change(UUID groupId, String from, String to, String actor, String note, OffsetDateTime at) {}

  /** The order as just placed from {@code draft}, without reading it back. */
  static Order placed(Draft draft, io.vertx.core.json.JsonArray allocations, String actor, OffsetDateTime now) {
    List<Group> groups = draft.groups().stream().map(g -> new Group(g.id(), g.sellerId(), GroupStatus.PENDING_PAYMENT,
        g.total(), 0, null, null, null, null)).toList();
    List<Line> lines = draft.groups().stream().flatMap(g -> g.lines().stream().map(l -> new Line(g.id(),
        l.productId(), l.sku(), l.name(), l.quantity(), l.unitPrice()))).toList();
    List<Allocation> picks = new java.util.ArrayList<>();
    for (int i = 0; i < allocations.size(); i++) {
      JsonObject a = allocations.getJsonObject(i);
      picks.add(new Allocation(UUID.fromString(a.getString("productId")), UUID.fromString(a.getString("warehouseId")),
          a.getInteger("quantity")));
    }
    return new Order(draft.id(), draft.accountId(), OrderStatus.PENDING_PAYMENT, draft.currency(), draft.total(), 0, 0,
        null, draft.cartId(), draft.referralCode(), draft.shippingAddress(), null, now, now, groups, lines, picks,
        List.of(new Change(null, null, OrderStatus.PENDING_PAYMENT.text, actor, null, now)));
  }

  Group group(UUID groupId) {
    return groups.stream().filter(g -> g.id().equals(groupId)).findFirst().orElse(null);
  }

  Group groupOf(UUID sellerId) {
    return groups.stream().filter(g -> g.sellerId().equals(sellerId)).findFirst().orElse(null);
  }

  /** The groups holding units shipped from {@code warehouseId}. */
  List<Group> shippedFrom(UUID warehouseId) {
    List<UUID> products = allocations.stream().filter(a -> a.warehouseId().equals(warehouseId))
        .map(Allocation::productId).toList();
    List<UUID> groupIds = lines.stream().filter(l -> products.contains(l.productId())).map(Line::groupId)
        .distinct().toList();
    return groups.stream().filter(g -> groupIds.contains(g.id())).toList();
  }

  /** The order as priced lines per group, as events and line changes use it. */
  Draft draft() {
    List<Draft.Group> out = groups.stream().map(g -> new Draft.Group(g.id(), g.sellerId(), lines.stream()
        .filter(l -> l.groupId().equals(g.id()))
        .map(l -> new Draft.Line(l.productId(), l.sku(), l.name(), l.quantity(), l.unitPrice())).toList())).toList();
    return new Draft(id, accountId, cartId, referralCode, shippingAddress, currency, out);
  }
}
