package mercato.inventory;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import mercato.platform.bus.Principal;
import mercato.testing.Await;
import mercato.testing.TestNode;

/**
 * Reservations per second through the bus on one node: {@code CONCURRENCY} requests in
 * flight, each reserving one to three lines of one unit across ten products stocked in
 * two warehouses. Compare with pgbench's TPC-B-like tps measured in the same run (the
 * durable-commit ceiling): {@code java -cp ... mercato.inventory.ReservationRate [N] [CONCURRENCY]}.
 */
public final class ReservationRate {
  private ReservationRate() {}

  public static void main(String[] args) {
    int total = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    try (TestNode app = TestNode.of(InventoryDomain.domain()).set("db.poolSize", "8").start()) {
      InventoryFixture fixture = new InventoryFixture(app);
      UUID sellerId = UUID.randomUUID();
      Principal seller = InventoryFixture.seller(sellerId);
      UUID first = fixture.warehouse(seller, "A", 1);
      UUID second = fixture.warehouse(seller, "B", 2);
      List<UUID> products = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        UUID product = fixture.product(sellerId, "SKU-" + i, 0);
        fixture.setStock(seller, product, first, 1_000_000);
        fixture.setStock(seller, product, second, 1_000_000);
        products.add(product);
      }
      run(fixture, products, concurrency, Math.min(total, 500));
      long started = System.nanoTime();
      int failed = run(fixture, products, concurrency, total);
      double seconds = (System.nanoTime() - started) / 1e9;
      System.out.printf("reservations: %d in %.2f s = %.0f/s (concurrency %d, %d failed)%n",
          total, seconds, total / seconds, concurrency, failed);
    }
  }

  private static int run(InventoryFixture fixture, List<UUID> products, int concurrency, int total) {
    AtomicInteger issued = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    List<Future<Void>> workers = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      Promise<Void> done = Promise.promise();
      next(fixture, products, issued, failed, total, done);
      workers.add(done.future());
    }
    Await.result(Future.all(workers));
    return failed.get();
  }

  private static void next(InventoryFixture fixture, List<UUID> products, AtomicInteger issued, AtomicInteger failed,
      int total, Promise<Void> done) {
    if (issued.incrementAndGet() > total) {
      done.complete();
      return;
    }
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int lines = 1 + random.nextInt(3);
    List<Object> order = new ArrayList<>();
    for (int i = 0; i < lines; i++) {
      order.add(products.get((random.nextInt(products.size()) + i) % products.size()));
      order.add(1);
    }
    JsonObject body = InventoryFixture.order(UUID.randomUUID(), order.toArray());
    fixture.call("mercato.inventory.reserve-stock", null, body, null).onComplete(result -> {
      if (result.failed()) {
        failed.incrementAndGet();
      }
      next(fixture, products, issued, failed, total, done);
    });
  }
}
