package mercato.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mercato.DomainsAccess;
import mercato.platform.domain.Domain;
import mercato.testing.Api;
import mercato.testing.Await;
import mercato.testing.Browser;
import mercato.testing.GreenMailApi;
import mercato.testing.TestNode;

/**
 * A whole node for the console journeys: every domain Mercato ships (the admin's events
 * routes included) plus {@link RefusingSubscriber}, the shipped contract, a first admin from
 * configuration, and real accounts registered and verified through the API and the mail sink,
 * which the browser signs in with like anyone would.
 */
final class ConsoleNode implements AutoCloseable {
  static final String PASSWORD = "console journeys 2026";
  static final String ADMIN_EMAIL = "root-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  private static final Pattern VERIFY = Pattern.compile("verify-email\\?token=(\\S+)");

  final TestNode app;
  final Api api;
  final String base;

  /** A signed-in account of the API: its id, email and access token. */
  record Account(String id, String email, String token) {}

  private ConsoleNode(TestNode app) {
    this.app = app;
    this.api = app.api;
    this.base = "http://127.0.0.1:" + app.node.httpPort();
  }

  static ConsoleNode start() {
    Browser.require();
    List<Domain> domains = new ArrayList<>(DomainsAccess.all());
    domains.add(RefusingSubscriber.domain());
    TestNode app = TestNode.of(domains.toArray(Domain[]::new))
        .withKeys().quickAuth().requiring("postgres", "redis", "smtp").startWithin(Duration.ofMinutes(4))
        .set("http.contract", "openapi.yaml")
        .set("auth.admin.email", ADMIN_EMAIL)
        .set("auth.admin.password", PASSWORD)
        .set("email.sweepMs", "100")
        .start();
    return new ConsoleNode(app);
  }

  /** Registers an account of {@code type}, verifies its address from the mailed link and signs it in. */
  Account account(String type) {
    String email = type + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    JsonObject made = ok(api.post("/auth/register", null, new JsonObject().put("type", type).put("email", email)
        .put("password", PASSWORD).put("name", "Console " + type)), 201);
    GreenMailApi.Mail mail = GreenMailApi.await(email, 1, Duration.ofSeconds(90)).get(0);
    Matcher link = VERIFY.matcher(mail.text());
    assertThat(link.find()).as(mail.text()).isTrue();
    ok(api.post("/auth/verify-email", null, new JsonObject()
        .put("token", URLDecoder.decode(link.group(1), StandardCharsets.UTF_8))), 200);
    return new Account(made.getString("id"), email, login(email));
  }

  String login(String email) {
    return ok(api.post("/auth/login", null, new JsonObject().put("email", email).put("password", PASSWORD)), 200)
        .getString("accessToken");
  }

  JsonObject ok(HttpResponse<Buffer> response, int... expected) {
    List<Integer> allowed = expected.length == 0 ? List.of(200, 201)
        : java.util.Arrays.stream(expected).boxed().toList();
    assertThat(allowed).as(response.statusCode() + " " + response.bodyAsString()).contains(response.statusCode());
    return response.body() == null || response.body().length() == 0 ? new JsonObject() : response.bodyAsJsonObject();
  }

  /** A warehouse of {@code seller}'s, optionally inviting an operator by email; its id. */
  String warehouse(Account seller, String name, String operatorEmail) {
    JsonObject body = new JsonObject().put("name", name).put("capacity", 10_000).put("priority", 1)
        .put("location", new JsonObject().put("line1", "1 Dock Road").put("city", "Hamburg")
            .put("postalCode", "20095").put("country", "DE"));
    if (operatorEmail != null) {
      body.put("operatorEmail", operatorEmail);
    }
    return ok(api.post("/warehouses", seller.token(), body), 201).getString("id");
  }

  /** An active product of {@code seller} at {@code price} cents, stocked in {@code warehouse}; its id. */
  String product(Account seller, String name, long price, String warehouse, int stock) {
    String id = ok(api.post("/products", seller.token(), new JsonObject().put("name", name).put("status", "active")
        .put("sku", "SKU-" + UUID.randomUUID().toString().substring(0, 8))
        .put("price", new JsonObject().put("amount", price).put("currency", "EUR"))), 201).getString("id");
    Await.until("stock of " + name + " set", Duration.ofSeconds(90), () -> api.put("/inventory/product/" + id + "/stock",
        seller.token(), new JsonObject().put("warehouseId", warehouse).put("onHand", stock)).statusCode() == 200);
    return id;
  }

  /** A verified customer places an order of {@code quantity} x {@code product} (with a referral code or none) and pays it. */
  String placeAndPay(Account customer, String product, int quantity, String referralCode) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer " + customer.token())
        .add("Content-Type", "application/json").add("Idempotency-Key", UUID.randomUUID().toString());
    JsonObject body = new JsonObject()
        .put("lines", new JsonArray().add(new JsonObject().put("productId", product).put("quantity", quantity)))
        .put("shippingAddress", new JsonObject().put("name", "Ada Buyer").put("line1", "2 Market St")
            .put("city", "Berlin").put("postalCode", "10115").put("country", "DE"));
    if (referralCode != null) {
      body.put("referralCode", referralCode);
    }
    String orderId = ok(api.http().send(HttpMethod.POST, "/orders", headers, body.toBuffer()), 201).getString("orderId");
    ok(api.post("/payments", customer.token(), new JsonObject().put("orderId", orderId)
        .put("paymentMethod", new JsonObject().put("type", "card").put("token", "tok_visa"))), 201);
    Await.until("order " + orderId + " paid", Duration.ofSeconds(90),
        () -> "paid".equals(ok(api.get("/orders/" + orderId, customer.token())).getString("status")));
    return orderId;
  }

  @Override
  public void close() {
    app.close();
  }
}
