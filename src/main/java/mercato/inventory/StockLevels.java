package mercato.inventory;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import mercato.platform.bus.Cursors;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Fields;
import mercato.platform.bus.Pages;
import mercato.platform.bus.Principal;
import mercato.platform.bus.Problem;
import mercato.platform.bus.ProblemType;

/**
 * Stock routes: list the stock a caller may see, one product's stock (public total, the
 * owner's breakdown), and set or adjust one warehouse's stock of a product. Object-level
 * rules: a seller touches only its own products in its own warehouses, a warehouse
 * principal only the products its warehouse stocks; anything else is 404 and changes nothing.
 */
final class StockLevels {
  /** Before every (product, warehouse) pair: where the first page starts. */
  private static final UUID FIRST = new UUID(0, 0);
  static final int MAX_ON_HAND = 1_000_000_000;

  static final String SELECT_PRODUCT = """
      SELECT product_id, seller_id, sku, low_stock_threshold, deleted FROM products WHERE product_id = $1
      """;
  static final String ROW_EXISTS = "SELECT 1 FROM stock WHERE product_id = $1 AND warehouse_id = $2";
  static final String PRODUCT_STOCK = """
      SELECT s.warehouse_id, w.name, s.on_hand, s.reserved FROM stock s JOIN warehouses w ON w.id = s.warehouse_id
       WHERE s.product_id = $1 ORDER BY w.priority, s.warehouse_id
      """;
  // $1 seller filter, $2 operator filter, $3 product filter, $4 warehouse filter (null: none);
  // keyset after ($5, $6).
  static final String LIST = """
      SELECT s.product_id, s.warehouse_id, p.sku, s.on_hand, s.reserved, s.updated_at
        FROM stock s
        JOIN warehouses w ON w.id = s.warehouse_id
        LEFT JOIN products p ON p.product_id = s.product_id
       WHERE ($1::uuid IS NULL OR p.seller_id = $1) AND ($2::uuid IS NULL OR w.operator_account_id = $2)
         AND ($3::uuid IS NULL OR s.product_id = $3) AND ($4::uuid IS NULL OR s.warehouse_id = $4)
         AND (s.product_id, s.warehouse_id) > ($5, $6)
       ORDER BY s.product_id, s.warehouse_id
       LIMIT $7
      """;

  private final Pool pool;
  private final StockBook book;
  private final ProductDirectory directory;
  private final int maxPageSize;

  StockLevels(Pool pool, StockBook book, ProductDirectory directory, int maxPageSize) {
    this.pool = pool;
    this.book = book;
    this.directory = directory;
    this.maxPageSize = maxPageSize;
  }

  Future<?> list(Envelope envelope) {
    Principal caller = envelope.requirePrincipal();
    int limit = Pages.limit(envelope, maxPageSize);
    JsonObject cursor = Pages.cursor(envelope);
    UUID afterProduct = cursor == null ? FIRST : Cursors.id(cursor, "p");
    UUID afterWarehouse = cursor == null ? FIRST : Cursors.id(cursor, "w");
    UUID me = UUID.fromString(caller.sub());
    UUID seller = caller.isSeller() ? me : null;
    UUID operator = caller.is("warehouse") ? me : null;
    if (!caller.isAdmin() && seller == null && operator == null) {
      throw Problem.forbidden("A " + caller.typ() + " has no stock to list.");
    }
    UUID product = queryId(envelope, "productId");
    UUID warehouse = queryId(envelope, "warehouseId");
    return pool.preparedQuery(LIST)
        .execute(Tuple.of(seller, operator, product, warehouse, afterProduct, afterWarehouse, limit + 1))
        .map(rows -> {
          List<Row> found = new ArrayList<>();
          rows.forEach(found::add);
          JsonArray items = new JsonArray();
          for (Row row : found.subList(0, Math.min(limit, found.size()))) {
            int onHand = row.getInteger("on_hand");
            int reserved = row.getInteger("reserved");
            items.add(new JsonObject().put("productId", row.getUUID("product_id").toString())
                .put("warehouseId", row.getUUID("warehouse_id").toString()).put("sku", row.getString("sku"))
                .put("onHand", onHand).put("reserved", reserved).put("available", onHand - reserved)
                .put("updatedAt", row.getOffsetDateTime("updated_at").toInstant().toString()));
          }
          String next = null;
          if (found.size() > limit) {
            Row last = found.get(limit - 1);
            next = Cursors.encode(new JsonObject().put("p", last.getUUID("product_id").toString())
                .put("w", last.getUUID("warehouse_id").toString()));
          }
          return new JsonObject().put("items", items).put("nextCursor", next);
        });
  }

  /** Public: the total available; the owning seller and admins also see each warehouse. */
  Future<?> get(Envelope envelope) {
    UUID id = Fields.pathId(envelope, "product_id");
    Principal caller = envelope.principal();
    return directory.find(id, envelope.requestId()).compose(product -> {
      if (product == null || product.getBoolean("deleted")) {
        return Future.failedFuture(Problem.notFound("No such product."));
      }
      boolean owner = caller != null && (caller.isAdmin() || caller.sub().equals(product.getString("sellerId")));
      return pool.preparedQuery(PRODUCT_STOCK).execute(Tuple.of(id)).map(rows -> {
        int onHand = 0;
        int reserved = 0;
        JsonArray warehouses = new JsonArray();
        for (Row row : rows) {
          int h = row.getInteger("on_hand");
          int r = row.getInteger("reserved");
          onHand += h;
          reserved += r;
          warehouses.add(new JsonObject().put("warehouseId", row.getUUID("warehouse_id").toString())
              .put("name", row.getString("name")).put("onHand", h).put("reserved", r).put("available", h - r));
        }
        JsonObject json = new JsonObject().put("productId", id.toString()).put("available", onHand - reserved);
        if (owner) {
          json.put("sku", product.getString("sku")).put("onHand", onHand).put("reserved", reserved)
              .put("lowStockThreshold", product.getInteger("lowStockThreshold")).put("warehouses", warehouses);
        }
        return json;
      });
    });
  }

