package mercato.inventory;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
  // The rows and their products' low-stock thresholds in one round trip; only stock rows are locked.
  static final String LOCK_PRODUCTS = """
      SELECT s.product_id, s.warehouse_id, s.on_hand, s.reserved, w.priority, p.low_stock_threshold
        FROM stock s JOIN warehouses w ON w.id = s.warehouse_id
        LEFT JOIN products p ON p.product_id = s.product_id
       WHERE s.product_id = ANY($1)
       ORDER BY s.product_id, s.warehouse_id
         FOR UPDATE OF s
      """;
  static final String ENSURE_ROW = """
      INSERT INTO stock (product_id, warehouse_id, on_hand, reserved) VALUES ($1, $2, 0, 0)
      ON CONFLICT (product_id, warehouse_id) DO NOTHING
      """;
  // Every change of a transaction's step in one statement, each row at most once: the rows
  // change and their ledger entries are written together. Conditional: a row never leaves
  // 0 <= reserved <= on_hand, whatever another transaction did (the CHECK constraints say
  // the same a second time); a row the condition refuses is missing from the answer.
  static final String CHANGE = """
      WITH d AS (
        SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[])
            AS d(product_id, warehouse_id, d_on_hand, d_reserved, reason, actor, correlation_id, note)),
      changed AS (
        UPDATE stock s SET on_hand = s.on_hand + d.d_on_hand, reserved = s.reserved + d.d_reserved, updated_at = now()
          FROM d
         WHERE s.product_id = d.product_id AND s.warehouse_id = d.warehouse_id
           AND s.reserved + d.d_reserved >= 0 AND s.on_hand + d.d_on_hand >= s.reserved + d.d_reserved
        RETURNING s.product_id, s.warehouse_id, s.on_hand, s.reserved,
                  d.d_on_hand, d.d_reserved, d.reason, d.actor, d.correlation_id, d.note),
      ledger AS (
        INSERT INTO movements (product_id, warehouse_id, delta_on_hand, delta_reserved, reason, actor, correlation_id, note)
        SELECT product_id, warehouse_id, d_on_hand, d_reserved, reason, actor, correlation_id, note FROM changed)
      SELECT product_id, warehouse_id, on_hand, reserved FROM changed
      """;

  /** One stock row as locked. */
  record StockRow(UUID productId, UUID warehouseId, int onHand, int reserved, int priority) {
    int available() {
      return onHand - reserved;
    }
  }

  /** Who changes stock and why, as the ledger records it. */
  record Cause(String actor, String correlationId, String note) {}

  /** A movement with its cause: one ledger entry. */
  record Entry(Movement movement, Cause cause) {}

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
    return tx.preparedQuery(LOCK_PRODUCTS).execute(Tuple.of(ids)).map(rows -> {
      for (Row row : rows) {
        StockRow r = new StockRow(row.getUUID("product_id"), row.getUUID("warehouse_id"), row.getInteger("on_hand"),
            row.getInteger("reserved"), row.getInteger("priority"));
        locked.rows.computeIfAbsent(r.productId(), p -> new ArrayList<>()).add(r);
        locked.availableNow.merge(r.productId(), r.available(), Integer::sum);
        Integer threshold = row.getInteger("low_stock_threshold");
        if (threshold != null) {
          locked.thresholds.put(r.productId(), threshold);
        }
      }
      locked.availableBefore.putAll(locked.availableNow);
      return locked;
    });
  }

  /** {@link #change(SqlConnection, Locked, List, Problem)} of one movement. */
  Future<StockRow> change(SqlConnection tx, Locked locked, Movement movement, Cause cause, Problem refusal) {
    return change(tx, locked, List.of(new Entry(movement, cause)), refusal).map(rows -> rows.get(0));
  }

  /** {@link #change(SqlConnection, Locked, List, Problem)} of movements with one cause. */
  Future<List<StockRow>> change(SqlConnection tx, Locked locked, List<Movement> movements, Cause cause,
      Problem refusal) {
    return change(tx, locked, movements.stream().map(m -> new Entry(m, cause)).toList(), refusal);
  }

  /**
   * Changes locked rows by the entries' movements, records each in the ledger and writes a
   * stock-changed event per entry, in two round trips whatever their number. Fails with
   * {@code refusal} when a change would break 0 <= reserved <= on_hand (the caller's
   * transaction then rolls back, ledger and all). Entries that touch one row twice are
   * applied one after the other. Answers each row as changed, in the entries' order.
   */
  Future<List<StockRow>> change(SqlConnection tx, Locked locked, List<Entry> entries, Problem refusal) {
    if (entries.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    Set<List<UUID>> rows = new HashSet<>();
    boolean eachRowOnce = entries.stream()
        .allMatch(e -> rows.add(List.of(e.movement().productId(), e.movement().warehouseId())));
    if (!eachRowOnce) {
      List<StockRow> after = new ArrayList<>();
      return Sequence.each(entries, entry -> change(tx, locked, List.of(entry), refusal).map(one -> after.add(one.get(0))))
          .map(after);
    }
    Tuple arrays = Tuple.of(
        entries.stream().map(e -> e.movement().productId()).toArray(UUID[]::new),
        entries.stream().map(e -> e.movement().warehouseId()).toArray(UUID[]::new),
        entries.stream().map(e -> e.movement().deltaOnHand()).toArray(Integer[]::new),
        entries.stream().map(e -> e.movement().deltaReserved()).toArray(Integer[]::new),
        entries.stream().map(e -> e.movement().reason().text).toArray(String[]::new),
        entries.stream().map(e -> e.cause().actor()).toArray(String[]::new),
        entries.stream().map(e -> e.cause().correlationId()).toArray(String[]::new),
        entries.stream().map(e -> e.cause().note()).toArray(String[]::new));
    return tx.preparedQuery(CHANGE).execute(arrays).compose(changed -> {
      if (changed.size() < entries.size()) {
        return Future.failedFuture(refusal);
      }
      Map<List<UUID>, StockRow> now = new HashMap<>();
      for (Row row : changed) {
        StockRow r = new StockRow(row.getUUID("product_id"), row.getUUID("warehouse_id"), row.getInteger("on_hand"),
            row.getInteger("reserved"), 0);
        now.put(List.of(r.productId(), r.warehouseId()), r);
      }
      List<StockRow> after = new ArrayList<>();
      List<Event> events = new ArrayList<>();
      for (Entry entry : entries) {
        Movement movement = entry.movement();
        UUID product = movement.productId();
        StockRow r = now.get(List.of(product, movement.warehouseId()));
        locked.availableNow.merge(product, movement.deltaAvailable(), Integer::sum);
        locked.rowChanges.merge(List.of(product, movement.warehouseId()), movement.deltaAvailable(), Integer::sum);
        after.add(r);
        events.add(Event.of(InventoryEvents.STOCK_CHANGED, product.toString(), new JsonObject()
            .put("productId", product.toString()).put("warehouseId", r.warehouseId().toString())
            .put("onHand", r.onHand()).put("reserved", r.reserved()).put("available", r.available())));
      }
      return outbox.appendAll(tx, events).map(after);
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
    return outbox.appendAll(tx, events);
  }
}
