package mercato;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.UUID;
import mercato.auth.AuthDomain;
import mercato.cart.CartDomain;
import mercato.catalog.CatalogDomain;
import mercato.inventory.InventoryDomain;
import mercato.order.OrderDomain;
import mercato.payment.PaymentDomain;
import mercato.profile.ProfileDomain;
import mercato.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client uses what it just created in another domain at once, before that domain heard
 * the creating domain's event: each request follows the create's answer immediately, and
 * each pair is tried {@link #ROUNDS} times so a window of a few milliseconds shows up.
 * Pairs: product -> stock (set and read), product -> cart, order -> payment,
 * account -> profile.
 */
class ReadYourOwnWritesTest {
  static final int ROUNDS = 25;
  static TestNode app;

  @BeforeAll
  static void start() {
    app = TestNode.of(AuthDomain.domain(), ProfileDomain.domain(), CatalogDomain.domain(), InventoryDomain.domain(),
            CartDomain.domain(), OrderDomain.domain(), PaymentDomain.domain())
        .withKeys().quickAuth().set("http.contract", "openapi.yaml").set("payment.asyncConfirmMs", "0")
        .start();
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void aProductIsStockedAndReadTheMomentItIsCreated() {
    String seller = token("company");
    String warehouse = warehouse(seller);
    for (int i = 0; i < ROUNDS; i++) {
      String product = product(seller, i);
      status(app.api.put("/inventory/product/" + product + "/stock", seller,
          new JsonObject().put("warehouseId", warehouse).put("onHand", 3)), 200);
      HttpResponse<Buffer> read = app.api.get("/inventory/product/" + product, null);
      status(read, 200);
      assertThat(read.bodyAsJsonObject().getInteger("available")).isEqualTo(3);
    }
    for (int i = 0; i < ROUNDS; i++) {
      // Read first (public, no stock yet): known at once too.
      String product = product(seller, 100 + i);
      HttpResponse<Buffer> read = app.api.get("/inventory/product/" + product, null);
      status(read, 200);
      assertThat(read.bodyAsJsonObject().getInteger("available")).isZero();
    }
  }

  @Test
  void aProductJustCreatedAndStockedGoesIntoACart() {
    String seller = token("company");
    String warehouse = warehouse(seller);
    for (int i = 0; i < ROUNDS; i++) {
      String product = product(seller, 200 + i);
      status(app.api.put("/inventory/product/" + product + "/stock", seller,
          new JsonObject().put("warehouseId", warehouse).put("onHand", 5)), 200);
      String customer = token("customer");
      HttpResponse<Buffer> added = app.api.post("/cart/add", customer,
          new JsonObject().put("productId", product).put("quantity", 2));
      assertThat(added.statusCode()).as(added.bodyAsString()).isBetween(200, 201);
      HttpResponse<Buffer> cart = app.api.get("/cart", customer);
      status(cart, 200);
      JsonObject line = cart.bodyAsJsonObject().getJsonArray("lines").getJsonObject(0);
      assertThat(line.getString("productId")).isEqualTo(product);
      assertThat(line.getJsonArray("issues")).isEmpty();
    }
  }

  @Test
  void anOrderJustPlacedIsPaid() {
    String seller = token("company");
    String warehouse = warehouse(seller);
    String product = product(seller, 300);
    status(app.api.put("/inventory/product/" + product + "/stock", seller,
        new JsonObject().put("warehouseId", warehouse).put("onHand", 1000)), 200);
    for (int i = 0; i < ROUNDS; i++) {
      String customer = token("customer");
      HttpResponse<Buffer> placed = app.api.post("/orders", customer, new JsonObject()
          .put("lines", new JsonArray().add(new JsonObject().put("productId", product).put("quantity", 1)))
          .put("shippingAddress", new JsonObject().put("name", "Ada Buyer").put("line1", "2 Market St")
              .put("city", "Berlin").put("postalCode", "10115").put("country", "DE")));
      status(placed, 201);
      HttpResponse<Buffer> paid = app.api.post("/payments", customer, new JsonObject()
          .put("orderId", placed.bodyAsJsonObject().getString("orderId"))
          .put("paymentMethod", new JsonObject().put("type", "card").put("token", "tok_visa")));
      status(paid, 201);
    }
  }

  @Test
  void anAccountJustRegisteredReadsAndWritesItsProfile() {
    for (int i = 0; i < ROUNDS; i++) {
      String email = "ryow-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
      String password = "read-your-own-writes-2026";
      status(app.api.post("/auth/register", null, new JsonObject().put("email", email).put("password", password)
          .put("type", "customer")), 201);
      HttpResponse<Buffer> login = app.api.post("/auth/login", null,
          new JsonObject().put("email", email).put("password", password));
      status(login, 200);
      String token = login.bodyAsJsonObject().getString("accessToken");
      HttpResponse<Buffer> me = app.api.get("/profile/me", token);
      status(me, 200);
      assertThat(me.bodyAsJsonObject().getString("email")).isEqualTo(email);
      status(app.api.put("/profile/me", token, new JsonObject().put("firstName", "Ada")), 200);
      assertThat(app.api.get("/profile/me", token).bodyAsJsonObject().getString("firstName")).isEqualTo("Ada");
    }
  }

  private static String warehouse(String seller) {
    HttpResponse<Buffer> made = app.api.post("/warehouses", seller, new JsonObject().put("name", "Main")
        .put("capacity", 1_000_000).put("location", new JsonObject().put("line1", "1 Dock Road")
            .put("city", "Hamburg").put("postalCode", "20457").put("country", "DE")));
    status(made, 201);
    return made.bodyAsJsonObject().getString("id");
  }

  private static String product(String seller, int n) {
    HttpResponse<Buffer> made = app.api.post("/products", seller, new JsonObject().put("name", "Item " + n)
        .put("sku", "RY-" + UUID.randomUUID().toString().substring(0, 8)).put("status", "active")
        .put("price", new JsonObject().put("amount", 1000 + n).put("currency", "EUR")));
    status(made, 201);
    return made.bodyAsJsonObject().getString("id");
  }

  private static String token(String typ) {
    return app.tokens.sign(new JsonObject().put("sub", UUID.randomUUID().toString()).put("typ", typ)
        .put("roles", new JsonArray()).put("email_verified", true), 3600);
  }

  private static void status(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
  }
}
