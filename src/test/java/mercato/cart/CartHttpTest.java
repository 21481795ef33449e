package mercato.cart;

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
import mercato.catalog.CatalogDomain;
import mercato.inventory.InventoryDomain;
import mercato.platform.bus.Envelope;
import mercato.testing.Await;
import mercato.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Guest and customer carts over HTTP on real catalog and inventory: tokens, merge on login,
 * line routes, prices and flags read from the peers, bounds, the abandonment sweep, the
 * order.placed inbox and the get-cart bus operation.
 */
class CartHttpTest {
  static final int MAX_QUANTITY = 20;
  static final int MAX_LINES = 3;
  static TestNode app;
  static String seller;
  static String warehouse;

  @BeforeAll
  static void start() {
    app = TestNode.of(CatalogDomain.domain(), InventoryDomain.domain(), CartDomain.domain()).withKeys()
        .set("http.contract", "openapi.yaml")
        .set("cart.maxQuantity", String.valueOf(MAX_QUANTITY)).set("cart.maxLines", String.valueOf(MAX_LINES))
        .set("cart.sweepMs", "100")
        .start();
    seller = token("company", UUID.randomUUID().toString());
    HttpResponse<Buffer> made = app.api.post("/warehouses", seller, new JsonObject().put("name", "Main")
        .put("capacity", 100000).put("priority", 1).put("location", new JsonObject().put("line1", "1 Dock Road")
            .put("city", "Hamburg").put("postalCode", "20457").put("country", "DE")));
    assertStatus(made, 201);
    warehouse = made.bodyAsJsonObject().getString("id");
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  // ---- helpers ----

  static String token(String typ, String id) {
    return app.tokens.sign(new JsonObject().put("sub", id).put("typ", typ).put("roles", new JsonArray())
        .put("email_verified", true), 600);
  }

  static String customer() {
    return token("customer", UUID.randomUUID().toString());
  }

  /** An active product of the test seller with {@code stock} units on hand. */
  static String product(long price, int stock) {
    HttpResponse<Buffer> made = app.api.post("/products", seller, new JsonObject().put("name", "P")
        .put("sku", "SKU-" + UUID.randomUUID().toString().substring(0, 8)).put("status", "active")
        .put("price", new JsonObject().put("amount", price).put("currency", "EUR")));
    assertStatus(made, 201);
    String id = made.bodyAsJsonObject().getString("id");
    stock(id, stock);
    return id;
  }

  static void stock(String product, int onHand) {
    Await.until("inventory knows " + product, Duration.ofSeconds(10), () -> app.api.put("/inventory/product/" + product
        + "/stock", seller, new JsonObject().put("warehouseId", warehouse).put("onHand", onHand)).statusCode() == 200);
  }

  static HttpResponse<Buffer> call(HttpMethod method, String uri, String bearer, String cartToken, Object body) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (bearer != null) {
      headers.add("Authorization", "Bearer " + bearer);
    }
    if (cartToken != null) {
      headers.add("X-Cart-Token", cartToken);
    }
    Buffer buffer = null;
    if (body != null) {
      headers.add("Content-Type", "application/json");
      buffer = ((JsonObject) body).toBuffer();
    }
    return app.api.http().send(method, uri, headers, buffer);
  }

  static JsonObject item(String product, int quantity) {
    return new JsonObject().put("productId", product).put("quantity", quantity);
  }

  static JsonObject ok(HttpResponse<Buffer> response) {
    assertStatus(response, 200);
    return response.bodyAsJsonObject();
  }

  static void assertStatus(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
  }

  static void assertProblem(HttpResponse<Buffer> response, int status, String pointer) {
    assertStatus(response, status);
    if (pointer != null) {
      assertThat(response.bodyAsJsonObject().getJsonArray("errors").stream()
          .map(e -> ((JsonObject) e).getString("pointer")).toList()).as(response.bodyAsString()).contains(pointer);
    }
  }

  static JsonObject line(JsonObject cart, String product) {
    return cart.getJsonArray("lines").stream().map(JsonObject.class::cast)
        .filter(l -> l.getString("productId").equals(product)).findFirst().orElse(null);
  }

