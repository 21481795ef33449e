package mercato.order;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import mercato.platform.ids.Ids;

/** The SQL of orders: write a placed draft, load one order whole, change statuses, keep history. */
final class OrderRepository {
  static final String INSERT_ORDER = """
      INSERT INTO orders (id, account_id, status, currency, total, cart_id, referral_code, shipping_address)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      """;
  static final String INSERT_GROUP = """
      INSERT INTO order_groups (id, order_id, seller_id, status, total) VALUES ($1, $2, $3, $4, $5)
      """;
  static final String INSERT_LINE = """
      INSERT INTO order_lines (order_id, group_id, product_id, sku, name, quantity, unit_price)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      """;
  static final String INSERT_ALLOCATION = """
      INSERT INTO order_allocations (order_id, product_id, warehouse_id, quantity) VALUES ($1, $2, $3, $4)
      """;
  static final String INSERT_HISTORY = """
      INSERT INTO order_history (id, order_id, group_id, from_status, to_status, actor, note)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      """;
  // One order whole in one statement (one round trip, one snapshot): its parts as JSON
  // arrays, their timestamps as UTC text.
  static final String SELECT = """
      SELECT o.id, o.account_id, o.status, o.currency, o.total, o.captured, o.refunded, o.payment_id, o.cart_id,
             o.referral_code, o.shipping_address, o.cancel_reason, o.placed_at, o.updated_at,
             (SELECT coalesce(json_agg(json_build_object('id', g.id, 'seller_id', g.seller_id, 'status', g.status,
                         'total', g.total, 'refunded', g.refunded, 'carrier', g.carrier,
                         'tracking_number', g.tracking_number, 'shipped_at', g.shipped_at AT TIME ZONE 'UTC',
                         'delivered_at', g.delivered_at AT TIME ZONE 'UTC') ORDER BY g.seller_id), '[]')
                FROM order_groups g WHERE g.order_id = o.id) AS groups,
             (SELECT coalesce(json_agg(json_build_object('group_id', l.group_id, 'product_id', l.product_id,
                         'sku', l.sku, 'name', l.name, 'quantity', l.quantity, 'unit_price', l.unit_price)
                         ORDER BY l.group_id, l.product_id), '[]')
                FROM order_lines l WHERE l.order_id = o.id) AS lines,
             (SELECT coalesce(json_agg(json_build_object('product_id', a.product_id, 'warehouse_id', a.warehouse_id,
                         'quantity', a.quantity) ORDER BY a.product_id, a.warehouse_id), '[]')
                FROM order_allocations a WHERE a.order_id = o.id) AS allocations,
             (SELECT coalesce(json_agg(json_build_object('group_id', h.group_id, 'from_status', h.from_status,
                         'to_status', h.to_status, 'actor', h.actor, 'note', h.note, 'at', h.at AT TIME ZONE 'UTC')
                         ORDER BY h.seq), '[]')
                FROM order_history h WHERE h.order_id = o.id) AS history
        FROM orders o WHERE o.id = ANY($1)
      """;
  static final String SET_STATUS = "UPDATE orders SET status = $2, updated_at = now() WHERE id = $1";
  static final String SET_GROUP = """
      UPDATE order_groups SET status = $2, carrier = coalesce($3, carrier), tracking_number = coalesce($4, tracking_number),
             shipped_at = CASE WHEN $2 = 'shipped' THEN now() ELSE shipped_at END,
             delivered_at = CASE WHEN $2 = 'delivered' THEN now() ELSE delivered_at END
       WHERE id = $1
      """;
  static final String SET_ALL_GROUPS = "UPDATE order_groups SET status = $2 WHERE order_id = $1";
  static final String DELETE_GROUPS = "DELETE FROM order_groups WHERE order_id = $1";
  static final String DELETE_ALLOCATIONS = "DELETE FROM order_allocations WHERE order_id = $1";

  private OrderRepository() {}

