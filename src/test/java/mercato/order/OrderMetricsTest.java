package mercato.order;

import static mercato.order.Shop.line;
import static mercato.order.Shop.order;
import static mercato.order.Shop.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import mercato.order.api.OrderAddresses;
import mercato.testing.Await;
import mercato.testing.Scrape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The checkout's own metrics on the whole checkout: orders placed and payments settled
 * count each committed fact once (never a replay, a refusal or a repeated gateway answer),
 * the active reservations gauge follows the table, product reads count cache hits.
 */
class OrderMetricsTest {
  static final String PLACED = "mercato_order_placed_total";
  static final String SETTLED = "mercato_payment_settled_total";
  static final String OPERATION_COUNT = "mercato_operation_duration_seconds_count";
  static Shop shop;

  @BeforeAll
  static void start() {
    shop = new Shop(Shop.checkout().set("metrics.refreshMs", "200"));
  }

  @AfterAll
  static void stop() {
    if (shop != null) {
      shop.close();
    }
  }

  @Test
  void placedAndSettledCountersMoveOncePerCommittedFact() {
    Shop.Seller seller = shop.seller();
    String pen = shop.product(seller, "Metered pen", 250, 10);
    String customer = shop.customer();
    Scrape before = Scrape.of(shop.app);

    String key = UUID.randomUUID().toString();
    HttpResponse<Buffer> first = shop.place(customer, order(line(pen, 1)), key);
    status(first, 201);
    HttpResponse<Buffer> replay = shop.place(customer, order(line(pen, 1)), key);
    status(replay, 201);
    String paid = first.bodyAsJsonObject().getString("orderId");
    assertThat(replay.bodyAsJsonObject().getString("orderId")).isEqualTo(paid);
    status(shop.place(customer, order(line(pen, 100)), null), 409); // out of stock: nothing placed
    String declined = shop.placed(customer, order(line(pen, 2))).getString("orderId");

    String payKey = UUID.randomUUID().toString();
    status(shop.pay(customer, paid, "tok_visa", payKey), 201);
    status(shop.pay(customer, paid, "tok_visa", payKey), 201); // the same payment, answered again
    shop.await(customer, paid, "paid");
    status(shop.pay(customer, declined, "tok_declined", null), 201);
    shop.await(customer, declined, "payment_failed");

    Scrape after = Scrape.of(shop.app);
    assertThat(after.value(PLACED) - before.value(PLACED)).isEqualTo(2);
    assertThat(after.value(SETTLED, "outcome", "captured", "gateway", "test")
        - before.value(SETTLED, "outcome", "captured", "gateway", "test")).isEqualTo(1);
    assertThat(after.value(SETTLED, "outcome", "failed", "gateway", "test")
        - before.value(SETTLED, "outcome", "failed", "gateway", "test")).isEqualTo(1);
    // The refused placement is the domain's problem answer, timed as such.
    String[] refused = {"address", OrderAddresses.PLACE_ORDER, "outcome", "problem"};
    assertThat(after.sum(OPERATION_COUNT, refused) - before.sum(OPERATION_COUNT, refused)).isEqualTo(1);
  }

  @Test
  void activeReservationsFollowTheTable() {
    Shop.Seller seller = shop.seller();
    String cup = shop.product(seller, "Reserved cup", 300, 10);
    String customer = shop.customer();
    shop.placed(customer, order(line(cup, 1)));
    shop.placed(customer, order(line(cup, 1)));
    String active = "SELECT count(*) FROM inventory.reservations WHERE status = 'active'";
    assertThat(shop.app.db.count(active)).isGreaterThanOrEqualTo(2);
    // Read the table on each try: another test's paid order may still be committing its reservation.
    Await.until("the gauge shows the active reservations", Duration.ofSeconds(15),
        () -> Scrape.of(shop.app).value("mercato_inventory_active_reservations") == shop.app.db.count(active));
  }

  @Test
  void productReadsCountTheirCacheHits() {
    Shop.Seller seller = shop.seller();
    String ink = shop.product(seller, "Cached ink", 900, 10);
    String[] hit = {"cache", "catalog-product", "result", "hit"};
    String[] miss = {"cache", "catalog-product", "result", "miss"};
    Scrape before = Scrape.of(shop.app);
    status(shop.app.api.get("/products/" + ink, null), 200);
    status(shop.app.api.get("/products/" + ink, null), 200);
    Scrape after = Scrape.of(shop.app);
    double hits = after.value("mercato_cache_requests_total", hit) - before.value("mercato_cache_requests_total", hit);
    double misses = after.value("mercato_cache_requests_total", miss)
        - before.value("mercato_cache_requests_total", miss);
    assertThat(hits + misses).isEqualTo(2);
    assertThat(hits).as("the second read is served from memory").isGreaterThanOrEqualTo(1);
  }
}
