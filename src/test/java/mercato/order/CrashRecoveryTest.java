package mercato.order;

import static mercato.order.Shop.line;
import static mercato.order.Shop.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import mercato.platform.webhooks.WebhookSignature;
import mercato.testing.Api;
import mercato.testing.Await;
import mercato.testing.Services;
import mercato.testing.TestDatabase;
import mercato.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Mercato as its own process, killed with SIGKILL: orders are placed and paid by the
 * asynchronous test card while more placements are in flight; the process dies before the
 * gateway's webhooks arrive; it is started again, the webhooks are delivered, and every
 * order that was answered 2xx exists, reaches paid, and has its stock committed once.
 */
class CrashRecoveryTest {
  static final String SECRET = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
  TestDatabase db;
  TestTokens tokens;
  Process process;
  Path conf;
  Path log;
  int port;

  @AfterEach
  void stop() throws Exception {
    if (process != null) {
      process.destroyForcibly().waitFor();
    }
    if (tokens != null) {
      tokens.close();
    }
    if (db != null) {
      db.close();
    }
  }

  /** Starts Mercato from the test classpath as a separate JVM and waits until it is ready. */
  void launch() throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "-Dmercato.http.port=" + port, "-Dmercato.http.management.port=0", "-Dmercato.db.database=" + db.name(), "-Dmercato.kafka.enabled=false",
        "-Dmercato.roles=http,catalog,inventory,cart,order,payment", "-Dmercato.http.contract=openapi.yaml",
        "-Dmercato.payment.asyncConfirmMs=0", "-Dmercato.payment.testWebhookSecret=" + SECRET,
        "-Dmercato.events.sweepMs=200", "-Dmercato.order.idempotencyLeaseMs=1000",
        "-Dmercato.http.rateLimits.default.capacity=100000", "-Dmercato.http.rateLimits.default.refillPerSecond=100000",
        "mercato.Main", "-conf", conf.toString()));
    process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    // A short timeout per probe: a request the starting node never answers fails here and is
    // tried again, instead of waiting out Await.result's minute and escaping as an AssertionError.
    Api probe = new Api(port, Duration.ofSeconds(5));
    try {
      Await.until("Mercato ready on " + port + " (log " + log + ")", Duration.ofSeconds(90), () -> {
        if (!process.isAlive()) {
          throw new IllegalStateException("Mercato exited; its output is in " + log);
        }
        try {
          return probe.get("/health/ready", null).statusCode() == 200;
        } catch (Exception notYet) { // refused, reset or timed out: the node is not up yet
          return false;
        }
      });
    } finally {
      probe.close();
    }
  }

  @Test
  void everyAnsweredOrderSurvivesSigkillAndIsPaidOnceTheWebhooksArrive() throws Exception {
    Services.require("postgres", "redis");
    db = TestDatabase.create();
    tokens = new TestTokens("crash-" + UUID.randomUUID().toString().substring(0, 6));
    conf = Files.createTempFile("mercato-crash", ".yaml");
    Files.writeString(conf, tokens.yaml());
    log = Files.createTempFile("mercato-crash", ".log");
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    launch();
    Api api = new Api(port);
    String sellerId = UUID.randomUUID().toString();
    String seller = sign(sellerId, "company");
    String warehouse = api.post("/warehouses", seller, new JsonObject().put("name", "W").put("capacity", 100000)
        .put("priority", 1).put("location", new JsonObject().put("line1", "1 Quay").put("city", "Bremen")
            .put("postalCode", "28195").put("country", "DE"))).bodyAsJsonObject().getString("id");
    String product = api.post("/products", seller, new JsonObject().put("name", "Crate").put("sku", "CRATE-1")
        .put("status", "active").put("price", new JsonObject().put("amount", 700).put("currency", "EUR")))
        .bodyAsJsonObject().getString("id");
    Await.until("stock set", Duration.ofSeconds(10), () -> api.put("/inventory/product/" + product + "/stock", seller,
        new JsonObject().put("warehouseId", warehouse).put("onHand", 1000)).statusCode() == 200);

    // Ten orders placed and paid with the asynchronous card: pending until the webhook.
    Map<String, String> customers = new ConcurrentHashMap<>();
    List<String> payments = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String customerId = UUID.randomUUID().toString();
      String customer = sign(customerId, "customer");
      HttpResponse<Buffer> placed = place(api, customer, "k-" + i);
      assertThat(placed.statusCode()).as(placed.bodyAsString()).isEqualTo(201);
      String orderId = placed.bodyAsJsonObject().getString("orderId");
      customers.put(orderId, customer);
      HttpResponse<Buffer> paid = api.post("/payments", customer, new JsonObject().put("orderId", orderId)
          .put("paymentMethod", new JsonObject().put("type", "card").put("token", "tok_async")));
      assertThat(paid.bodyAsJsonObject().getString("status")).isEqualTo("pending");
      payments.add(paid.bodyAsJsonObject().getString("paymentId"));
    }

    // More placements in flight when the process is killed: whatever was answered 2xx must exist.
    Map<String, String> answered = new ConcurrentHashMap<>();
    Map<String, String> attempts = new ConcurrentHashMap<>();
    AtomicBoolean running = new AtomicBoolean(true);
    Thread traffic = new Thread(() -> {
      Api client = new Api(port);
      for (int i = 0; running.get(); i++) {
        try {
          String customer = sign(UUID.randomUUID().toString(), "customer");
          attempts.put("f-" + i, customer);
          HttpResponse<Buffer> placed = place(client, customer, "f-" + i);
          if (placed.statusCode() / 100 == 2) {
            answered.put(placed.bodyAsJsonObject().getString("orderId"), "f-" + i);
          }
        } catch (Exception refused) {
          // the process is gone: no answer, nothing promised
        }
      }
      client.close();
    }, "placements");
    traffic.start();
    Await.until("placements under way", Duration.ofSeconds(20), () -> answered.size() >= 5);
    process.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no drain
    running.set(false);
    traffic.join();
    api.close();

    launch();
    Api after = new Api(port);
    for (String orderId : answered.keySet()) {
      assertThat(db.count("SELECT count(*) FROM \"order\".orders WHERE id = '" + orderId + "'"))
          .as("answered order " + orderId).isEqualTo(1);
    }

    // A placement cut off by the kill left its Idempotency-Key claimed (and maybe its stock
    // reserved): the client's retry with the same key takes the claim over and finishes that
    // same order.
    List<String> cutOff = db.column("SELECT key FROM \"order\".idempotency_keys WHERE response IS NULL");
    System.out.println("placements cut off by the kill: " + cutOff.size() + ", answered during the run: " + answered.size());
    for (String key : cutOff) {
      String claimed = db.column("SELECT ids[1] FROM \"order\".idempotency_keys WHERE key = '" + key + "'").get(0);
      HttpResponse<Buffer> retried = place(after, attempts.get(key), key);
      assertThat(retried.statusCode()).as(retried.bodyAsString()).isEqualTo(201);
      assertThat(retried.bodyAsJsonObject().getString("orderId")).isEqualTo(claimed);
    }

    long now = System.currentTimeMillis() / 1000;
    for (String paymentId : payments) {
      String reference = db.column("SELECT gateway_reference FROM payment.payments WHERE id = '" + paymentId + "'")
          .get(0);
      String body = new JsonObject().put("type", "payment.succeeded")
          .put("data", new JsonObject().put("gatewayReference", reference)).encode();
      String id = "msg_" + paymentId;
      MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json")
          .add("webhook-id", id).add("webhook-timestamp", Long.toString(now))
          .add("webhook-signature", WebhookSignature.sign(SECRET, id, now, body));
      assertThat(after.http().send(HttpMethod.POST, "/payments/webhook/test", headers, Buffer.buffer(body))
          .statusCode()).isEqualTo(200);
    }
    for (Map.Entry<String, String> order : customers.entrySet()) {
      Await.until("order " + order.getKey() + " paid", Duration.ofSeconds(30), () -> "paid".equals(
          after.get("/orders/" + order.getKey(), order.getValue()).bodyAsJsonObject().getString("status")));
    }
    String ids = String.join("','", customers.keySet());
    assertThat(db.count("SELECT count(*) FROM inventory.movements WHERE reason = 'commit' AND correlation_id IN ('"
        + ids + "')")).isEqualTo(10);
    assertThat(db.count("SELECT count(*) FROM inventory.reservations WHERE status = 'committed'")).isEqualTo(10);
    long unpaid = db.count("SELECT count(*) FROM \"order\".orders WHERE status = 'pending_payment'");
    assertThat(db.count("SELECT sum(on_hand) FROM inventory.stock")).isEqualTo(1000 - 2 * 10);
    assertThat(db.count("SELECT sum(reserved) FROM inventory.stock")).isEqualTo(2 * unpaid);
    after.close();
  }

  String sign(String sub, String typ) {
    return tokens.sign(new JsonObject().put("sub", sub).put("typ", typ).put("roles", new JsonArray())
        .put("email_verified", true), 3600);
  }

  HttpResponse<Buffer> place(Api api, String customer, String key) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer " + customer)
        .add("Content-Type", "application/json").add("Idempotency-Key", key);
    JsonObject body = order(line(productOf(), 2));
    return api.http().send(HttpMethod.POST, "/orders", headers, body.toBuffer());
  }

  String productId;

  String productOf() {
    if (productId == null) {
      productId = db.column("SELECT id FROM catalog.products LIMIT 1").get(0);
    }
    return productId;
  }
}
