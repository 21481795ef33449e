package mercato.inventory;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import mercato.inventory.api.InventoryEvents;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Fields;
import mercato.platform.bus.Problem;
import mercato.platform.bus.Problem.FieldError;
import mercato.platform.bus.ProblemType;
import mercato.platform.events.Event;
import mercato.platform.events.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Order reservations: reserve every line or none in one transaction, release, commit
 * (idempotent by order id), and the sweep that releases expired reservations. Safe on
 * several nodes: rows are locked in one fixed order and the sweep claims with SKIP LOCKED.
 */
final class Reservations {
  private static final Logger LOG = LoggerFactory.getLogger(Reservations.class);
  static final int MAX_LINES = 100;
  static final int MAX_QUANTITY = 1_000_000;
  static final int SWEEP_BATCH = 50;

  static final String CLAIM = """
      INSERT INTO reservations (order_id, status, expires_at)
      VALUES ($1, 'active', now() + $2 * interval '1 second')
      ON CONFLICT (order_id) DO NOTHING
      RETURNING expires_at
      """;
  static final String SELECT = "SELECT order_id, status, expires_at FROM reservations WHERE order_id = $1";
  static final String SELECT_FOR_UPDATE = SELECT + " FOR UPDATE";
  static final String SELECT_LINES = """
      SELECT product_id, warehouse_id, quantity FROM reservation_lines WHERE order_id = ANY($1)
       ORDER BY product_id, warehouse_id
      """;
  static final String SELECT_HELD = """
      SELECT order_id, product_id, warehouse_id, quantity FROM reservation_lines WHERE order_id = ANY($1)
       ORDER BY product_id, warehouse_id, order_id
      """;
  static final String INSERT_LINES = """
      INSERT INTO reservation_lines (order_id, product_id, warehouse_id, quantity)
      SELECT $1, * FROM unnest($2::uuid[], $3::uuid[], $4::int[])
      """;
  static final String DELETE_LINES = "DELETE FROM reservation_lines WHERE order_id = $1";
  static final String SET_STATUS = """
      UPDATE reservations SET status = $2, updated_at = now() WHERE order_id = ANY($1)
      """;
  // Any node may sweep: each claims a different batch, and a reservation being released or
  // committed right now (locked) is simply left for the next sweep.
  static final String CLAIM_EXPIRED = """
      SELECT order_id FROM reservations
       WHERE status = 'active' AND expires_at <= now()
       ORDER BY expires_at
       LIMIT $1
         FOR UPDATE SKIP LOCKED
      """;
  static final String AVAILABILITY = """
      SELECT product_id, sum(on_hand - reserved)::int AS available FROM stock
       WHERE product_id = ANY($1) GROUP BY product_id
      """;

  private final Pool pool;
  private final StockBook book;
  private final Outbox outbox;
  private final InventoryConfig config;

  Reservations(Pool pool, StockBook book, Outbox outbox, InventoryConfig config) {
    this.pool = pool;
    this.book = book;
    this.outbox = outbox;
    this.config = config;
  }

  /** Body {orderId, lines: [{productId, quantity}], ttlSeconds?}. */
  Future<?> reserve(Envelope envelope) {
    JsonObject body = envelope.bodyObject();
    UUID orderId = Fields.id(body, "orderId");
    List<Allocation.Line> lines = lines(body);
    int ttl = ttl(body);
    StockBook.Cause cause = new StockBook.Cause(actor(envelope), orderId.toString(), null);
    return pool.withTransaction(tx -> tx.preparedQuery(CLAIM).execute(Tuple.of(orderId, ttl)).compose(claimed -> {
      if (claimed.size() == 0) {
        return view(tx, orderId); // a repeat: the reservation that exists, whatever its state
      }
      OffsetDateTime expiresAt = claimed.iterator().next().getOffsetDateTime("expires_at");
      List<UUID> products = lines.stream().map(Allocation.Line::productId).toList();
      return book.lock(tx, products).compose(locked -> reserveLines(tx, orderId, lines, locked, cause)
          .compose(picks -> book.thresholdEvents(tx, locked)
              .map(v -> reservation(orderId, ReservationStatus.ACTIVE.text, expiresAt, picks))));
    }));
  }

