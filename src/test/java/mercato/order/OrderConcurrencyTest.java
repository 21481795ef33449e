package mercato.order;

import static mercato.order.Shop.line;
import static mercato.order.Shop.order;
import static mercato.order.Shop.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import mercato.testing.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The checkout under concurrency, over HTTP on the real domains: one Idempotency-Key sent
 * ten times at once, a flash sale of 200 customers for 50 units, 50 partial refunds racing
 * past the capture.
 */
class OrderConcurrencyTest {
  static Shop shop;

  @BeforeAll
  static void start() {
    shop = new Shop(Shop.checkout()
        .set("http.rateLimits.default.capacity", "100000").set("http.rateLimits.default.refillPerSecond", "100000"));
  }

  @AfterAll
  static void stop() {
    if (shop != null) {
      shop.close();
    }
  }

  static <T> List<T> all(int threads, List<Callable<T>> calls) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<T> out = new ArrayList<>();
      for (Future<T> f : pool.invokeAll(calls)) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void oneIdempotencyKeySentTenTimesPlacesAndChargesOnce() throws Exception {
    Shop.Seller seller = shop.seller();
    String p = shop.product(seller, "Kite", 1999, 20);
    String customer = shop.customer();
    JsonObject body = order(line(p, 3));
    List<Callable<HttpResponse<Buffer>>> places = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      places.add(() -> shop.place(customer, body, "order-key-1"));
    }
    List<HttpResponse<Buffer>> answers = all(10, places);
    answers.forEach(a -> status(a, 201));
    assertThat(answers.stream().map(a -> a.bodyAsJsonObject().getString("orderId")).distinct()).hasSize(1);
    String orderId = answers.get(0).bodyAsJsonObject().getString("orderId");
    assertThat(answers.stream().filter(a -> "true".equals(a.getHeader("Idempotent-Replayed")))).hasSize(9);
    assertThat(shop.app.db.count("SELECT count(*) FROM \"order\".orders")).isGreaterThanOrEqualTo(1);
    assertThat(shop.app.db.count("SELECT count(*) FROM \"order\".orders WHERE account_id = (SELECT account_id FROM"
        + " \"order\".orders WHERE id = '" + orderId + "')")).isEqualTo(1);
    assertThat(shop.app.db.count("SELECT count(*) FROM inventory.reservations WHERE order_id = '" + orderId + "'"))
        .isEqualTo(1);
    assertThat(shop.stock(p)).containsExactly(20, 3);
    // the same key with another body is refused
    HttpResponse<Buffer> reused = shop.place(customer, order(line(p, 4)), "order-key-1");
    status(reused, 409);
    assertThat(reused.bodyAsJsonObject().getString("type")).endsWith("idempotency-key-reused");

    List<Callable<HttpResponse<Buffer>>> pays = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      pays.add(() -> shop.pay(customer, orderId, "tok_visa", "pay-key-1"));
    }
    List<HttpResponse<Buffer>> paid = all(10, pays);
    paid.forEach(a -> status(a, 201));
    assertThat(paid.stream().map(a -> a.bodyAsJsonObject().getString("paymentId")).distinct()).hasSize(1);
    assertThat(shop.app.db.count("SELECT count(*) FROM payment.payment_transactions t JOIN payment.payments p"
        + " ON p.id = t.payment_id WHERE p.order_id = '" + orderId + "' AND t.kind = 'capture'")).isEqualTo(1);
    shop.await(customer, orderId, "paid");
  }

  @Test
  void aFlashSaleOfTwoHundredCustomersSellsExactlyTheFiftyUnits() throws Exception {
    Shop.Seller seller = shop.seller();
    String hot = shop.product(seller, "Limited Sneaker", 12000, 50);
    List<Callable<HttpResponse<Buffer>>> buyers = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String customer = shop.customer();
      buyers.add(() -> shop.place(customer, order(line(hot, 1)), null));
    }
    List<HttpResponse<Buffer>> answers = all(64, buyers);
    long placed = answers.stream().filter(a -> a.statusCode() == 201).count();
    long refused = answers.stream().filter(a -> a.statusCode() == 409).count();
    assertThat(placed).as(answers.stream().map(HttpResponse::statusCode).distinct().toList().toString())
        .isEqualTo(50);
    assertThat(refused).isEqualTo(150);
    assertThat(shop.stock(hot)).containsExactly(50, 50);
    assertThat(shop.app.db.count("SELECT count(*) FROM \"order\".order_lines WHERE product_id = '" + hot + "'"))
        .isEqualTo(50);
  }

  @Test
  void fiftyConcurrentPartialRefundsNeverExceedTheCapture() throws Exception {
    Shop.Seller seller = shop.seller();
    String p = shop.product(seller, "Tent", 2000, 5);
    String customer = shop.customer();
    String orderId = shop.placed(customer, order(line(p, 1))).getString("orderId");
    String paymentId = shop.pay(customer, orderId, "tok_visa", null).bodyAsJsonObject().getString("paymentId");
    shop.await(customer, orderId, "paid");
    String admin = shop.admin();
    List<Callable<Integer>> refunds = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      refunds.add(() -> shop.app.api.post("/payment/refund", admin, new JsonObject().put("paymentId", paymentId)
          .put("amount", new JsonObject().put("amount", 150).put("currency", "EUR"))).statusCode());
    }
    List<Integer> statuses = all(50, refunds);
    assertThat(statuses.stream().filter(s -> s == 201 || s == 200).count()).isEqualTo(13); // 13 x 150 <= 2000
    assertThat(shop.app.db.count("SELECT refunded FROM payment.payments WHERE id = '" + paymentId + "'"))
        .isEqualTo(1950);
    Await.until("order follows the refunds", Duration.ofSeconds(15), () -> {
      JsonObject read = shop.read(customer, orderId);
      return read.getJsonObject("payment").getJsonObject("refunded").getLong("amount") == 1950
          && read.getString("status").equals("partially_refunded");
    });
  }
}
