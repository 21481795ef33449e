package mercato.order;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
  static final String COLUMNS = """
      id, account_id, status, currency, total, captured, refunded, payment_id, cart_id, referral_code,
      shipping_address, cancel_reason, placed_at, updated_at
      """;
  static final String SELECT = "SELECT " + COLUMNS + " FROM orders WHERE id = ANY($1)";
  static final String SELECT_GROUPS = """
      SELECT order_id, id, seller_id, status, total, refunded, carrier, tracking_number, shipped_at, delivered_at
        FROM order_groups WHERE order_id = ANY($1) ORDER BY seller_id
      """;
  static final String SELECT_LINES = """
      SELECT order_id, group_id, product_id, sku, name, quantity, unit_price FROM order_lines
       WHERE order_id = ANY($1) ORDER BY group_id, product_id
      """;
  static final String SELECT_ALLOCATIONS = """
      SELECT order_id, product_id, warehouse_id, quantity FROM order_allocations WHERE order_id = ANY($1)
      """;
  static final String SELECT_HISTORY = """
      SELECT order_id, group_id, from_status, to_status, actor, note, at FROM order_history
       WHERE order_id = ANY($1) ORDER BY seq
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

  /** Loads orders whole in five queries (the last four at once), in the order of {@code ids}; missing ones are left out. */
  static Future<List<Order>> loadMany(SqlClient client, List<UUID> ids, boolean lock) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    Tuple some = Tuple.of((Object) ids.toArray(UUID[]::new));
    Map<UUID, Parts> parts = new LinkedHashMap<>();
    ids.forEach(id -> parts.put(id, new Parts()));
    return client.preparedQuery(lock ? SELECT + " FOR UPDATE" : SELECT).execute(some).compose(found -> {
      if (found.size() == 0) {
        return Future.succeededFuture(List.of()); // nothing more to read (a new order id, a wrong one)
      }
      found.forEach(r -> parts.get(r.getUUID("id")).row = r);
      // The four reads do not depend on each other: sent together, they pipeline on the connection.
      Future<?> groups = client.preparedQuery(SELECT_GROUPS).execute(some).onSuccess(rows -> rows.forEach(r ->
          parts.get(r.getUUID("order_id")).groups.add(new Order.Group(r.getUUID("id"), r.getUUID("seller_id"),
              GroupStatus.of(r.getString("status")), r.getLong("total"), r.getLong("refunded"), r.getString("carrier"),
              r.getString("tracking_number"), r.getOffsetDateTime("shipped_at"), r.getOffsetDateTime("delivered_at")))));
      Future<?> lines = client.preparedQuery(SELECT_LINES).execute(some).onSuccess(rows -> rows.forEach(r ->
          parts.get(r.getUUID("order_id")).lines.add(new Order.Line(r.getUUID("group_id"), r.getUUID("product_id"),
              r.getString("sku"), r.getString("name"), r.getInteger("quantity"), r.getLong("unit_price")))));
      Future<?> allocations = client.preparedQuery(SELECT_ALLOCATIONS).execute(some).onSuccess(rows -> rows.forEach(r ->
          parts.get(r.getUUID("order_id")).allocations.add(new Order.Allocation(r.getUUID("product_id"),
              r.getUUID("warehouse_id"), r.getInteger("quantity")))));
      Future<?> history = client.preparedQuery(SELECT_HISTORY).execute(some).onSuccess(rows -> rows.forEach(r ->
          parts.get(r.getUUID("order_id")).history.add(new Order.Change(r.getUUID("group_id"),
              r.getString("from_status"), r.getString("to_status"), r.getString("actor"), r.getString("note"),
              r.getOffsetDateTime("at")))));
      return Future.all(groups, lines, allocations, history).map(all -> {
        List<Order> out = new ArrayList<>();
        parts.values().stream().filter(p -> p.row != null).forEach(p -> out.add(p.order()));
        return out;
      });
    });
  }

  /** What the five queries found for one order. */
  private static final class Parts {
    Row row;
    final List<Order.Group> groups = new ArrayList<>();
    final List<Order.Line> lines = new ArrayList<>();
    final List<Order.Allocation> allocations = new ArrayList<>();
    final List<Order.Change> history = new ArrayList<>();

    Order order() {
      return new Order(row.getUUID("id"), row.getUUID("account_id"), OrderStatus.of(row.getString("status")),
          row.getString("currency"), row.getLong("total"), row.getLong("captured"), row.getLong("refunded"),
          row.getUUID("payment_id"), row.getUUID("cart_id"), row.getString("referral_code"),
          (JsonObject) row.getValue("shipping_address"), row.getString("cancel_reason"),
          row.getOffsetDateTime("placed_at"), row.getOffsetDateTime("updated_at"), groups, lines, allocations,
          history);
    }
  }
}
