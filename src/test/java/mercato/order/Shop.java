package mercato.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import mercato.cart.CartDomain;
import mercato.catalog.CatalogDomain;
import mercato.inventory.InventoryDomain;
import mercato.payment.PaymentDomain;
import mercato.testing.Await;
import mercato.testing.TestNode;

/**
 * A node with the whole checkout (catalog, inventory, cart, order, payment) for order tests,
 * and the moves a test makes: sellers with a warehouse, products with stock, customers,
 * placing and paying orders.
 */
final class Shop implements AutoCloseable {
  static final String SECRET = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
  final TestNode app;
  private final List<AutoCloseable> others;

  Shop(TestNode.Builder builder) {
    app = settings(builder).start();
    others = List.of();
  }

  /** A shop on nodes started elsewhere (each with {@link #settings}): {@code front} serves it, then {@code others} close. */
  Shop(TestNode front, AutoCloseable... others) {
    app = front;
    this.others = List.of(others);
  }

  /** What every shop node runs with: the real contract, a known webhook secret, quick payments and relays. */
  static TestNode.Builder settings(TestNode.Builder builder) {
    return builder.withKeys().set("http.contract", "openapi.yaml")
        .set("payment.testWebhookSecret", SECRET).set("payment.asyncConfirmMs", "0").set("payment.delayedMs", "100")
        .set("events.sweepMs", "200");
  }

  static TestNode.Builder checkout() {
    return TestNode.of(CatalogDomain.domain(), InventoryDomain.domain(), CartDomain.domain(), OrderDomain.domain(),
        PaymentDomain.domain());
  }

  @Override
  public void close() {
    List<AutoCloseable> all = new java.util.ArrayList<>(List.of(app));
    all.addAll(others);
    TestNode.closeAll(all.toArray(AutoCloseable[]::new));
  }

  String token(String typ, String id) {
    return app.tokens.sign(new JsonObject().put("sub", id).put("typ", typ).put("roles", new JsonArray())
        .put("email_verified", true), 3600);
  }

  String customer() {
    return token("customer", UUID.randomUUID().toString());
  }

  String admin() {
    return token("admin", UUID.randomUUID().toString());
  }

  /** A seller: its id, its token and a warehouse of its own. */
  record Seller(String id, String token, String warehouse) {}

  Seller seller() {
    String id = UUID.randomUUID().toString();
    String token = token("company", id);
    HttpResponse<Buffer> made = app.api.post("/warehouses", token, new JsonObject().put("name", "Main")
        .put("capacity", 1_000_000).put("priority", 1).put("location", new JsonObject().put("line1", "1 Dock Road")
            .put("city", "Hamburg").put("postalCode", "20457").put("country", "DE")));
    status(made, 201);
    return new Seller(id, token, made.bodyAsJsonObject().getString("id"));
  }

  /** An active product of {@code seller} at {@code price} cents with {@code stock} units. */
  String product(Seller seller, String name, long price, int stock) {
    HttpResponse<Buffer> made = app.api.post("/products", seller.token(), new JsonObject().put("name", name)
        .put("sku", "SKU-" + UUID.randomUUID().toString().substring(0, 8)).put("status", "active")
        .put("price", new JsonObject().put("amount", price).put("currency", "EUR")));
    status(made, 201);
    String id = made.bodyAsJsonObject().getString("id");
    Await.until("inventory knows " + id, Duration.ofSeconds(10), () -> app.api.put("/inventory/product/" + id
        + "/stock", seller.token(), new JsonObject().put("warehouseId", seller.warehouse()).put("onHand", stock))
        .statusCode() == 200);
    return id;
  }

  static JsonObject line(String product, int quantity) {
    return new JsonObject().put("productId", product).put("quantity", quantity);
  }

  static JsonObject address() {
    return new JsonObject().put("name", "Ada Buyer").put("line1", "2 Market St").put("city", "Berlin")
        .put("postalCode", "10115").put("country", "DE");
  }

  static JsonObject order(JsonObject... lines) {
    return new JsonObject().put("lines", new JsonArray(java.util.List.of((Object[]) lines)))
        .put("shippingAddress", address());
  }

  HttpResponse<Buffer> place(String token, JsonObject body, String key) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer " + token)
        .add("Content-Type", "application/json");
    if (key != null) {
      headers.add("Idempotency-Key", key);
    }
    return app.api.http().send(HttpMethod.POST, "/orders", headers, body.toBuffer());
  }

  /** Places and expects 201; the order. */
  JsonObject placed(String token, JsonObject body) {
    HttpResponse<Buffer> response = place(token, body, null);
    status(response, 201);
    return response.bodyAsJsonObject();
  }

  HttpResponse<Buffer> pay(String token, String orderId, String card, String key) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer " + token)
        .add("Content-Type", "application/json");
    if (key != null) {
      headers.add("Idempotency-Key", key);
    }
    JsonObject body = new JsonObject().put("orderId", orderId)
        .put("paymentMethod", new JsonObject().put("type", "card").put("token", card));
    return app.api.http().send(HttpMethod.POST, "/payments", headers, body.toBuffer());
  }

  JsonObject read(String token, String orderId) {
    HttpResponse<Buffer> response = app.api.get("/orders/" + orderId, token);
    status(response, 200);
    return response.bodyAsJsonObject();
  }

  /** Waits until the order (read by its owner) has {@code status}. */
  JsonObject await(String token, String orderId, String status) {
    Await.until("order " + orderId + " " + status, Duration.ofSeconds(15),
        () -> status.equals(read(token, orderId).getString("status")));
    return read(token, orderId);
  }

  /** on_hand and reserved of a product across warehouses. */
  long[] stock(String product) {
    return new long[] {
        app.db.count("SELECT coalesce(sum(on_hand), 0) FROM inventory.stock WHERE product_id = '" + product + "'"),
        app.db.count("SELECT coalesce(sum(reserved), 0) FROM inventory.stock WHERE product_id = '" + product + "'")};
  }

  static void status(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
  }
}