  /** Body {warehouseId, onHand} (absolute) or {warehouseId, delta} (adjustment), reason optional. */
  Future<?> set(Envelope envelope) {
    Principal caller = envelope.requirePrincipal();
    UUID productId = Fields.pathId(envelope, "product_id");
    JsonObject body = envelope.bodyObject();
    UUID warehouseId = Fields.id(body, "warehouseId");
    Integer onHand = whole(body, "onHand", 0, MAX_ON_HAND);
    Integer delta = whole(body, "delta", -MAX_ON_HAND, MAX_ON_HAND);
    if ((onHand == null) == (delta == null)) {
      throw Problem.validation("Give either onHand (absolute) or delta (adjustment).", List.of(
          new Problem.FieldError(onHand == null ? "/onHand" : "/delta", "exactly one of onHand and delta is required")));
    }
    String note = Fields.optionalText(body, "reason", 200);
    StockBook.Cause cause = new StockBook.Cause(caller.typ() + ":" + caller.sub(), envelope.requestId(), note);
    Problem notFound = Problem.notFound("No such product stock.");
    // The directory learns a product just created from catalog, before the transaction opens.
    return directory.find(productId, envelope.requestId()).compose(known -> pool.withTransaction(tx -> product(tx,
        productId).compose(product -> {
      if (product == null || product.getBoolean("deleted")) {
        return Future.failedFuture(notFound);
      }
      return WarehouseRepository.find(tx, warehouseId, false).compose(warehouse -> {
        if (warehouse == null) {
          return Future.failedFuture(notFound);
        }
        boolean operator = caller.is("warehouse");
        boolean allowed = caller.isAdmin()
            || (caller.isSeller() && caller.sub().equals(product.getString("sellerId"))
                && warehouse.ownerId().toString().equals(caller.sub()))
            || (operator && warehouse.operatorAccountId() != null
                && warehouse.operatorAccountId().toString().equals(caller.sub()));
        if (!allowed) {
          return Future.failedFuture(notFound);
        }
        // A warehouse operator updates what its warehouse stocks; sellers and admins may start a row.
        Future<Void> row = operator
            ? tx.preparedQuery(ROW_EXISTS).execute(Tuple.of(productId, warehouseId))
                .compose(rows -> rows.size() == 0 ? Future.failedFuture(notFound) : Future.succeededFuture())
            : book.ensureRow(tx, productId, warehouseId);
        return row.compose(v -> apply(tx, productId, warehouseId, onHand, delta, cause));
      });
    })));
  }

  private Future<JsonObject> apply(io.vertx.sqlclient.SqlConnection tx, UUID productId, UUID warehouseId,
      Integer onHand, Integer delta, StockBook.Cause cause) {
    return book.lock(tx, List.of(productId)).compose(locked -> {
      StockBook.StockRow current = locked.row(productId, warehouseId);
      int change = StockRules.deltaOnHand(current.onHand(), onHand, delta);
      long target = (long) current.onHand() + change;
      if (target < current.reserved() || target > MAX_ON_HAND) {
        return Future.failedFuture(new Problem(ProblemType.CONFLICT, target > MAX_ON_HAND
            ? "On hand would exceed " + MAX_ON_HAND + "."
            : "On hand would be " + target + ", below the " + current.reserved() + " units reserved for orders."));
      }
      if (change == 0) {
        return Future.succeededFuture(view(current));
      }
      Problem raced = new Problem(ProblemType.CONFLICT, "On hand cannot go below the reserved units.");
      Movement counted = Movement.onHand(productId, warehouseId, change,
          onHand != null ? Movement.Reason.SET : Movement.Reason.ADJUST);
      return book.change(tx, locked, counted, cause, raced)
          .compose(after -> book.thresholdEvents(tx, locked).map(v -> view(after)));
    });
  }

  private static JsonObject view(StockBook.StockRow row) {
    return new JsonObject().put("productId", row.productId().toString()).put("warehouseId", row.warehouseId().toString())
        .put("onHand", row.onHand()).put("reserved", row.reserved()).put("available", row.available());
  }

  static Future<JsonObject> product(SqlClient client, UUID id) {
    return client.preparedQuery(SELECT_PRODUCT).execute(Tuple.of(id)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row row = rows.iterator().next();
      return new JsonObject().put("productId", id.toString()).put("sellerId", row.getUUID("seller_id").toString())
          .put("sku", row.getString("sku")).put("lowStockThreshold", row.getInteger("low_stock_threshold"))
          .put("deleted", row.getBoolean("deleted"));
    });
  }

  private static Integer whole(JsonObject body, String name, int min, int max) {
    Object value = body.getValue(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < min
        || ((Number) value).longValue() > max) {
      throw Problem.invalidField("/" + name, "must be a whole number from " + min + " to " + max);
    }
    return ((Number) value).intValue();
  }

  private static UUID queryId(Envelope envelope, String name) {
    String text = envelope.queryParam(name);
    if (text == null) {
      return null;
    }
    UUID id = mercato.platform.ids.Ids.parse(text);
    if (id == null) {
      throw Problem.invalidField("/" + name, "must be a UUID");
    }
    return id;
  }
}
