package mercato.inventory;

import static mercato.inventory.InventoryFixture.order;
import static mercato.inventory.InventoryFixture.seller;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import mercato.auth.AuthDomain;
import mercato.platform.bus.Principal;
import mercato.platform.bus.Problem;
import mercato.testing.Await;
import mercato.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reservations over the bus on real PostgreSQL: no oversell, all or nothing, idempotency, expiry. */
class ReservationTest {
  private static final Logger LOG = LoggerFactory.getLogger(ReservationTest.class);
  static TestNode app;
  static InventoryFixture fx;
  static UUID sellerId = UUID.randomUUID();
  static Principal seller = seller(sellerId);

  @BeforeAll
  static void start() {
    app = TestNode.of(AuthDomain.domain(), InventoryDomain.domain())
        .set("inventory.sweepMs", "100")
        .set("db.waitQueueSize", "1000")
        .start();
    fx = new InventoryFixture(app);
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  static String status(UUID orderId) {
    List<String> rows = app.db.column("SELECT status FROM inventory.reservations WHERE order_id = '" + orderId + "'");
    return rows.isEmpty() ? null : rows.get(0);
  }

  @Test
  void twoHundredConcurrentReservationsOfFiftyUnitsSellExactlyFifty() {
    UUID product = fx.product(sellerId, "conc-1", 5);
    UUID warehouse = fx.warehouse(seller, "Main", 1);
    fx.setStock(seller, product, warehouse, 50);
    long started = System.nanoTime();
    List<Future<Object>> calls = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      calls.add(fx.reserve(order(UUID.randomUUID(), product, 1)));
    }
    Await.result(Future.join(calls).otherwiseEmpty());
    long ms = (System.nanoTime() - started) / 1_000_000;
    LOG.info("200 concurrent single-line reservations against 50 units: {} ms", ms);
    int ok = 0;
    int outOfStock = 0;
    for (Future<Object> call : calls) {
      if (call.succeeded()) {
        ok++;
      } else if (call.cause() instanceof Problem p && p.status() == 409 && p.slug().equals("out-of-stock")) {
        outOfStock++;
      } else {
        throw new AssertionError("unexpected failure", call.cause());
      }
    }
    assertThat(ok).as("successes (200 reservations took %d ms)", ms).isEqualTo(50);
    assertThat(outOfStock).isEqualTo(150);
    assertThat(fx.row(product, warehouse)).isEqualTo("50/50");
    assertThat(fx.ledger(product, warehouse)).isEqualTo("50/50");
    assertThat(app.db.count("SELECT count(*) FROM inventory.stock WHERE on_hand < 0 OR reserved < 0 OR reserved > on_hand"))
        .isZero();
    assertThat(app.db.count("SELECT count(*) FROM inventory.reservation_lines WHERE product_id = '" + product + "'"))
        .isEqualTo(50);
    // Crossing the threshold (5) once: one low-stock event.
    assertThat(app.db.count("SELECT count(*) FROM inventory.outbox WHERE type = 'mercato.inventory.low-stock.v1' "
        + "AND subject = '" + product + "'")).isEqualTo(1);
  }

  @Test
  void multiLineReservationsAcrossTwoWarehousesAreAllOrNothing() {
    UUID a = fx.product(sellerId, "multi-a", 0);
    UUID b = fx.product(sellerId, "multi-b", 0);
    UUID w1 = fx.warehouse(seller, "North", 1);
    UUID w2 = fx.warehouse(seller, "South", 2);
    fx.setStock(seller, a, w1, 30);
    fx.setStock(seller, a, w2, 20);
    fx.setStock(seller, b, w1, 10);
    fx.setStock(seller, b, w2, 30);
    List<Future<Object>> calls = new ArrayList<>();
    long started = System.nanoTime();
    for (int i = 0; i < 200; i++) {
      // Lines in both orders: the fixed lock order must keep them from deadlocking.
      calls.add(fx.reserve(i % 2 == 0 ? order(UUID.randomUUID(), a, 1, b, 1) : order(UUID.randomUUID(), b, 1, a, 1)));
    }
    Await.result(Future.join(calls).otherwiseEmpty());
    LOG.info("200 concurrent two-line reservations across two warehouses: {} ms", (System.nanoTime() - started) / 1_000_000);
    long ok = calls.stream().filter(Future::succeeded).count();
    for (Future<Object> call : calls) {
      if (call.failed()) {
        assertThat(call.cause()).isInstanceOf(Problem.class);
        assertThat(((Problem) call.cause()).slug()).isEqualTo("out-of-stock");
      }
    }
    assertThat(ok).isEqualTo(40); // b has 40 units in all
    String reservedA = app.db.column("SELECT sum(reserved) FROM inventory.stock WHERE product_id = '" + a + "'").get(0);
    String reservedB = app.db.column("SELECT sum(reserved) FROM inventory.stock WHERE product_id = '" + b + "'").get(0);
    assertThat(reservedA).isEqualTo("40");
    assertThat(reservedB).isEqualTo("40");
    // Every reservation holds exactly one a and one b: none is partial.
    assertThat(app.db.count("SELECT count(*) FROM (SELECT order_id FROM inventory.reservation_lines "
        + "WHERE product_id IN ('" + a + "', '" + b + "') GROUP BY order_id "
        + "HAVING sum(quantity) FILTER (WHERE product_id = '" + a + "') IS DISTINCT FROM 1 "
        + "OR sum(quantity) FILTER (WHERE product_id = '" + b + "') IS DISTINCT FROM 1) partial")).isZero();
    for (UUID p : List.of(a, b)) {
      for (UUID w : List.of(w1, w2)) {
        assertThat(fx.ledger(p, w)).isEqualTo(fx.row(p, w));
      }
    }
  }