  static JsonObject money(long amount) {
    return new JsonObject().put("amount", amount).put("currency", "EUR");
  }

  // ---- tests ----

  @Test
  void guestCartLivesByItsTokenAndPricesComeFromTheCatalog() {
    String a = product(1250, 10);
    String b = product(399, 10);
    assertThat(ok(call(HttpMethod.GET, "/cart", null, null, null)).getJsonArray("lines")).isEmpty();

    HttpResponse<Buffer> first = call(HttpMethod.POST, "/cart/add", null, null, item(a, 2));
    String cartToken = first.getHeader("X-Cart-Token");
    assertThat(cartToken).isNotBlank();
    assertThat(ok(first).getJsonArray("lines")).hasSize(1);
    assertThat(app.db.count("SELECT count(*) FROM cart.carts WHERE token_hash = '" + CartTokens.hash(cartToken) + "'"))
        .isEqualTo(1);

    HttpResponse<Buffer> second = call(HttpMethod.POST, "/cart", null, cartToken, item(b, 3)); // the alias
    assertThat(second.getHeader("X-Cart-Token")).isNull();
    ok(call(HttpMethod.POST, "/cart/add", null, cartToken, item(a, 1))); // merges into the line
    JsonObject cart = ok(call(HttpMethod.GET, "/cart", null, cartToken, null));
    assertThat(cart.getJsonArray("lines")).hasSize(2);
    assertThat(line(cart, a).getInteger("quantity")).isEqualTo(3);
    assertThat(line(cart, a).getJsonObject("unitPrice")).isEqualTo(money(1250));
    assertThat(line(cart, a).getJsonArray("issues")).isEmpty();
    assertThat(cart.getJsonArray("totals")).containsExactly(money(3 * 1250 + 3 * 399));
    assertThat(cart.getJsonArray("sellers").getJsonObject(0).getJsonObject("total")).isEqualTo(money(3 * 1250 + 3 * 399));

    // A client-sent price is refused by the contract; another token sees nothing.
    assertProblem(call(HttpMethod.POST, "/cart/add", null, cartToken, item(a, 1).put("price", money(1))), 400, "/price");
    assertThat(ok(call(HttpMethod.GET, "/cart", null, "not-a-token", null)).getJsonArray("lines")).isEmpty();

    // Update and remove by product; remove takes the product in the body or the query.
    ok(call(HttpMethod.PUT, "/cart/update", null, cartToken, item(b, 5)));
    assertThat(line(ok(call(HttpMethod.GET, "/cart", null, cartToken, null)), b).getInteger("quantity")).isEqualTo(5);
    JsonObject removed = ok(call(HttpMethod.DELETE, "/cart/remove", null, cartToken, new JsonObject().put("productId", b)));
    assertThat(line(removed, b)).isNull();
    removed = ok(call(HttpMethod.DELETE, "/cart/remove?productId=" + a, null, cartToken, null));
    assertThat(removed.getJsonArray("lines")).isEmpty();
    assertStatus(call(HttpMethod.PUT, "/cart/update", null, cartToken, item(a, 0)), 404);
  }

  @Test
  void loginMergesTheGuestCartOnceCappedByAvailability() {
    String a = product(100, 5);
    String b = product(200, 10);
    String me = customer();
    ok(call(HttpMethod.POST, "/cart/add", me, null, item(a, 3)));
    String cartToken = call(HttpMethod.POST, "/cart/add", null, null, item(a, 4)).getHeader("X-Cart-Token");
    ok(call(HttpMethod.POST, "/cart/add", null, cartToken, item(b, 2)));

    JsonObject merged = ok(call(HttpMethod.GET, "/cart", me, cartToken, null));
    assertThat(line(merged, a).getInteger("quantity")).isEqualTo(5); // 3 + 4, capped by the 5 available
    assertThat(line(merged, b).getInteger("quantity")).isEqualTo(2);
    assertThat(merged.getJsonArray("totals")).containsExactly(money(5 * 100 + 2 * 200));
    assertThat(app.db.count("SELECT count(*) FROM cart.carts WHERE token_hash = '" + CartTokens.hash(cartToken) + "'"))
        .isZero();

    // Once: the token again changes nothing, and alone it reaches no cart.
    JsonObject again = ok(call(HttpMethod.GET, "/cart", me, cartToken, null));
    assertThat(line(again, a).getInteger("quantity")).isEqualTo(5);
    assertThat(ok(call(HttpMethod.GET, "/cart", null, cartToken, null)).getJsonArray("lines")).isEmpty();

    // A customer without a cart takes the guest cart over on any cart request.
    String newcomer = customer();
    String other = call(HttpMethod.POST, "/cart/add", null, null, item(b, 2)).getHeader("X-Cart-Token");
    JsonObject taken = ok(call(HttpMethod.POST, "/cart/add", newcomer, other, item(a, 1)));
    assertThat(line(taken, b).getInteger("quantity")).isEqualTo(2);
    assertThat(line(taken, a).getInteger("quantity")).isEqualTo(1);
    assertThat(taken.getString("cartId")).isNotNull();
  }

