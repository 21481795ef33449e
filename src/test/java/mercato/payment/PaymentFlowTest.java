package mercato.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import mercato.auth.AuthDomain;
import mercato.platform.bus.Problem;
import mercato.platform.webhooks.WebhookSignature;
import mercato.testing.Await;
import mercato.testing.HttpClient;
import mercato.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Payments over HTTP against the real database, with a test stand-in for the order
 * domain's get-order-for-payment: the test gateway's tokens, idempotency, signed webhooks,
 * refunds capped by the capture under concurrency, sellers' groups, cancelled orders.
 */
class PaymentFlowTest {
  static final String SECRET = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
  static TestNode app;
  static HttpClient http;
  static final Map<String, JsonObject> ORDERS = new ConcurrentHashMap<>();

  @BeforeAll
  static void start() {
    app = TestNode.of(AuthDomain.domain(), PaymentDomain.domain()).withKeys().quickAuth()
        .set("http.contract", "openapi.yaml")
        .set("payment.testWebhookSecret", SECRET)
        .set("payment.delayedMs", "100")
        .set("payment.asyncConfirmMs", "0")
        .start();
    http = new HttpClient(app.node.httpPort());
    Await.result(app.node.vertx().eventBus().<JsonObject>consumer("mercato.order.get-order-for-payment",
        PaymentFlowTest::order).completion());
  }

  @AfterAll
  static void stop() {
    if (http != null) {
      http.close();
    }
    if (app != null) {
      app.close();
    }
  }

  /** The stand-in: orders the test made up, owned by their account; anything else 404. */
  static void order(Message<JsonObject> message) {
    JsonObject body = message.body().getJsonObject("body");
    JsonObject order = ORDERS.get(body.getString("orderId"));
    if (order == null || !order.getString("accountId").equals(body.getString("accountId"))) {
      message.fail(404, Problem.notFound("No such order.").encode());
      return;
    }
    message.reply(order);
  }

  static String customer(UUID id) {
    return token(id.toString(), "customer");
  }

  static String token(String sub, String typ) {
    return app.tokens.sign(new JsonObject().put("sub", sub).put("typ", typ).put("roles", new JsonArray())
        .put("email_verified", true), 600);
  }

  static UUID newOrder(UUID account, long total, String status, JsonArray groups) {
    UUID id = UUID.randomUUID();
    ORDERS.put(id.toString(), new JsonObject().put("orderId", id.toString()).put("accountId", account.toString())
        .put("status", status).put("total", new JsonObject().put("amount", total).put("currency", "EUR"))
        .put("groups", groups == null ? new JsonArray() : groups));
    return id;
  }

  static HttpResponse<Buffer> pay(String token, UUID orderId, String card, String key) {
    MultiMap headers = HttpClient.auth(token).add("Content-Type", "application/json");
    if (key != null) {
      headers.add("Idempotency-Key", key);
    }
    JsonObject body = new JsonObject().put("orderId", orderId.toString())
        .put("paymentMethod", new JsonObject().put("type", "card").put("token", card));
    return http.send(HttpMethod.POST, "/payments", headers, body.toBuffer());
  }