  /** One history row to write: the order's own status moving (no group) or one group's. */
  record Step(UUID groupId, String from, String to, String actor, String note) {
    /** The first row of a placed order. */
    static Step placed(String actor) {
      return new Step(null, null, OrderStatus.PENDING_PAYMENT.text, actor, null);
    }

    /** The order's own status, from {@code from} to {@code to} (the same for a change of contents). */
    static Step order(OrderStatus from, OrderStatus to, String actor, String note) {
      return new Step(null, from.text, to.text, actor, note);
    }

    /** One group's status, from what it is to {@code to}. */
    static Step group(Order.Group group, GroupStatus to, String actor, String note) {
      return new Step(group.id(), group.status().text, to.text, actor, note);
    }
  }

  /** The order as pending_payment, its groups, lines, allocations and first history row. */
  static Future<Void> insert(SqlClient tx, Draft draft, JsonArray allocations, String actor) {
    // Sent together on the transaction's connection: pipelined, and run in this order.
    return Future.all(
        tx.preparedQuery(INSERT_ORDER).execute(Tuple.of(draft.id(), draft.accountId(),
            OrderStatus.PENDING_PAYMENT.text, draft.currency(), draft.total(), draft.cartId(), draft.referralCode(),
            draft.shippingAddress())),
        insertContents(tx, draft, allocations),
        history(tx, draft.id(), Step.placed(actor))).mapEmpty();
  }

  /** New lines for an unpaid order: groups, lines and allocations replaced, the total updated. */
  static Future<Void> replaceContents(SqlClient tx, Draft draft, JsonArray allocations) {
    return tx.preparedQuery(DELETE_GROUPS).execute(Tuple.of(draft.id()))
        .compose(v -> tx.preparedQuery(DELETE_ALLOCATIONS).execute(Tuple.of(draft.id())))
        .compose(v -> tx.preparedQuery("UPDATE orders SET total = $2, updated_at = now() WHERE id = $1")
            .execute(Tuple.of(draft.id(), draft.total())))
        .compose(v -> insertContents(tx, draft, allocations));
  }

  private static Future<Void> insertContents(SqlClient tx, Draft draft, JsonArray allocations) {
    List<Tuple> groups = new ArrayList<>();
    List<Tuple> lines = new ArrayList<>();
    for (Draft.Group group : draft.groups()) {
      groups.add(Tuple.of(group.id(), draft.id(), group.sellerId(), GroupStatus.PENDING_PAYMENT.text, group.total()));
      for (Draft.Line line : group.lines()) {
        lines.add(Tuple.of(draft.id(), group.id(), line.productId(), line.sku(), line.name(), line.quantity(),
            line.unitPrice()));
      }
    }
    List<Tuple> picks = new ArrayList<>();
    for (int i = 0; i < allocations.size(); i++) {
      JsonObject a = allocations.getJsonObject(i);
      picks.add(Tuple.of(draft.id(), UUID.fromString(a.getString("productId")),
          UUID.fromString(a.getString("warehouseId")), a.getInteger("quantity")));
    }
    Future<?> grouped = tx.preparedQuery(INSERT_GROUP).executeBatch(groups);
    Future<?> lined = tx.preparedQuery(INSERT_LINE).executeBatch(lines);
    Future<?> picked = picks.isEmpty() ? Future.succeededFuture() : tx.preparedQuery(INSERT_ALLOCATION).executeBatch(picks);
    return Future.all(grouped, lined, picked).mapEmpty();
  }

  static Future<Void> history(SqlClient tx, UUID orderId, Step step) {
    return tx.preparedQuery(INSERT_HISTORY).execute(Tuple.of(Ids.uuid7(), orderId, step.groupId(), step.from(),
        step.to(), step.actor(), step.note())).mapEmpty();
  }