  /** Allocates {@code lines} over the locked rows and records the picks; all or nothing (409). */
  private Future<List<Allocation.Pick>> reserveLines(SqlConnection tx, UUID orderId, List<Allocation.Line> lines,
      StockBook.Locked locked, StockBook.Cause cause) {
    List<Allocation.Offer> offers = new ArrayList<>();
    locked.rows.values().forEach(rows -> rows.forEach(r -> offers.add(new Allocation.Offer(r.productId(),
        r.warehouseId(), r.available() + locked.changed(r.productId(), r.warehouseId()), r.priority()))));
    Allocation.Plan plan = Allocation.plan(lines, offers);
    if (!plan.feasible()) {
      return Future.failedFuture(outOfStock(plan.short_(), locked));
    }
    Problem raced = outOfStock(lines, locked);
    List<Allocation.Pick> picks = sorted(plan.picks());
    // The lines do not depend on the stock change: both go out at once (pipelined on the connection).
    Future<?> recorded = tx.preparedQuery(INSERT_LINES).execute(Tuple.of(orderId,
        picks.stream().map(Allocation.Pick::productId).toArray(UUID[]::new),
        picks.stream().map(Allocation.Pick::warehouseId).toArray(UUID[]::new),
        picks.stream().map(Allocation.Pick::quantity).toArray(Integer[]::new)));
    Future<?> reserved = book.change(tx, locked, picks.stream().map(Movement::reserve).toList(), cause, raced);
    return Future.all(reserved, recorded).map(plan.picks());
  }

  /** A committed reservation's units go back on hand (the order was cancelled after payment). */
  private Future<Void> restock(SqlConnection tx, UUID orderId, StockBook.Cause cause) {
    return linesOf(tx, List.of(orderId)).compose(lines -> book.lock(tx, products(lines)).compose(locked -> {
      return book.change(tx, locked, lines.stream().map(Movement::restock).toList(), cause, Problem.internal())
          .compose(v -> book.thresholdEvents(tx, locked));
    })).compose(v -> tx.preparedQuery(SET_STATUS).execute(Tuple.of(new UUID[] {orderId}, ReservationStatus.RETURNED.text)))
        .mapEmpty();
  }

  /**
   * Body {orderId}: an active reservation is released; a committed one (a paid order being
   * cancelled) puts its units back on hand and becomes returned; anything else is a no-op.
   */
  Future<?> release(Envelope envelope) {
    UUID orderId = Fields.id(envelope.bodyObject(), "orderId");
    StockBook.Cause cause = new StockBook.Cause(actor(envelope), orderId.toString(), null);
    return pool.withTransaction(tx -> release(tx, orderId, cause).compose(found -> found ? view(tx, orderId)
        : Future.succeededFuture(new JsonObject().put("orderId", orderId.toString()).put("status", "none"))));
  }

