package mercato.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import mercato.catalog.CatalogDomain;
import mercato.inventory.InventoryDomain;
import mercato.order.OrderDomain;
import mercato.payment.PaymentDomain;
import mercato.testing.Await;
import mercato.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The topics fed by other domains' events, over HTTP on one node with catalog, inventory,
 * order, payment and notification: back-in-stock when a product's stock rises from zero,
 * price-drop when its price falls, order-updates when the customer's order changes status.
 * Only subscribers hear of it, once per event, on the channels they chose; an account that
 * unsubscribed hears nothing more. "Nothing more" is checked once the notification inbox
 * has taken every event the producer wrote.
 */
class NotificationReactionsTest {
  static TestNode app;

  @BeforeAll
  static void start() {
    app = TestNode.of(CatalogDomain.domain(), InventoryDomain.domain(), OrderDomain.domain(), PaymentDomain.domain(),
            NotificationDomain.domain())
        .withKeys().set("http.contract", "openapi.yaml").set("events.sweepMs", "200")
        .set("payment.asyncConfirmMs", "0")
        .start();
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void backInStockReachesSubscribersEachTimeStockReturnsUntilTheyUnsubscribe() {
    Seller seller = seller();
    String product = product(seller, "Lamp", 1500);
    String alice = token("customer");
    String bob = token("customer");
    JsonObject follow = new JsonObject().put("topic", "back-in-stock").put("channel", "in-app").put("subject", product);
    status(app.api.post("/notification/subscribe", alice, follow), 201);
    status(app.api.post("/notification/subscribe", alice, new JsonObject().put("topic", "back-in-stock")
        .put("channel", "email").put("subject", product).put("email", "alice@example.com")), 201);

    stock(seller, product, 5);
    JsonObject first = awaitTitles(alice, 1).getJsonArray("items").getJsonObject(0);
    assertThat(first.getString("topic")).isEqualTo("back-in-stock");
    assertThat(first.getString("title")).isEqualTo("Back in stock");
    assertThat(first.getJsonObject("data").getString("productId")).isEqualTo(product);
    assertThat(first.getJsonObject("data").getInteger("available")).isEqualTo(5);
    assertThat(app.db.count("SELECT count(*) FROM notification.channel_attempts WHERE channel = 'email'"
        + " AND target = 'alice@example.com' AND status = 'requested' AND notification_id = '"
        + first.getString("id") + "'")).isEqualTo(1);

    stock(seller, product, 8); // still in stock: not "back"
    stock(seller, product, 0);
    stock(seller, product, 2);
    awaitTitles(alice, 2);
    settled("inventory");
    assertThat(titles(alice)).containsExactly("Back in stock", "Back in stock");
    assertThat(titles(bob)).isEmpty();

    status(app.api.post("/notification/unsubscribe", alice, follow), 204);
    status(app.api.post("/notification/unsubscribe", alice, new JsonObject().put("topic", "back-in-stock")
        .put("channel", "email").put("subject", product)), 204);
    stock(seller, product, 0);
    stock(seller, product, 4);
    settled("inventory");
    assertThat(titles(alice)).hasSize(2);
  }

  @Test
  void priceDropReachesTopicSubscribersOnlyWhenThePriceFalls() {
    Seller seller = seller();
    String product = product(seller, "Kettle", 4999);
    String watcher = token("customer");
    String other = token("customer");
    status(app.api.post("/notification/subscribe", watcher,
        new JsonObject().put("topic", "price-drop").put("channel", "in-app")), 201);
    status(app.api.post("/notification/subscribe", other,
        new JsonObject().put("topic", "price-drop").put("channel", "in-app").put("subject", UUID.randomUUID().toString())),
        201);

    reprice(seller, product, 5999); // up: no drop
    reprice(seller, product, 3999);
    JsonObject drop = awaitTitles(watcher, 1).getJsonArray("items").getJsonObject(0);
    assertThat(drop.getString("title")).isEqualTo("Price drop: Kettle");
    assertThat(drop.getString("body")).isEqualTo("Now 39.99 EUR, was 59.99 EUR.");
    assertThat(drop.getJsonObject("data").getJsonObject("newPrice").getLong("amount")).isEqualTo(3999);
    settled("catalog");
    assertThat(titles(watcher)).containsExactly("Price drop: Kettle");
    assertThat(titles(other)).isEmpty();
  }

  @Test
  void orderUpdatesReachTheSubscribedCustomerOnEachStatusChange() {
    Seller seller = seller();
    String product = product(seller, "Chair", 2500);
    stock(seller, product, 10);
    String customer = token("customer");
    String quiet = token("customer");
    status(app.api.post("/notification/subscribe", customer,
        new JsonObject().put("topic", "order-updates").put("channel", "in-app")), 201);

    String order = place(customer, product);
    String unheard = place(quiet, product);
    status(app.api.post("/payments", customer, new JsonObject().put("orderId", order)
        .put("paymentMethod", new JsonObject().put("type", "card").put("token", "tok_visa"))), 201);
    JsonObject paid = awaitTitles(customer, 1).getJsonArray("items").getJsonObject(0);
    assertThat(paid.getString("title")).isEqualTo("Order paid");
    assertThat(paid.getJsonObject("data").getString("orderId")).isEqualTo(order);
    assertThat(paid.getJsonObject("data").getString("from")).isEqualTo("pending_payment");

    status(app.api.delete("/orders/" + order, customer), 200);
    status(app.api.delete("/orders/" + unheard, quiet), 200);
    awaitTitles(customer, 2);
    settled("order");
    assertThat(titles(customer)).containsExactly("Order cancelled", "Order paid");
    assertThat(titles(quiet)).isEmpty();
  }

  record Seller(String token, String warehouse) {}

  private static Seller seller() {
    String token = token("company");
    HttpResponse<Buffer> made = app.api.post("/warehouses", token, new JsonObject().put("name", "Main")
        .put("capacity", 100_000).put("priority", 1).put("location", new JsonObject().put("line1", "1 Dock Road")
            .put("city", "Hamburg").put("postalCode", "20457").put("country", "DE")));
    status(made, 201);
    return new Seller(token, made.bodyAsJsonObject().getString("id"));
  }

  private static String product(Seller seller, String name, long price) {
    HttpResponse<Buffer> made = app.api.post("/products", seller.token(), new JsonObject().put("name", name)
        .put("sku", "SKU-" + UUID.randomUUID().toString().substring(0, 8)).put("status", "active")
        .put("price", new JsonObject().put("amount", price).put("currency", "EUR")));
    status(made, 201);
    return made.bodyAsJsonObject().getString("id");
  }

  private static void stock(Seller seller, String product, int onHand) {
    status(app.api.put("/inventory/product/" + product + "/stock", seller.token(),
        new JsonObject().put("warehouseId", seller.warehouse()).put("onHand", onHand)), 200);
  }

  private static void reprice(Seller seller, String product, long price) {
    status(app.api.put("/products/" + product, seller.token(),
        new JsonObject().put("price", new JsonObject().put("amount", price).put("currency", "EUR"))), 200);
  }

  private static String place(String customer, String product) {
    JsonObject body = new JsonObject()
        .put("lines", new JsonArray().add(new JsonObject().put("productId", product).put("quantity", 1)))
        .put("shippingAddress", new JsonObject().put("name", "Ada Buyer").put("line1", "2 Market St")
            .put("city", "Berlin").put("postalCode", "10115").put("country", "DE"));
    HttpResponse<Buffer> placed = app.api.post("/orders", customer, body);
    status(placed, 201);
    return placed.bodyAsJsonObject().getString("orderId");
  }

  private static String token(String typ) {
    return app.tokens.sign(new JsonObject().put("sub", UUID.randomUUID().toString()).put("typ", typ)
        .put("roles", new JsonArray()).put("email_verified", true), 3600);
  }

  private static JsonObject list(String token) {
    HttpResponse<Buffer> response = app.api.get("/notifications", token);
    status(response, 200);
    return response.bodyAsJsonObject();
  }

  private static List<String> titles(String token) {
    return list(token).getJsonArray("items").stream().map(i -> ((JsonObject) i).getString("title")).toList();
  }

  private static JsonObject awaitTitles(String token, int count) {
    Await.until(count + " notifications", Duration.ofSeconds(15), () -> titles(token).size() >= count);
    return list(token);
  }

  /** Waits until the notification inbox took every event {@code producer} wrote for it. */
  private static void settled(String producer) {
    Await.until(producer + " events delivered to notification", Duration.ofSeconds(15),
        () -> app.db.count("SELECT count(*) FROM \"" + producer + "\".outbox_delivery WHERE subscriber = 'notification'"
            + " AND status <> 'delivered'") == 0);
  }

  private static void status(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
  }
}