  @Test
  void lineRoutesReachOnlyTheCallersCart() {
    String a = product(700, 10);
    String me = customer();
    String other = customer();
    JsonObject cart = ok(call(HttpMethod.POST, "/cart/add", me, null, item(a, 1)));
    String lineId = line(cart, a).getString("id");

    JsonObject one = ok(call(HttpMethod.GET, "/cart/" + lineId, me, null, null));
    assertThat(one.getString("productId")).isEqualTo(a);
    assertThat(one.getJsonObject("lineTotal")).isEqualTo(money(700));
    assertThat(line(ok(call(HttpMethod.PUT, "/cart/" + lineId, me, null, new JsonObject().put("quantity", 4))), a)
        .getInteger("quantity")).isEqualTo(4);

    assertStatus(call(HttpMethod.GET, "/cart/" + lineId, other, null, null), 404);
    assertStatus(call(HttpMethod.PUT, "/cart/" + lineId, other, null, new JsonObject().put("quantity", 1)), 404);
    assertStatus(call(HttpMethod.DELETE, "/cart/" + lineId, other, null, null), 404);
    assertStatus(call(HttpMethod.GET, "/cart/" + lineId, null, null, null), 404);
    assertStatus(call(HttpMethod.GET, "/cart/not-a-line", me, null, null), 404);
    assertStatus(call(HttpMethod.GET, "/cart", token("company", UUID.randomUUID().toString()), null, null), 403);

    assertStatus(call(HttpMethod.DELETE, "/cart/" + lineId, me, null, null), 204);
    assertThat(ok(call(HttpMethod.GET, "/cart", me, null, null)).getJsonArray("lines")).isEmpty();
    assertStatus(call(HttpMethod.GET, "/cart/" + lineId, me, null, null), 404);
  }

  @Test
  void linesThatCannotBeBoughtAreFlaggedAndLeftOutOfTotals() {
    String fine = product(100, 10);
    String archived = product(200, 10);
    String empty = product(300, 10);
    String short_ = product(400, 10);
    String me = customer();
    for (String p : List.of(fine, archived, empty)) {
      ok(call(HttpMethod.POST, "/cart/add", me, null, item(p, 2)));
    }
    assertStatus(app.api.put("/products/" + archived, seller, new JsonObject().put("status", "archived")), 200);
    stock(empty, 0);
    JsonObject cart = ok(call(HttpMethod.GET, "/cart", me, null, null));
    assertThat(line(cart, fine).getJsonArray("issues")).isEmpty();
    assertThat(line(cart, archived).getJsonArray("issues")).containsExactly("inactive");
    assertThat(line(cart, empty).getJsonArray("issues")).containsExactly("out-of-stock");
    assertThat(cart.getJsonArray("totals")).containsExactly(money(200));
    assertThat(cart.getInteger("units")).isEqualTo(2);

    // Bounds: at most 3 lines, 1..20 units, active known products only.
    assertProblem(call(HttpMethod.POST, "/cart/add", me, null, item(short_, 1)), 400, "/productId");
    assertProblem(call(HttpMethod.POST, "/cart/add", me, null, item(fine, 0)), 400, "/quantity");
    assertProblem(call(HttpMethod.POST, "/cart/add", me, null, item(fine, 19)), 400, "/quantity");
    assertProblem(call(HttpMethod.POST, "/cart/add", me, null, item(fine, 21)), 400, "/quantity");
    assertProblem(call(HttpMethod.PUT, "/cart/update", me, null, item(fine, 21)), 400, "/quantity");
    assertProblem(call(HttpMethod.POST, "/cart/add", me, null, item(archived, 1)), 409, "/productId");
    assertProblem(call(HttpMethod.POST, "/cart/add", me, null, item(UUID.randomUUID().toString(), 1)), 400, "/productId");

    ok(call(HttpMethod.DELETE, "/cart/remove?productId=" + archived, me, null, null));
    cart = ok(call(HttpMethod.POST, "/cart/add", me, null, item(short_, 11)));
    assertThat(line(cart, short_).getJsonArray("issues")).containsExactly("insufficient-stock");
    assertThat(line(cart, short_).getInteger("available")).isEqualTo(10);
    assertThat(cart.getJsonArray("totals")).containsExactly(money(200));
  }

