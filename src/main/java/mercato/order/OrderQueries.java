package mercato.order;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Fields;
import mercato.platform.bus.Pages;
import mercato.platform.bus.Principal;
import mercato.platform.bus.Problem;
import mercato.platform.ids.Ids;
import mercato.platform.money.Money;

/**
 * Reading orders: one order for an involved caller, pages of them (a customer's own, a
 * seller's groups, a warehouse's shipments, all for admins) with filters and text search,
 * and the internal questions other domains ask (what to charge, whether a customer bought).
 */
final class OrderQueries {
  // $1 owner, $2 seller, $3 warehouse, $4 status, $5 order id, $6 product-name pattern, $7 keyset, $8 limit.
  static final String PAGE = """
      SELECT o.id FROM orders o
       WHERE ($1::uuid IS NULL OR o.account_id = $1)
         AND ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM order_groups g WHERE g.order_id = o.id AND g.seller_id = $2))
         AND ($3::uuid IS NULL OR EXISTS (SELECT 1 FROM order_allocations a WHERE a.order_id = o.id AND a.warehouse_id = $3))
         AND ($4::text IS NULL OR o.status = $4)
         AND ($5::uuid IS NULL OR o.id = $5)
         AND ($6::text IS NULL OR EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND l.name ILIKE $6))
         AND ($7::uuid IS NULL OR o.id < $7)
       ORDER BY o.id DESC LIMIT $8
      """;
  static final String PURCHASED_PRODUCT = """
      SELECT EXISTS (SELECT 1 FROM orders o JOIN order_lines l ON l.order_id = o.id
                      WHERE o.account_id = $1 AND l.product_id = $2 AND o.status = ANY($3)) AS purchased
      """;
  static final String PURCHASED_FROM_SELLER = """
      SELECT EXISTS (SELECT 1 FROM orders o JOIN order_groups g ON g.order_id = o.id
                      WHERE o.account_id = $1 AND g.seller_id = $2 AND o.status = ANY($3)) AS purchased
      """;
  /** The statuses a filter may name, as the 400 lists them. */
  static final String STATUS_TEXTS = String.join(", ",
      Arrays.stream(OrderStatus.values()).map(status -> status.text).sorted().toList());
  static final int MAX_QUERY = 200;

  private final Pool pool;
  private final Peers peers;
  private final int maxPage;

  OrderQueries(Pool pool, Peers peers, int maxPage) {
    this.pool = pool;
    this.peers = peers;
    this.maxPage = maxPage;
  }

  /** GET /orders/{order_id}. */
  Future<?> get(Envelope envelope) {
    Principal caller = envelope.requirePrincipal();
    UUID id = Fields.pathId(envelope, "order_id");
    return OrderRepository.load(pool, id, false).compose(order -> Involvement.of(caller, order, peers,
        envelope.requestId()).map(involved -> OrderView.of(order, involved.groups(), involved.whole())));
  }

  /** GET /orders: filters status, cursor, limit. */
  Future<?> list(Envelope envelope) {
    return page(envelope, envelope.queryParam("status"), null, null);
  }

  /** The search domain's GET /search/orders: q is an order id, a status, or part of a product name. */
  Future<?> search(Envelope envelope) {
    String q = envelope.queryParam("q");
    if (q == null || q.isBlank() || q.length() > MAX_QUERY) {
      throw Problem.invalidField("/q", "must be 1 to " + MAX_QUERY + " characters");
    }
    q = q.strip();
    UUID id = Ids.parse(q);
    if (id != null) {
      return page(envelope, envelope.queryParam("status"), id, null);
    }
    if (OrderStatus.find(q).isPresent()) {
      return page(envelope, q, null, null);
    }
    String pattern = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    return page(envelope, envelope.queryParam("status"), null, pattern);
  }

  private Future<?> page(Envelope envelope, String status, UUID id, String namePattern) {
    Principal caller = envelope.requirePrincipal();
    if (status != null && OrderStatus.find(status).isEmpty()) {
      throw Problem.invalidField("/status", "must be one of " + STATUS_TEXTS);
    }
    int limit = Pages.limit(envelope, 20, maxPage);
    UUID after = Pages.idCursor(envelope);
    UUID me = UUID.fromString(caller.sub());
    Future<UUID> warehouse = caller.is("warehouse") ? peers.operatedWarehouse(caller.sub(), envelope.requestId())
        : Future.succeededFuture(null);
    return warehouse.compose(operated -> {
      if (caller.is("warehouse") && operated == null) {
        return Future.succeededFuture(new JsonObject().put("items", new JsonArray()).putNull("nextCursor"));
      }
      Tuple args = Tuple.of(caller.is("customer") ? me : null, caller.isSeller() ? me : null, operated, status, id,
          namePattern, after, limit + 1);
      return pool.preparedQuery(PAGE).execute(args).compose(rows -> {
        List<UUID> ids = new ArrayList<>();
        rows.forEach(r -> ids.add(r.getUUID("id")));
        String next = ids.size() > limit ? ids.get(limit - 1).toString() : null;
        List<UUID> shown = ids.size() > limit ? ids.subList(0, limit) : ids;
        return OrderRepository.loadMany(pool, shown, false).compose(orders -> {
          List<Future<JsonObject>> views = orders.stream().map(order -> Involvement.of(caller, order, peers,
              envelope.requestId()).map(involved -> OrderView.of(order, involved.groups(), involved.whole()))).toList();
          return Future.all(views).map(all -> new JsonObject().put("items", new JsonArray(all.list()))
              .put("nextCursor", next));
        });
      });
    });
  }

  /** Internal: what payment charges, for the order's owner only. */
  Future<?> forPayment(Envelope envelope) {
    JsonObject body = envelope.bodyObject();
    UUID orderId = Fields.id(body, "orderId");
    UUID accountId = Fields.id(body, "accountId");
    return OrderRepository.load(pool, orderId, false).map(order -> {
      if (order == null || !order.accountId().equals(accountId)) {
        throw Problem.notFound("No such order.");
      }
      JsonArray groups = new JsonArray();
      order.groups().forEach(g -> groups.add(new JsonObject().put("groupId", g.id().toString())
          .put("sellerId", g.sellerId().toString()).put("total", Money.json(g.total(), order.currency()))));
      return new JsonObject().put("orderId", order.id().toString())
          .put("accountId", order.accountId().toString()).put("status", order.status().text)
          .put("total", Money.json(order.total(), order.currency())).put("groups", groups);
    });
  }

  /** Internal: {accountId, productId | sellerId} -> {purchased}, counting only paid orders. */
  Future<?> hasPurchased(Envelope envelope) {
    JsonObject body = envelope.bodyObject();
    UUID accountId = Fields.id(body, "accountId");
    boolean bySeller = body.getValue("sellerId") != null;
    UUID target = Fields.id(body, bySeller ? "sellerId" : "productId");
    String[] paid = Arrays.stream(OrderStatus.values()).filter(Lifecycle::wasPaid).map(s -> s.text)
        .toArray(String[]::new);
    return pool.preparedQuery(bySeller ? PURCHASED_FROM_SELLER : PURCHASED_PRODUCT)
        .execute(Tuple.of(accountId, target, paid))
        .map(rows -> new JsonObject().put("purchased", rows.iterator().next().getBoolean("purchased")));
  }
}