  /** The order status with its history row; groups follow when {@code groups} is not null. */
  static Future<Void> move(SqlClient tx, Order order, OrderStatus to, GroupStatus groups, String actor, String note) {
    Future<?> done = tx.preparedQuery(SET_STATUS).execute(Tuple.of(order.id(), to.text));
    if (groups != null) {
      done = done.compose(v -> tx.preparedQuery(SET_ALL_GROUPS).execute(Tuple.of(order.id(), groups.text)));
    }
    return done.compose(v -> history(tx, order.id(), Step.order(order.status(), to, actor, note)));
  }

  /** Loads one order whole (null when there is none); {@code lock} holds its row until the transaction ends. */
  static Future<Order> load(SqlClient client, UUID id, boolean lock) {
    return loadMany(client, List.of(id), lock).map(found -> found.isEmpty() ? null : found.get(0));
  }

  /** Loads orders whole in one statement, in the order of {@code ids}; missing ones are left out. */
  static Future<List<Order>> loadMany(SqlClient client, List<UUID> ids, boolean lock) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    Map<UUID, Order> found = new LinkedHashMap<>();
    ids.forEach(id -> found.put(id, null));
    return client.preparedQuery(lock ? SELECT + " FOR UPDATE OF o" : SELECT)
        .execute(Tuple.of((Object) ids.toArray(UUID[]::new)))
        .map(rows -> {
          rows.forEach(row -> found.put(row.getUUID("id"), order(row)));
          return found.values().stream().filter(Objects::nonNull).toList();
        });
  }

  private static Order order(Row row) {
    List<Order.Group> groups = new ArrayList<>();
    each(row, "groups", g -> groups.add(new Order.Group(uuid(g, "id"), uuid(g, "seller_id"),
        GroupStatus.of(g.getString("status")), g.getLong("total"), g.getLong("refunded"), g.getString("carrier"),
        g.getString("tracking_number"), time(g, "shipped_at"), time(g, "delivered_at"))));
    List<Order.Line> lines = new ArrayList<>();
    each(row, "lines", l -> lines.add(new Order.Line(uuid(l, "group_id"), uuid(l, "product_id"), l.getString("sku"),
        l.getString("name"), l.getInteger("quantity"), l.getLong("unit_price"))));
    List<Order.Allocation> allocations = new ArrayList<>();
    each(row, "allocations", a -> allocations.add(new Order.Allocation(uuid(a, "product_id"),
        uuid(a, "warehouse_id"), a.getInteger("quantity"))));
    List<Order.Change> history = new ArrayList<>();
    each(row, "history", h -> history.add(new Order.Change(uuid(h, "group_id"), h.getString("from_status"),
        h.getString("to_status"), h.getString("actor"), h.getString("note"), time(h, "at"))));
    return new Order(row.getUUID("id"), row.getUUID("account_id"), OrderStatus.of(row.getString("status")),
        row.getString("currency"), row.getLong("total"), row.getLong("captured"), row.getLong("refunded"),
        row.getUUID("payment_id"), row.getUUID("cart_id"), row.getString("referral_code"),
        (JsonObject) row.getValue("shipping_address"), row.getString("cancel_reason"),
        row.getOffsetDateTime("placed_at"), row.getOffsetDateTime("updated_at"), groups, lines, allocations,
        history);
  }

  private static void each(Row row, String column, Consumer<JsonObject> part) {
    JsonArray parts = (JsonArray) row.getValue(column);
    for (int i = 0; i < parts.size(); i++) {
      part.accept(parts.getJsonObject(i));
    }
  }

  private static UUID uuid(JsonObject part, String field) {
    String text = part.getString(field);
    return text == null ? null : UUID.fromString(text);
  }

  /** A timestamp the statement wrote as UTC text ({@code timestamptz AT TIME ZONE 'UTC'}). */
  private static OffsetDateTime time(JsonObject part, String field) {
    String text = part.getString(field);
    return text == null ? null : LocalDateTime.parse(text).atOffset(ZoneOffset.UTC);
  }
}