  @Test
  void allocationPrefersOneWarehouseThenPriority() {
    UUID a = fx.product(sellerId, "alloc-a", 0);
    UUID b = fx.product(sellerId, "alloc-b", 0);
    UUID best = fx.warehouse(seller, "Best priority", -10);
    UUID all = fx.warehouse(seller, "Has everything", 50);
    fx.setStock(seller, a, best, 10);
    fx.setStock(seller, a, all, 10);
    fx.setStock(seller, b, all, 10);
    JsonObject reserved = (JsonObject) Await.result(fx.reserve(order(UUID.randomUUID(), a, 2, b, 2)));
    assertThat(reserved.getJsonArray("allocations").stream().map(o -> ((JsonObject) o).getString("warehouseId")))
        .containsOnly(all.toString()).hasSize(2);
    JsonObject single = (JsonObject) Await.result(fx.reserve(order(UUID.randomUUID(), a, 1)));
    assertThat(single.getJsonArray("allocations").getJsonObject(0).getString("warehouseId")).isEqualTo(best.toString());
    JsonObject split = (JsonObject) Await.result(fx.reserve(order(UUID.randomUUID(), a, 12)));
    assertThat(split.getJsonArray("allocations")).hasSize(2);
  }

  @Test
  void outOfStockNamesTheShortLinesAndReservesNothing() {
    UUID a = fx.product(sellerId, "short-a", 0);
    UUID b = fx.product(sellerId, "short-b", 0);
    UUID w = fx.warehouse(seller, "Short", 1);
    fx.setStock(seller, a, w, 5);
    fx.setStock(seller, b, w, 1);
    UUID orderId = UUID.randomUUID();
    Problem problem = fx.problem("mercato.inventory.reserve-stock", null, order(orderId, a, 2, b, 3));
    assertThat(problem.status()).isEqualTo(409);
    assertThat(problem.slug()).isEqualTo("out-of-stock");
    assertThat(problem.errors()).extracting(Problem.FieldError::pointer).containsExactly("/lines/1");
    assertThat(fx.row(a, w)).isEqualTo("5/0");
    assertThat(status(orderId)).isNull();
  }

  @Test
  void replaceSwapsAReservationAllOrNothing() {
    UUID a = fx.product(sellerId, "swap-a", 0);
    UUID b = fx.product(sellerId, "swap-b", 0);
    UUID w = fx.warehouse(seller, "Swap", 1);
    fx.setStock(seller, a, w, 5);
    fx.setStock(seller, b, w, 2);
    UUID order = UUID.randomUUID();
    Await.result(fx.reserve(order(order, a, 5)));
    // the kept product may take the units it held itself
    JsonObject lines = new JsonObject().put("orderId", order.toString()).put("lines", new JsonArray()
        .add(new JsonObject().put("productId", a.toString()).put("quantity", 4))
        .add(new JsonObject().put("productId", b.toString()).put("quantity", 2)));
    fx.ok("mercato.inventory.replace-stock", null, lines, null);
    assertThat(fx.row(a, w)).isEqualTo("5/4");
    assertThat(fx.row(b, w)).isEqualTo("2/2");
    JsonObject tooMany = new JsonObject().put("orderId", order.toString()).put("lines", new JsonArray()
        .add(new JsonObject().put("productId", b.toString()).put("quantity", 3)));
    assertThat(fx.problem("mercato.inventory.replace-stock", null, tooMany).slug()).isEqualTo("out-of-stock");
    assertThat(fx.row(a, w)).isEqualTo("5/4");
    assertThat(fx.row(b, w)).isEqualTo("2/2");
  }

