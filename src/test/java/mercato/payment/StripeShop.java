package mercato.payment;

import static mercato.payment.StripeStandIn.intent;
import static mercato.payment.StripeStandIn.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import mercato.platform.bus.Problem;
import mercato.testing.Await;
import mercato.testing.HttpClient;
import mercato.testing.TestNode;

/**
 * A payment node wired to a Stripe stand-in, with the order domain played by a bus consumer
 * answering the orders a test makes up, and the shop-side calls and database reads the
 * Stripe tests share.
 */
final class StripeShop implements AutoCloseable {
  /** Stripe calls silent this long have an unknown outcome (the stand-in's delays go past it). */
  static final long TIMEOUT_MS = 500;

  /** A customer and its access token. */
  record Shopper(UUID account, String token) {}

  final StripeStandIn stripe;
  final TestNode app;
  final HttpClient http;
  private final Map<String, JsonObject> orders = new ConcurrentHashMap<>();

  StripeShop(Map<String, String> settings) {
    this.stripe = new StripeStandIn();
    TestNode started = null;
    try {
      started = TestNode.of(PaymentDomain.domain()).withKeys()
          .set("http.contract", "openapi.yaml")
          .set(stripe.settings(TIMEOUT_MS, 200))
          .set(settings)
          .start();
    } finally {
      if (started == null) {
        stripe.close();
      }
    }
    this.app = started;
    this.http = new HttpClient(app.node.httpPort());
    Await.result(app.node.vertx().eventBus().<JsonObject>consumer("mercato.order.get-order-for-payment", this::order)
        .completion());
  }

  @Override
  public void close() {
    http.close();
    app.close();
    stripe.close();
  }

  /** The order domain's stand-in: orders the test made up, owned by their account; anything else 404. */
  private void order(Message<JsonObject> message) {
    JsonObject body = message.body().getJsonObject("body");
    JsonObject order = orders.get(body.getString("orderId"));
    if (order == null || !order.getString("accountId").equals(body.getString("accountId"))) {
      message.fail(404, Problem.notFound("No such order.").encode());
      return;
    }
    message.reply(order);
  }

  Shopper shopper() {
    UUID account = UUID.randomUUID();
    return new Shopper(account, app.tokens.sign(new JsonObject().put("sub", account.toString()).put("typ", "customer")
        .put("roles", new JsonArray()).put("email_verified", true), 600));
  }

  UUID newOrder(Shopper shopper, long total) {
    UUID id = UUID.randomUUID();
    orders.put(id.toString(), new JsonObject().put("orderId", id.toString())
        .put("accountId", shopper.account().toString()).put("status", "pending_payment")
        .put("total", new JsonObject().put("amount", total).put("currency", "EUR")).put("groups", new JsonArray()));
    return id;
  }

  HttpResponse<Buffer> pay(Shopper shopper, UUID order, String paymentMethod, String key) {
    return pay(shopper, new JsonObject().put("orderId", order.toString())
        .put("paymentMethod", new JsonObject().put("type", "card").put("token", paymentMethod)), key);
  }

  /** Pays {@code order} through PayPal: {@code token} is {@code checkout} or a vault id. */
  HttpResponse<Buffer> payPal(Shopper shopper, UUID order, String token) {
    return pay(shopper, new JsonObject().put("orderId", order.toString()).put("gateway", "paypal")
        .put("paymentMethod", new JsonObject().put("type", "paypal").put("token", token)), null);
  }

  HttpResponse<Buffer> pay(Shopper shopper, JsonObject body, String key) {
    MultiMap headers = HttpClient.auth(shopper.token()).add("Content-Type", "application/json");
    if (key != null) {
      headers.add("Idempotency-Key", key);
    }
    return http.send(HttpMethod.POST, "/payments", headers, body.toBuffer());
  }

  HttpResponse<Buffer> refund(String paymentId, long amount) {
    String admin = app.tokens.sign(new JsonObject().put("sub", UUID.randomUUID().toString()).put("typ", "admin")
        .put("roles", new JsonArray()).put("email_verified", true), 600);
    return app.api.post("/payment/refund", admin, new JsonObject().put("paymentId", paymentId)
        .put("amount", new JsonObject().put("amount", amount).put("currency", "EUR")));
  }

  /** A payment Stripe approved at once (automatic capture): its id and its PaymentIntent. */
  String[] captured(Shopper shopper, UUID order, long amount) {
    String pi = intentId();
    stripe.server.stubFor(stripe.create(order).willReturn(json(200,
        intent(pi, "succeeded", amount, "eur", null, order, "automatic"))));
    HttpResponse<Buffer> paid = pay(shopper, order, "pm_card_visa", null);
    assertThat(paid.statusCode()).as(paid.bodyAsString()).isEqualTo(201);
    assertThat(paid.bodyAsJsonObject().getString("status")).isEqualTo("captured");
    return new String[] {paid.bodyAsJsonObject().getString("paymentId"), pi};
  }

  HttpResponse<Buffer> deliver(JsonObject event) {
    return StripeStandIn.deliver(http, event);
  }

  HttpResponse<Buffer> deliver(String body, String signature) {
    return StripeStandIn.deliver(http, body, signature);
  }

  String status(String paymentId) {
    return column("status", paymentId);
  }

  String column(String column, String paymentId) {
    return app.db.column("SELECT " + column + " FROM payment.payments WHERE id = '" + paymentId + "'").get(0);
  }

  long events(String type, UUID order) {
    return app.db.count("SELECT count(*) FROM payment.outbox WHERE type = 'mercato.payment." + type
        + ".v1' AND subject = '" + order + "'");
  }

  List<String> kinds(String paymentId) {
    return app.db.column("SELECT kind FROM payment.payment_transactions WHERE payment_id = '" + paymentId
        + "' ORDER BY seq");
  }

  long checks(String paymentId) {
    return app.db.count("SELECT count(*) FROM payment.gateway_checks WHERE payment_id = '" + paymentId + "'");
  }

  static String intentId() {
    return "pi_3" + UUID.randomUUID().toString().replace("-", "").substring(0, 21);
  }

  static String eventId() {
    return "evt_" + UUID.randomUUID().toString().replace("-", "");
  }

  static String form(LoggedRequest request, String name) {
    return request.formParameters().get(name).firstValue();
  }
}