  @Test
  void orderPlacedEmptiesTheCartOnceAndGetCartAnswersTheOrderDomain() {
    String a = product(100, 10);
    String account = UUID.randomUUID().toString();
    String me = token("customer", account);
    JsonObject cart = ok(call(HttpMethod.POST, "/cart/add", me, null, item(a, 2)));
    String cartId = cart.getString("cartId");

    JsonObject forOrder = bus("mercato.cart.get-cart", new JsonObject().put("accountId", account));
    assertThat(forOrder.getString("cartId")).isEqualTo(cartId);
    assertThat(forOrder.getJsonArray("lines")).containsExactly(new JsonObject().put("productId", a).put("quantity", 2));
    assertThat(bus("mercato.cart.get-cart", new JsonObject().put("accountId", UUID.randomUUID().toString()))
        .getJsonArray("lines")).isEmpty();

    JsonObject event = new JsonObject().put("specversion", "1.0").put("id", UUID.randomUUID().toString())
        .put("type", "mercato.order.placed.v1").put("source", "/mercato/order").put("subject", UUID.randomUUID().toString())
        .put("time", "2026-01-01T00:00:00Z").put("data", new JsonObject().put("orderId", UUID.randomUUID().toString())
            .put("accountId", account).put("cartId", cartId));
    assertThat(deliver(event).getBoolean("handled")).isTrue();
    assertThat(ok(call(HttpMethod.GET, "/cart", me, null, null)).getJsonArray("lines")).isEmpty();

    ok(call(HttpMethod.POST, "/cart/add", me, null, item(a, 1)));
    assertThat(deliver(event).getBoolean("handled")).isFalse(); // a redelivery changes nothing
    assertThat(ok(call(HttpMethod.GET, "/cart", me, null, null)).getJsonArray("lines")).hasSize(1);
  }

  @Test
  void abandonedCartsAreSwept() {
    String a = product(100, 10);
    String cartToken = call(HttpMethod.POST, "/cart/add", null, null, item(a, 1)).getHeader("X-Cart-Token");
    String me = customer();
    ok(call(HttpMethod.POST, "/cart/add", me, null, item(a, 1)));
    String hash = CartTokens.hash(cartToken);
    app.db.execute("UPDATE cart.carts SET updated_at = now() - interval '1000 hours' WHERE token_hash = '" + hash + "'");
    Await.until("the abandoned cart is swept", Duration.ofSeconds(5),
        () -> app.db.count("SELECT count(*) FROM cart.carts WHERE token_hash = '" + hash + "'") == 0);
    assertThat(ok(call(HttpMethod.GET, "/cart", null, cartToken, null)).getJsonArray("lines")).isEmpty();
    assertThat(ok(call(HttpMethod.GET, "/cart", me, null, null)).getJsonArray("lines")).hasSize(1);
  }

  static JsonObject bus(String address, JsonObject body) {
    return Await.result(app.node.vertx().eventBus().<JsonObject>request(address,
        Envelope.internal(body, UUID.randomUUID().toString()))).body();
  }

  static JsonObject deliver(JsonObject event) {
    return Await.result(app.node.vertx().eventBus().<JsonObject>request("mercato.cart.inbox", event)).body();
  }
}