  /** Release inside {@code tx} (the bus operation's, or the inbox's for order.cancelled); false when there is none. */
  Future<Boolean> release(SqlConnection tx, UUID orderId, StockBook.Cause cause) {
    return tx.preparedQuery(SELECT_FOR_UPDATE).execute(Tuple.of(orderId)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture(false);
      }
      return switch (ReservationStatus.of(rows.iterator().next().getString("status"))) {
        case ACTIVE -> unreserve(tx, List.of(orderId), ReservationStatus.RELEASED, Movement.Reason.RELEASE, cause)
            .map(true);
        case COMMITTED -> restock(tx, orderId, cause).map(true);
        default -> Future.succeededFuture(true);
      };
    });
  }

  /**
   * Body {orderId, lines}: an active reservation is replaced by one for the new lines, in one
   * transaction: the old units are given back first, so a line that stays is re-reserved
   * from them; when the new lines cannot all be reserved nothing changes (409 out-of-stock).
   */
  Future<?> replace(Envelope envelope) {
    JsonObject body = envelope.bodyObject();
    UUID orderId = Fields.id(body, "orderId");
    List<Allocation.Line> lines = lines(body);
    StockBook.Cause cause = new StockBook.Cause(actor(envelope), orderId.toString(), "order changed");
    return pool.withTransaction(tx -> tx.preparedQuery(SELECT_FOR_UPDATE).execute(Tuple.of(orderId)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(Problem.notFound("No reservation for this order."));
      }
      Row row = rows.iterator().next();
      if (ReservationStatus.of(row.getString("status")) != ReservationStatus.ACTIVE) {
        return Future.failedFuture(new Problem(ProblemType.INVALID_STATE,
            "The reservation was " + row.getString("status") + "; it cannot be changed."));
      }
      OffsetDateTime expiresAt = row.getOffsetDateTime("expires_at");
      return linesOf(tx, List.of(orderId)).compose(old -> {
        List<UUID> products = new ArrayList<>(new LinkedHashSet<>(
            java.util.stream.Stream.concat(old.stream().map(Allocation.Pick::productId),
                lines.stream().map(Allocation.Line::productId)).toList()));
        return book.lock(tx, products).compose(locked -> {
          Future<?> giveBack = book.change(tx, locked, sorted(old).stream()
              .map(pick -> Movement.unreserve(pick, Movement.Reason.RELEASE)).toList(), cause, Problem.internal());
          return giveBack.compose(v -> tx.preparedQuery(DELETE_LINES).execute(Tuple.of(orderId)))
              .compose(v -> reserveLines(tx, orderId, lines, locked, cause))
              .compose(picks -> book.thresholdEvents(tx, locked)
                  .map(v -> reservation(orderId, ReservationStatus.ACTIVE.text, expiresAt, picks)));
        });
      });
    }));
  }

  /** Body {orderId}: the reserved units leave on hand; a released or expired reservation is a 409. */
  Future<?> commit(Envelope envelope) {
    UUID orderId = Fields.id(envelope.bodyObject(), "orderId");
    StockBook.Cause cause = new StockBook.Cause(actor(envelope), orderId.toString(), null);
    return pool.withTransaction(tx -> commit(tx, orderId, cause).compose(status -> {
      if (status == null) {
        return Future.failedFuture(Problem.notFound("No reservation for this order."));
      }
      return switch (status) {
        case ACTIVE, COMMITTED -> view(tx, orderId);
        default -> Future.failedFuture(new Problem(ProblemType.INVALID_STATE,
            "The reservation was " + status.text + "; it cannot be committed."));
      };
    }));
  }

  /**
   * Commit inside {@code tx} (the bus operation's, or the inbox's for order.paid): an active
   * reservation's units leave on hand. Returns the status found (null when there is no
   * reservation); only ACTIVE changed anything.
   */
  Future<ReservationStatus> commit(SqlConnection tx, UUID orderId, StockBook.Cause cause) {
    return tx.preparedQuery(SELECT_FOR_UPDATE).execute(Tuple.of(orderId)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.<ReservationStatus>succeededFuture();
      }
      ReservationStatus status = ReservationStatus.of(rows.iterator().next().getString("status"));
      if (status != ReservationStatus.ACTIVE) {
        return Future.succeededFuture(status);
      }
      return linesOf(tx, List.of(orderId)).compose(lines -> book.lock(tx, products(lines)).compose(locked -> {
        return book.change(tx, locked, lines.stream().map(Movement::commit).toList(), cause, Problem.internal())
            .compose(v -> book.thresholdEvents(tx, locked));
      })).compose(v -> tx.preparedQuery(SET_STATUS).execute(Tuple.of(new UUID[] {orderId}, ReservationStatus.COMMITTED.text)))
          .map(status);
    });
  }

  /** Body {productIds}: the total available of each (0 when unknown). */
  Future<?> availability(Envelope envelope) {
    JsonArray ids = envelope.bodyObject().getJsonArray("productIds");
    if (ids == null || ids.size() > 500) {
      throw Problem.invalidField("/productIds", "must be a list of at most 500 product ids");
    }
    List<UUID> products = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      UUID id = mercato.platform.ids.Ids.parse(String.valueOf(ids.getValue(i)));
      if (id == null) {
        throw Problem.invalidField("/productIds/" + i, "must be a UUID");
      }
      products.add(id);
    }
    return pool.preparedQuery(AVAILABILITY).execute(Tuple.of((Object) products.toArray(UUID[]::new))).map(rows -> {
      Map<UUID, Integer> found = new LinkedHashMap<>();
      rows.forEach(row -> found.put(row.getUUID("product_id"), row.getInteger("available")));
      JsonArray items = new JsonArray();
      new LinkedHashSet<>(products).forEach(p -> items.add(new JsonObject().put("productId", p.toString())
          .put("available", found.getOrDefault(p, 0))));
      return new JsonObject().put("items", items);
    });
  }

  /** Releases the reservations that passed their expiry; returns how many. */
  Future<Integer> sweep() {
    StockBook.Cause cause = new StockBook.Cause("system:sweeper", null, null);
    return pool.withTransaction(tx -> tx.preparedQuery(CLAIM_EXPIRED).execute(Tuple.of(SWEEP_BATCH)).compose(rows -> {
      List<UUID> orders = new ArrayList<>();
      rows.forEach(row -> orders.add(row.getUUID("order_id")));
      if (orders.isEmpty()) {
        return Future.succeededFuture(0);
      }
      Future<Void> events = outbox.appendAll(tx, orders.stream().map(order -> Event.of(InventoryEvents.RESERVATION_EXPIRED,
          order.toString(), new JsonObject().put("orderId", order.toString()))).toList());
      return events.compose(v -> unreserve(tx, orders, ReservationStatus.EXPIRED, Movement.Reason.EXPIRE, cause))
          .map(orders.size());
    })).onSuccess(n -> {
      if (n > 0) {
        LOG.info("released {} expired reservations", n);
      }
    });
  }

  /**
   * Gives back the reserved units of {@code orders} (already locked by the caller) and sets
   * their status. All their stock rows are locked at once, in the fixed order, so a batch
   * of several orders cannot deadlock with another transaction.
   */
  private Future<Void> unreserve(SqlConnection tx, List<UUID> orders, ReservationStatus status,
      Movement.Reason reason, StockBook.Cause cause) {
    return heldBy(tx, orders).compose(held -> book.lock(tx, held.stream().map(h -> h.line().productId()).distinct()
        .toList()).compose(locked -> {
          return book.change(tx, locked, held.stream().map(h -> new StockBook.Entry(Movement.unreserve(h.line(), reason),
                  new StockBook.Cause(cause.actor(), h.orderId().toString(), cause.note()))).toList(), Problem.internal())
              .compose(v -> book.thresholdEvents(tx, locked));
        }))
        .compose(v -> tx.preparedQuery(SET_STATUS).execute(Tuple.of(orders.toArray(UUID[]::new), status.text)))
        .mapEmpty();
  }

  /** A reservation line with the order it belongs to. */
  private record Held(UUID orderId, Allocation.Pick line) {}

  private Future<List<Held>> heldBy(SqlConnection tx, List<UUID> orders) {
    return tx.preparedQuery(SELECT_HELD).execute(Tuple.of((Object) orders.toArray(UUID[]::new))).map(rows -> {
      List<Held> held = new ArrayList<>();
      rows.forEach(row -> held.add(new Held(row.getUUID("order_id"), new Allocation.Pick(row.getUUID("product_id"),
          row.getUUID("warehouse_id"), row.getInteger("quantity")))));
      return held;
    });
  }

  private Future<List<Allocation.Pick>> linesOf(SqlConnection tx, List<UUID> orders) {
    return tx.preparedQuery(SELECT_LINES).execute(Tuple.of((Object) orders.toArray(UUID[]::new))).map(rows -> {
      List<Allocation.Pick> lines = new ArrayList<>();
      rows.forEach(row -> lines.add(new Allocation.Pick(row.getUUID("product_id"), row.getUUID("warehouse_id"),
          row.getInteger("quantity"))));
      return lines;
    });
  }

  private Future<JsonObject> view(SqlConnection tx, UUID orderId) {
    return tx.preparedQuery(SELECT).execute(Tuple.of(orderId)).compose(rows -> {
      Row row = rows.iterator().next();
      return linesOf(tx, List.of(orderId)).map(lines -> reservation(orderId, row.getString("status"),
          row.getOffsetDateTime("expires_at"), lines));
    });
  }

  private static JsonObject reservation(UUID orderId, String status, OffsetDateTime expiresAt,
      List<Allocation.Pick> picks) {
    JsonArray allocations = new JsonArray();
    for (Allocation.Pick pick : picks) {
      allocations.add(new JsonObject().put("productId", pick.productId().toString())
          .put("warehouseId", pick.warehouseId().toString()).put("quantity", pick.quantity()));
    }
    return new JsonObject().put("orderId", orderId.toString()).put("status", status)
        .put("expiresAt", expiresAt.toInstant().toString()).put("allocations", allocations);
  }

  /** The order's lines, validated, with repeated products merged (the first line's index kept). */
  static List<Allocation.Line> lines(JsonObject body) {
    Object value = body.getValue("lines");
    if (!(value instanceof JsonArray array) || array.isEmpty() || array.size() > MAX_LINES) {
      throw Problem.invalidField("/lines", "must be a list of 1 to " + MAX_LINES + " lines");
    }
    Map<UUID, Allocation.Line> merged = new LinkedHashMap<>();
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      Object item = array.getValue(i);
      if (!(item instanceof JsonObject line)) {
        errors.add(new FieldError("/lines/" + i, "must be an object"));
        continue;
      }
      UUID product = line.getValue("productId") instanceof String s ? mercato.platform.ids.Ids.parse(s) : null;
      if (product == null) {
        errors.add(new FieldError("/lines/" + i + "/productId", "must be a UUID"));
      }
      Object quantity = line.getValue("quantity");
      if (!(quantity instanceof Integer || quantity instanceof Long) || ((Number) quantity).longValue() < 1
          || ((Number) quantity).longValue() > MAX_QUANTITY) {
        errors.add(new FieldError("/lines/" + i + "/quantity", "must be a whole number from 1 to " + MAX_QUANTITY));
        continue;
      }
      if (product != null) {
        int q = ((Number) quantity).intValue();
        int index = i;
        merged.merge(product, new Allocation.Line(index, product, q),
            (a, b) -> new Allocation.Line(a.index(), a.productId(), Math.min(MAX_QUANTITY, a.quantity() + b.quantity())));
      }
    }
    if (!errors.isEmpty()) {
      throw Problem.validation("The order lines are invalid.", errors);
    }
    return List.copyOf(merged.values());
  }

  private int ttl(JsonObject body) {
    Object value = body.getValue("ttlSeconds");
    if (value == null) {
      return config.reservationTtlSeconds();
    }
    if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < 1
        || ((Number) value).longValue() > InventoryConfig.MAX_TTL_SECONDS) {
      throw Problem.invalidField("/ttlSeconds", "must be a whole number from 1 to " + InventoryConfig.MAX_TTL_SECONDS);
    }
    return ((Number) value).intValue();
  }

  private static Problem outOfStock(List<Allocation.Line> lines, StockBook.Locked locked) {
    List<FieldError> errors = new ArrayList<>();
    for (Allocation.Line line : lines) {
      errors.add(new FieldError("/lines/" + line.index(), "only " + Math.max(0, locked.total(line.productId()))
          + " available, " + line.quantity() + " asked"));
    }
    return new Problem(ProblemType.OUT_OF_STOCK, "Some lines cannot be reserved; nothing was reserved.",
        errors, null);
  }

  /** Changes in the lock order (product id, then warehouse id, as PostgreSQL compares uuids). */
  private static List<Allocation.Pick> sorted(List<Allocation.Pick> picks) {
    List<Allocation.Pick> out = new ArrayList<>(picks);
    out.sort((a, b) -> {
      int c = pgCompare(a.productId(), b.productId());
      return c != 0 ? c : pgCompare(a.warehouseId(), b.warehouseId());
    });
    return out;
  }

  /** PostgreSQL orders uuids by their bytes, unsigned; Java's compareTo is signed. */
  static int pgCompare(UUID a, UUID b) {
    int c = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
    return c != 0 ? c : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
  }

  private static List<UUID> products(List<Allocation.Pick> lines) {
    return lines.stream().map(Allocation.Pick::productId).distinct().toList();
  }

  private static String actor(Envelope envelope) {
    return envelope.principal() == null ? "system:order" : envelope.principal().typ() + ":" + envelope.principal().sub();
  }
}