  static HttpResponse<Buffer> webhook(String id, long timestamp, String body, String signature) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json")
        .add("webhook-id", id).add("webhook-timestamp", Long.toString(timestamp)).add("webhook-signature", signature);
    return http.send(HttpMethod.POST, "/payments/webhook/test", headers, Buffer.buffer(body));
  }

  static HttpResponse<Buffer> refund(String token, String paymentId, long amount, String groupId) {
    JsonObject body = new JsonObject().put("paymentId", paymentId)
        .put("amount", new JsonObject().put("amount", amount).put("currency", "EUR"));
    if (groupId != null) {
      body.put("groupId", groupId);
    }
    return app.api.post("/payment/refund", token, body);
  }

  static long count(String sql) {
    return app.db.count(sql);
  }

  @Test
  void syncOutcomes() {
    UUID alice = UUID.randomUUID();
    String token = customer(alice);
    UUID order = newOrder(alice, 2599, "pending_payment", null);
    HttpResponse<Buffer> paid = pay(token, order, "tok_visa", null);
    assertThat(paid.statusCode()).as(paid.bodyAsString()).isEqualTo(201);
    JsonObject answer = paid.bodyAsJsonObject();
    assertThat(answer.getString("status")).isEqualTo("captured");
    assertThat(answer.getJsonObject("amount").getLong("amount")).isEqualTo(2599);
    assertThat(count("SELECT count(*) FROM payment.outbox WHERE type = 'mercato.payment.captured.v1' AND subject = '"
        + order + "'")).isEqualTo(1);
    // a second payment of a paid order is refused
    assertThat(pay(token, order, "tok_visa", null).statusCode()).isEqualTo(409);

    JsonObject read = app.api.get("/payment/" + answer.getString("paymentId"), token).bodyAsJsonObject();
    assertThat(read.getJsonArray("transactions").stream().map(t -> ((JsonObject) t).getString("kind")).toList())
        .containsExactly("authorization", "capture");
    assertThat(app.api.get("/payments/" + answer.getString("paymentId"), customer(UUID.randomUUID())).statusCode())
        .isEqualTo(404);
    assertThat(app.api.get("/payments/" + answer.getString("paymentId"), token(UUID.randomUUID().toString(), "admin")).statusCode())
        .isEqualTo(200);
    JsonObject mine = app.api.get("/payments?limit=5", token).bodyAsJsonObject();
    assertThat(mine.getJsonArray("items")).hasSize(1);

    UUID declinedOrder = newOrder(alice, 100, "pending_payment", null);
    HttpResponse<Buffer> declined = pay(token, declinedOrder, "tok_declined", null);
    assertThat(declined.statusCode()).isEqualTo(201);
    assertThat(declined.bodyAsJsonObject().getString("status")).isEqualTo("failed");
    assertThat(count("SELECT count(*) FROM payment.outbox WHERE type = 'mercato.payment.failed.v1' AND subject = '"
        + declinedOrder + "'")).isEqualTo(1);

    UUID flaky = newOrder(alice, 100, "pending_payment", null);
    HttpResponse<Buffer> network = pay(token, flaky, "tok_network_error", "k-" + flaky);
    assertThat(network.statusCode()).isEqualTo(503);
    assertThat(count("SELECT count(*) FROM payment.payments WHERE order_id = '" + flaky + "' AND captured > 0"))
        .isZero();
    assertThat(count("SELECT count(*) FROM payment.outbox WHERE subject = '" + flaky + "' AND type <> 'x'")).isZero();
    // retryable: the failed attempt released the order (and its key); another card goes through
    assertThat(pay(token, flaky, "tok_network_error", "k-" + flaky).statusCode()).isEqualTo(503);
    HttpResponse<Buffer> retried = pay(token, flaky, "tok_delayed", "k2-" + flaky);
    assertThat(retried.bodyAsJsonObject().getString("status")).isEqualTo("captured");

    assertThat(pay(token, UUID.randomUUID(), "tok_visa", null).statusCode()).isEqualTo(404);
    assertThat(pay(customer(UUID.randomUUID()), order, "tok_visa", null).statusCode()).isEqualTo(404);
    UUID paidAlready = newOrder(alice, 100, "paid", null);
    assertThat(pay(token, paidAlready, "tok_visa", null).statusCode()).isEqualTo(409);
  }

  @Test
  void asyncWebhook() {
    UUID bob = UUID.randomUUID();
    UUID order = newOrder(bob, 5000, "pending_payment", null);
    JsonObject answer = pay(customer(bob), order, "tok_async", null).bodyAsJsonObject();
    assertThat(answer.getString("status")).isEqualTo("pending");
    String paymentId = answer.getString("paymentId");
    String reference = app.db.column("SELECT gateway_reference FROM payment.payments WHERE id = '" + paymentId + "'")
        .get(0);
    String body = new JsonObject().put("type", "payment.succeeded")
        .put("data", new JsonObject().put("gatewayReference", reference)).encode();
    long now = System.currentTimeMillis() / 1000;

    // forged and stale are refused and change nothing
    assertThat(webhook("msg_forged", now, body, WebhookSignature.sign(
        "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13,
            14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24}), "msg_forged", now, body)).statusCode()).isEqualTo(401);
    assertThat(webhook("msg_stale", now - 301, body, WebhookSignature.sign(SECRET, "msg_stale", now - 301, body))
        .statusCode()).isEqualTo(401);
    String tampered = body.replace("succeeded", "failed");
    assertThat(webhook("msg_t", now, tampered, WebhookSignature.sign(SECRET, "msg_t", now, body)).statusCode())
        .isEqualTo(401);
    assertThat(app.db.column("SELECT status FROM payment.payments WHERE id = '" + paymentId + "'")).containsExactly("pending");
    assertThat(count("SELECT count(*) FROM payment.webhook_deliveries")).isZero();

    String signature = "v1,bm90LWl0 " + WebhookSignature.sign(SECRET, "msg_ok", now, body);
    HttpResponse<Buffer> first = webhook("msg_ok", now, body, signature);
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);
    assertThat(webhook("msg_ok", now, body, signature).bodyAsJsonObject().getBoolean("duplicate")).isTrue();
    assertThat(app.db.column("SELECT status FROM payment.payments WHERE id = '" + paymentId + "'"))
        .containsExactly("captured");
    assertThat(count("SELECT count(*) FROM payment.outbox WHERE type = 'mercato.payment.captured.v1' AND subject = '"
        + order + "'")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM payment.payment_transactions WHERE payment_id = '" + paymentId
        + "' AND kind = 'capture'")).isEqualTo(1);
  }

  @Test
  void asyncFailureByWebhook() {
    UUID gil = UUID.randomUUID();
    UUID order = newOrder(gil, 700, "pending_payment", null);
    String paymentId = pay(customer(gil), order, "tok_async", null).bodyAsJsonObject().getString("paymentId");
    String reference = app.db.column("SELECT gateway_reference FROM payment.payments WHERE id = '" + paymentId + "'")
        .get(0);
    String body = new JsonObject().put("type", "payment.failed")
        .put("data", new JsonObject().put("gatewayReference", reference).put("reason", "insufficient-funds")).encode();
    long now = System.currentTimeMillis() / 1000;
    String id = "msg_fail_" + paymentId;
    assertThat(webhook(id, now, body, WebhookSignature.sign(SECRET, id, now, body)).statusCode()).isEqualTo(200);
    assertThat(app.db.column("SELECT status FROM payment.payments WHERE id = '" + paymentId + "'"))
        .containsExactly("failed");
    assertThat(count("SELECT count(*) FROM payment.outbox WHERE type = 'mercato.payment.failed.v1' AND subject = '"
        + order + "'")).isEqualTo(1);
    // the order may be paid again after a failure
    assertThat(pay(customer(gil), order, "tok_visa", null).bodyAsJsonObject().getString("status"))
        .isEqualTo("captured");
  }

  @Test
  void idempotencyKeyUnderConcurrency() throws Exception {
    UUID carol = UUID.randomUUID();
    String token = customer(carol);
    UUID order = newOrder(carol, 1234, "pending_payment", null);
    ExecutorService pool = Executors.newFixedThreadPool(10);
    try {
      List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        calls.add(pool.submit(() -> pay(token, order, "tok_visa", "same-key")));
      }
      List<String> ids = new ArrayList<>();
      int replays = 0;
      for (Future<HttpResponse<Buffer>> call : calls) {
        HttpResponse<Buffer> response = call.get();
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
        ids.add(response.bodyAsJsonObject().getString("paymentId"));
        if ("true".equals(response.getHeader("Idempotent-Replayed"))) {
          replays++;
        }
      }
      assertThat(ids.stream().distinct().count()).isEqualTo(1);
      assertThat(replays).isEqualTo(9);
    } finally {
      pool.shutdownNow();
    }
    assertThat(count("SELECT count(*) FROM payment.payments WHERE order_id = '" + order + "'")).isEqualTo(1);
    HttpResponse<Buffer> other = pay(token, order, "tok_declined", "same-key");
    assertThat(other.statusCode()).isEqualTo(409);
    assertThat(other.bodyAsJsonObject().getString("type")).contains("idempotency-key-reused");
  }

  @Test
  void concurrentRefundsNeverExceedTheCapture() throws Exception {
    UUID dan = UUID.randomUUID();
    UUID order = newOrder(dan, 1000, "pending_payment", null);
    String paymentId = pay(customer(dan), order, "tok_visa", null).bodyAsJsonObject().getString("paymentId");
    String admin = token(UUID.randomUUID().toString(), "admin");
    ExecutorService pool = Executors.newFixedThreadPool(50);
    int ok = 0;
    int conflicts = 0;
    try {
      List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        calls.add(pool.submit(() -> refund(admin, paymentId, 30, null)));
      }
      for (Future<HttpResponse<Buffer>> call : calls) {
        int status = call.get().statusCode();
        assertThat(status).as(call.get().bodyAsString()).isIn(200, 409);
        if (status == 200) {
          ok++;
        } else {
          conflicts++;
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(ok).isEqualTo(33);
    assertThat(conflicts).isEqualTo(17);
    assertThat(count("SELECT refunded FROM payment.payments WHERE id = '" + paymentId + "'")).isEqualTo(990);
    assertThat(count("SELECT sum(amount) FROM payment.payment_transactions WHERE payment_id = '" + paymentId
        + "' AND kind = 'refund'")).isEqualTo(990);
    assertThat(count("SELECT count(*) FROM payment.outbox WHERE type = 'mercato.payment.refunded.v1' AND subject = '"
        + order + "'")).isEqualTo(33);
  }

  @Test
  void sellersRefundWithinTheirGroup() {
    UUID erin = UUID.randomUUID();
    UUID sellerA = UUID.randomUUID();
    UUID sellerB = UUID.randomUUID();
    UUID groupA = UUID.randomUUID();
    UUID groupB = UUID.randomUUID();
    JsonArray groups = new JsonArray()
        .add(new JsonObject().put("groupId", groupA.toString()).put("sellerId", sellerA.toString())
            .put("total", new JsonObject().put("amount", 700).put("currency", "EUR")))
        .add(new JsonObject().put("groupId", groupB.toString()).put("sellerId", sellerB.toString())
            .put("total", new JsonObject().put("amount", 300).put("currency", "EUR")));
    UUID order = newOrder(erin, 1000, "pending_payment", groups);
    String paymentId = pay(customer(erin), order, "tok_visa", null).bodyAsJsonObject().getString("paymentId");
    String a = token(sellerA.toString(), "company");
    assertThat(refund(a, paymentId, 500, groupA.toString()).statusCode()).isEqualTo(200);
    HttpResponse<Buffer> beyond = refund(a, paymentId, 201, groupA.toString());
    assertThat(beyond.statusCode()).as(beyond.bodyAsString()).isEqualTo(409);
    assertThat(refund(a, paymentId, 100, groupB.toString()).statusCode()).isEqualTo(404);
    JsonObject last = refund(a, paymentId, 200, groupA.toString()).bodyAsJsonObject();
    assertThat(last.getJsonObject("refundedTotal").getLong("amount")).isEqualTo(700);
    assertThat(last.getJsonObject("capturedTotal").getLong("amount")).isEqualTo(1000);
    assertThat(refund(customer(erin), paymentId, 1, null).statusCode()).isEqualTo(403);
  }

  @Test
  void cancelledOrderIsRefundedOnce() {
    UUID fay = UUID.randomUUID();
    UUID order = newOrder(fay, 4200, "pending_payment", null);
    String paymentId = pay(customer(fay), order, "tok_visa", null).bodyAsJsonObject().getString("paymentId");
    JsonObject event = new JsonObject().put("specversion", "1.0").put("id", UUID.randomUUID().toString())
        .put("type", "mercato.order.cancelled.v1").put("source", "/mercato/order").put("subject", order.toString())
        .put("time", "2026-01-01T00:00:00Z").put("data", new JsonObject().put("orderId", order.toString())
            .put("accountId", fay.toString()).put("reason", "customer"));
    Await.result(app.node.vertx().eventBus().request("mercato.payment.inbox", event));
    Await.result(app.node.vertx().eventBus().request("mercato.payment.inbox", event));
    JsonObject again = event.copy().put("id", UUID.randomUUID().toString());
    Await.result(app.node.vertx().eventBus().request("mercato.payment.inbox", again));
    assertThat(count("SELECT refunded FROM payment.payments WHERE id = '" + paymentId + "'")).isEqualTo(4200);
    assertThat(count("SELECT count(*) FROM payment.outbox WHERE type = 'mercato.payment.refunded.v1' AND subject = '"
        + order + "'")).isEqualTo(1);
  }
}