  @Test
  void reserveReleaseAndCommitAreIdempotentByOrderId() {
    UUID a = fx.product(sellerId, "idem-a", 0);
    UUID w = fx.warehouse(seller, "Idem", 1);
    fx.setStock(seller, a, w, 10);
    UUID first = UUID.randomUUID();
    JsonObject one = (JsonObject) Await.result(fx.reserve(order(first, a, 3)));
    JsonObject again = (JsonObject) Await.result(fx.reserve(order(first, a, 3)));
    assertThat(again.getJsonArray("allocations")).isEqualTo(one.getJsonArray("allocations"));
    assertThat(again.getString("expiresAt")).isEqualTo(one.getString("expiresAt"));
    assertThat(fx.row(a, w)).isEqualTo("10/3");

    JsonObject release = new JsonObject().put("orderId", first.toString());
    fx.ok("mercato.inventory.release-stock", null, release, null);
    fx.ok("mercato.inventory.release-stock", null, release, null);
    assertThat(fx.row(a, w)).isEqualTo("10/0");
    assertThat(status(first)).isEqualTo("released");
    Problem late = fx.problem("mercato.inventory.commit-stock", null, release);
    assertThat(late.status()).isEqualTo(409);
    assertThat(late.slug()).isEqualTo("invalid-state");
    // Releasing an order never reserved is a no-op.
    fx.ok("mercato.inventory.release-stock", null, new JsonObject().put("orderId", UUID.randomUUID().toString()), null);

    UUID second = UUID.randomUUID();
    Await.result(fx.reserve(order(second, a, 4)));
    JsonObject commit = new JsonObject().put("orderId", second.toString());
    assertThat(fx.ok("mercato.inventory.commit-stock", null, commit, null).getString("status")).isEqualTo("committed");
    fx.ok("mercato.inventory.commit-stock", null, commit, null);
    assertThat(fx.row(a, w)).isEqualTo("6/0");
    // Releasing a committed order (cancelled after payment) puts its units back once.
    fx.ok("mercato.inventory.release-stock", null, commit, null);
    fx.ok("mercato.inventory.release-stock", null, commit, null);
    assertThat(fx.row(a, w)).isEqualTo("10/0");
    assertThat(status(second)).isEqualTo("returned");
    assertThat(fx.ledger(a, w)).isEqualTo("10/0");
    assertThat(app.db.column("SELECT reason FROM inventory.movements WHERE product_id = '" + a + "' ORDER BY id"))
        .containsExactly("set", "reserve", "release", "reserve", "commit", "return");

    JsonObject availability = fx.ok("mercato.inventory.get-availability", null,
        new JsonObject().put("productIds", new JsonArray().add(a.toString()).add(UUID.randomUUID().toString())), null);
    assertThat(availability.getJsonArray("items").getJsonObject(0).getInteger("available")).isEqualTo(10);
    assertThat(availability.getJsonArray("items").getJsonObject(1).getInteger("available")).isZero();
  }

