package mercato.inventory;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import mercato.inventory.api.InventoryEvents;
import mercato.platform.bus.Problem;
import mercato.platform.events.Event;
import mercato.platform.events.Outbox;
import mercato.platform.work.Sequence;

/**
 * The one way stock changes: inside a transaction, lock every stock row of the products
 * touched (ordered by product id then warehouse id, the same order everywhere, so two
 * transactions never wait on each other in a cycle), apply conditional updates, append
 * each change to the ledger, and write stock-changed, low-stock and back-in-stock events
 * in the same transaction.
 */
final class StockBook {
  static final String LOCK_PRODUCTS = """
      SELECT s.product_id, s.warehouse_id, s.on_hand, s.reserved, w.priority
        FROM stock s JOIN warehouses w ON w.id = s.warehouse_id
       WHERE s.product_id = ANY($1)
       ORDER BY s.product_id, s.warehouse_id
         FOR UPDATE OF s
      """;
  static final String THRESHOLDS = """
      SELECT product_id, low_stock_threshold FROM products WHERE product_id = ANY($1)
      """;
  static final String ENSURE_ROW = """
      INSERT INTO stock (product_id, warehouse_id, on_hand, reserved) VALUES ($1, $2, 0, 0)
      ON CONFLICT (product_id, warehouse_id) DO NOTHING
      """;
  // Conditional: the row never leaves 0 <= reserved <= on_hand, whatever another
  // transaction did (the CHECK constraints say the same a second time).
  static final String CHANGE = """
      UPDATE stock SET on_hand = on_hand + $3, reserved = reserved + $4, updated_at = now()
       WHERE product_id = $1 AND warehouse_id = $2
         AND reserved + $4 >= 0 AND on_hand + $3 >= reserved + $4
      RETURNING on_hand, reserved
      """;
  static final String APPEND_MOVEMENT = """
      INSERT INTO movements (product_id, warehouse_id, delta_on_hand, delta_reserved, reason, actor, correlation_id, note)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      """;

  /** One stock row as locked. */
  record StockRow(UUID productId, UUID warehouseId, int onHand, int reserved, int priority) {
    int available() {
      return onHand - reserved;
    }
  }

  /** Who changes stock and why, as the ledger records it. */
  record Cause(String actor, String correlationId, String note) {}

  /** The locked rows of some products, and what their totals were when locked. */
  static final class Locked {
    final Map<UUID, List<StockRow>> rows = new LinkedHashMap<>();
    final Map<UUID, Integer> thresholds = new HashMap<>();
    final Map<UUID, Integer> availableBefore = new HashMap<>();
    final Map<UUID, Integer> availableNow = new HashMap<>();
    /** How much each (product, warehouse) row's available moved since it was locked. */
    final Map<List<UUID>, Integer> rowChanges = new HashMap<>();

    int changed(UUID product, UUID warehouse) {
      return rowChanges.getOrDefault(List.of(product, warehouse), 0);
    }

    List<StockRow> of(UUID product) {
      return rows.getOrDefault(product, List.of());
    }

    StockRow row(UUID product, UUID warehouse) {
      for (StockRow row : of(product)) {
        if (row.warehouseId().equals(warehouse)) {
          return row;
        }
      }
      return null;
    }

    int total(UUID product) {
      return availableNow.getOrDefault(product, 0);
    }
  }

  private final Outbox outbox;

  StockBook(Outbox outbox) {
    this.outbox = outbox;
  }

  /** Creates an empty row (0 on hand) for the product in the warehouse unless there is one. */
  Future<Void> ensureRow(SqlConnection tx, UUID product, UUID warehouse) {
    return tx.preparedQuery(ENSURE_ROW).execute(Tuple.of(product, warehouse)).mapEmpty();
  }

  /** Locks every stock row of {@code products} in the fixed order and reads their thresholds. */
  Future<Locked> lock(SqlConnection tx, List<UUID> products) {
    UUID[] ids = products.toArray(UUID[]::new);
    Locked locked = new Locked();
    return tx.preparedQuery(LOCK_PRODUCTS).execute(Tuple.of(ids)).compose(rows -> {
      for (Row row : rows) {
        StockRow r = new StockRow(row.getUUID("product_id"), row.getUUID("warehouse_id"), row.getInteger("on_hand"),
            row.getInteger("reserved"), row.getInteger("priority"));
        locked.rows.computeIfAbsent(r.productId(), p -> new ArrayList<>()).add(r);
        locked.availableNow.merge(r.productId(), r.available(), Integer::sum);
      }
      locked.availableBefore.putAll(locked.availableNow);
      return tx.preparedQuery(THRESHOLDS).execute(Tuple.of(ids));
    }).map(rows -> {
      for (Row row : rows) {
        locked.thresholds.put(row.getUUID("product_id"), row.getInteger("low_stock_threshold"));
      }
      return locked;
    });
  }

  /**
   * Changes one locked row by the movement, records it in the ledger with a stock-changed
   * event. Fails with {@code refusal} when the change would break 0 <= reserved <= on_hand.
   */
  Future<StockRow> change(SqlConnection tx, Locked locked, Movement movement, Cause cause, Problem refusal) {
    UUID product = movement.productId();
    UUID warehouse = movement.warehouseId();
    Tuple deltas = Tuple.of(product, warehouse, movement.deltaOnHand(), movement.deltaReserved());
    return tx.preparedQuery(CHANGE).execute(deltas).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(refusal);
      }
      Row row = rows.iterator().next();
      int onHand = row.getInteger("on_hand");
      int reserved = row.getInteger("reserved");
      locked.availableNow.merge(product, movement.deltaAvailable(), Integer::sum);
      locked.rowChanges.merge(List.of(product, warehouse), movement.deltaAvailable(), Integer::sum);
      StockRow after = new StockRow(product, warehouse, onHand, reserved, 0);
      return tx.preparedQuery(APPEND_MOVEMENT)
          .execute(Tuple.of(product, warehouse, movement.deltaOnHand(), movement.deltaReserved(),
              movement.reason().text, cause.actor(), cause.correlationId(), cause.note()))
          .compose(v -> outbox.append(tx, Event.of(InventoryEvents.STOCK_CHANGED, product.toString(), new JsonObject()
              .put("productId", product.toString()).put("warehouseId", warehouse.toString())
              .put("onHand", onHand).put("reserved", reserved).put("available", onHand - reserved))))
          .map(after);
    });
  }

  /**
   * Low-stock when a product's total available fell to or below its threshold (from above),
   * back-in-stock when it went from 0 to more; written once per transaction per product.
   */
  Future<Void> thresholdEvents(SqlConnection tx, Locked locked) {
    List<Event> events = new ArrayList<>();
    for (UUID product : locked.availableNow.keySet()) {
      int before = locked.availableBefore.getOrDefault(product, 0);
      int after = locked.availableNow.get(product);
      int threshold = locked.thresholds.getOrDefault(product, ProductFeed.DEFAULT_THRESHOLD);
      if (StockRules.fellToLow(before, after, threshold)) {
        events.add(Event.of(InventoryEvents.LOW_STOCK, product.toString(), new JsonObject()
            .put("productId", product.toString()).put("available", after).put("threshold", threshold)));
      }
      if (StockRules.backInStock(before, after)) {
        events.add(Event.of(InventoryEvents.BACK_IN_STOCK, product.toString(), new JsonObject()
            .put("productId", product.toString()).put("available", after)));
      }
    }
    return Sequence.each(events, event -> outbox.append(tx, event));
  }
}