  @Test
  void anExpiredReservationIsReleasedBySweeper() {
    UUID a = fx.product(sellerId, "expiry-a", 0);
    UUID w = fx.warehouse(seller, "Expiry", 1);
    fx.setStock(seller, a, w, 1);
    UUID orderId = UUID.randomUUID();
    Await.result(fx.reserve(order(orderId, a, 1).put("ttlSeconds", 1)));
    UUID kept = UUID.randomUUID();
    UUID b = fx.product(sellerId, "expiry-b", 0);
    fx.setStock(seller, b, w, 30);
    Await.result(fx.reserve(order(kept, b, 5))); // the default TTL (15 minutes) keeps this one
    List<UUID> many = new ArrayList<>();
    List<Future<Object>> calls = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      UUID id = UUID.randomUUID();
      many.add(id);
      calls.add(fx.reserve(order(id, b, 1).put("ttlSeconds", 1)));
    }
    Await.result(Future.all(calls));
    assertThat(fx.row(a, w)).isEqualTo("1/1");
    assertThat(fx.row(b, w)).isEqualTo("30/25");
    Await.until("the sweeper released them", Duration.ofSeconds(10),
        () -> "expired".equals(status(orderId)) && many.stream().allMatch(id -> "expired".equals(status(id))));
    assertThat(status(kept)).isEqualTo("active");
    assertThat(fx.row(a, w)).isEqualTo("1/0");
    assertThat(fx.row(b, w)).isEqualTo("30/5");
    assertThat(fx.ledger(a, w)).isEqualTo("1/0");
    assertThat(fx.ledger(b, w)).isEqualTo("30/5");
    assertThat(app.db.count("SELECT count(*) FROM inventory.outbox WHERE type = 'mercato.inventory.reservation-expired.v1' "
        + "AND subject = '" + orderId + "' AND data->>'orderId' = '" + orderId + "'")).isEqualTo(1);
    assertThat(app.db.count("SELECT count(*) FROM inventory.movements WHERE reason = 'expire' AND correlation_id = '"
        + orderId + "' AND actor = 'system:sweeper'")).isEqualTo(1);
    assertThat(app.db.count("SELECT count(*) FROM inventory.outbox WHERE type = 'mercato.inventory.back-in-stock.v1' "
        + "AND subject = '" + a + "'")).isEqualTo(2); // after the first set, and after the expiry
    Problem late = fx.problem("mercato.inventory.commit-stock", null, new JsonObject().put("orderId", orderId.toString()));
    assertThat(late.slug()).isEqualTo("invalid-state");
  }

  /** An order event as the relay delivers it to inventory's inbox (a fresh id unless given). */
  static JsonObject orderEvent(String type, UUID orderId) {
    return new JsonObject().put("specversion", "1.0").put("id", UUID.randomUUID().toString())
        .put("type", type).put("source", "/mercato/order").put("subject", orderId.toString())
        .put("time", "2026-01-01T00:00:00Z").put("data", new JsonObject().put("orderId", orderId.toString()));
  }

  @Test
  void orderPaidAndCancelledCommitAndReleaseOnceWhateverIsRedelivered() {
    UUID a = fx.product(sellerId, "events-a", 0);
    UUID w = fx.warehouse(seller, "Events", 1);
    fx.setStock(seller, a, w, 10);
    String paid = "mercato.order.paid.v1";
    String cancelled = "mercato.order.cancelled.v1";

    // paid: committed once, whether the same event comes again or the order writes another
    UUID first = UUID.randomUUID();
    Await.result(fx.reserve(order(first, a, 3)));
    JsonObject paidEvent = orderEvent(paid, first);
    assertThat(fx.deliver(paidEvent).getBoolean("handled")).isTrue();
    assertThat(fx.deliver(paidEvent).getBoolean("handled")).isFalse();
    fx.deliver(orderEvent(paid, first));
    assertThat(status(first)).isEqualTo("committed");
    assertThat(fx.row(a, w)).isEqualTo("7/0");
    // then cancelled (after payment): the units go back once
    JsonObject cancelEvent = orderEvent(cancelled, first);
    fx.deliver(cancelEvent);
    fx.deliver(cancelEvent);
    fx.deliver(orderEvent(cancelled, first));
    fx.deliver(orderEvent(paid, first)); // a paid event after the return commits nothing
    assertThat(status(first)).isEqualTo("returned");
    assertThat(fx.row(a, w)).isEqualTo("10/0");

    // cancelled before payment: released once, a late paid event commits nothing
    UUID second = UUID.randomUUID();
    Await.result(fx.reserve(order(second, a, 4)));
    fx.deliver(orderEvent(cancelled, second));
    fx.deliver(orderEvent(cancelled, second));
    fx.deliver(orderEvent(paid, second));
    assertThat(status(second)).isEqualTo("released");
    assertThat(fx.row(a, w)).isEqualTo("10/0");

    // expired before the paid event came: nothing committed (the order cancels itself on the expiry)
    UUID third = UUID.randomUUID();
    Await.result(fx.reserve(order(third, a, 2).put("ttlSeconds", 1)));
    Await.until("expired", Duration.ofSeconds(10), () -> "expired".equals(status(third)));
    fx.deliver(orderEvent(paid, third));
    fx.deliver(orderEvent(cancelled, third));
    assertThat(status(third)).isEqualTo("expired");
    assertThat(fx.row(a, w)).isEqualTo("10/0");
    assertThat(fx.ledger(a, w)).isEqualTo("10/0");
    assertThat(app.db.column("SELECT reason FROM inventory.movements WHERE product_id = '" + a + "' ORDER BY id"))
        .containsExactly("set", "reserve", "commit", "return", "reserve", "release", "reserve", "expire");
    // an order never reserved: both events are no-ops
    fx.deliver(orderEvent(paid, UUID.randomUUID()));
    fx.deliver(orderEvent(cancelled, UUID.randomUUID()));
  }

  @Test
  void concurrentPaidAndCancelledEventsOfManyOrdersNeverDriveStockNegative() {
    UUID a = fx.product(sellerId, "events-race", 0);
    UUID w = fx.warehouse(seller, "Events race", 1);
    fx.setStock(seller, a, w, 40);
    List<UUID> orders = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      UUID id = UUID.randomUUID();
      orders.add(id);
      Await.result(fx.reserve(order(id, a, 2)));
    }
    List<Future<?>> deliveries = new ArrayList<>();
    for (UUID id : orders) {
      // each event twice at once (two relays' redeliveries), paid and cancelled racing
      for (String type : List.of("mercato.order.paid.v1", "mercato.order.cancelled.v1")) {
        JsonObject event = orderEvent(type, id);
        for (int copy = 0; copy < 2; copy++) {
          deliveries.add(app.node.vertx().eventBus().request("mercato.inventory.inbox", event.copy())
              .recover(failure -> Future.succeededFuture()));
        }
      }
    }
    Await.result(Future.join(deliveries).otherwiseEmpty());
    // Some deliveries may have failed on a lock conflict and would be redelivered: deliver each order's pair again.
    for (UUID id : orders) {
      fx.deliver(orderEvent("mercato.order.paid.v1", id));
      fx.deliver(orderEvent("mercato.order.cancelled.v1", id));
    }
    for (UUID id : orders) {
      assertThat(status(id)).isIn("returned", "released");
    }
    assertThat(fx.row(a, w)).isEqualTo("40/0");
    assertThat(fx.ledger(a, w)).isEqualTo("40/0");
    long commits = app.db.count("SELECT count(*) FROM inventory.movements WHERE product_id = '" + a
        + "' AND reason = 'commit'");
    long returns = app.db.count("SELECT count(*) FROM inventory.movements WHERE product_id = '" + a
        + "' AND reason = 'return'");
    long releases = app.db.count("SELECT count(*) FROM inventory.movements WHERE product_id = '" + a
        + "' AND reason = 'release'");
    assertThat(commits).isEqualTo(returns);
    assertThat(commits + releases).isEqualTo(20);
  }

  @Test
  void invalidLinesAreA400WithPointers() {
    Problem problem = fx.problem("mercato.inventory.reserve-stock", null, new JsonObject()
        .put("orderId", UUID.randomUUID().toString())
        .put("lines", new JsonArray().add(new JsonObject().put("productId", UUID.randomUUID().toString()).put("quantity", -1))
            .add(new JsonObject().put("productId", "nope").put("quantity", 1))));
    assertThat(problem.status()).isEqualTo(400);
    assertThat(problem.errors()).extracting(Problem.FieldError::pointer)
        .containsExactly("/lines/0/quantity", "/lines/1/productId");
  }

  @Test
  void aRedeliveredCatalogEventChangesNothingAndDeletionHidesTheProduct() {
    UUID product = UUID.randomUUID();
    JsonObject event = new JsonObject().put("specversion", "1.0").put("id", UUID.randomUUID().toString())
        .put("type", "mercato.catalog.product-created.v1").put("source", "/mercato/catalog")
        .put("subject", product.toString()).put("time", "2026-01-01T00:00:00Z")
        .put("data", new JsonObject().put("productId", product.toString()).put("sellerId", sellerId.toString())
            .put("sku", "redelivered").put("lowStockThreshold", 7));
    assertThat(fx.deliver(event).getBoolean("handled")).isTrue();
    assertThat(fx.deliver(event).getBoolean("handled")).isFalse();
    assertThat(app.db.column("SELECT low_stock_threshold FROM inventory.products WHERE product_id = '" + product + "'"))
        .containsExactly("7");
    JsonObject params = new JsonObject().put("product_id", product.toString());
    assertThat(fx.ok("mercato.inventory.get-product-stock", null, null, params).getInteger("available")).isZero();
    fx.deliver("mercato.catalog.product-deleted.v1", product.toString(), new JsonObject()
        .put("productId", product.toString()).put("sellerId", sellerId.toString()).put("sku", "redelivered"));
    Problem gone = fx.problem("mercato.inventory.get-product-stock", null, null, params);
    assertThat(gone.status()).isEqualTo(404);
  }
}
