package mercato.cart;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
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
 * The cart's side of affiliate links: the last referral code given on an add wins, get-cart
 * hands it to the order domain only within cart.referralWindowHours, a guest's later click
 * survives the merge on login; and every add writes item-added in its transaction.
 */
class CartReferralTest {
  static TestNode app;
  static String seller;
  static String warehouse;

  @BeforeAll
  static void start() {
    app = TestNode.of(CatalogDomain.domain(), InventoryDomain.domain(), CartDomain.domain()).withKeys()
        .set("http.contract", "openapi.yaml")
        .set("cart.referralWindowHours", "24")
        .start();
    seller = token("company", UUID.randomUUID().toString());
    HttpResponse<Buffer> made = app.api.post("/warehouses", seller, new JsonObject().put("name", "Main")
        .put("capacity", 100000).put("priority", 1).put("location", new JsonObject().put("line1", "1 Dock Road")
            .put("city", "Hamburg").put("postalCode", "20457").put("country", "DE")));
    assertThat(made.statusCode()).as(made.bodyAsString()).isEqualTo(201);
    warehouse = made.bodyAsJsonObject().getString("id");
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  static String token(String typ, String id) {
    return app.tokens.sign(new JsonObject().put("sub", id).put("typ", typ).put("roles", new JsonArray())
        .put("email_verified", true), 600);
  }

  static String product() {
    HttpResponse<Buffer> made = app.api.post("/products", seller, new JsonObject().put("name", "P")
        .put("sku", "SKU-" + UUID.randomUUID().toString().substring(0, 8)).put("status", "active")
        .put("price", new JsonObject().put("amount", 500).put("currency", "EUR")));
    assertThat(made.statusCode()).as(made.bodyAsString()).isEqualTo(201);
    String id = made.bodyAsJsonObject().getString("id");
    Await.until("inventory knows " + id, Duration.ofSeconds(10), () -> app.api.put("/inventory/product/" + id
        + "/stock", seller, new JsonObject().put("warehouseId", warehouse).put("onHand", 50)).statusCode() == 200);
    return id;
  }

  static HttpResponse<Buffer> add(String bearer, String cartToken, String product, int quantity, String code) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json");
    if (bearer != null) {
      headers.add("Authorization", "Bearer " + bearer);
    }
    if (cartToken != null) {
      headers.add("X-Cart-Token", cartToken);
    }
    JsonObject body = new JsonObject().put("productId", product).put("quantity", quantity);
    if (code != null) {
      body.put("referralCode", code);
    }
    return app.api.http().send(HttpMethod.POST, "/cart/add", headers, body.toBuffer());
  }

  static JsonObject forOrder(String account) {
    return Await.result(app.node.vertx().eventBus().<JsonObject>request("mercato.cart.get-cart",
        Envelope.internal(new JsonObject().put("accountId", account), "test"))).body();
  }

  static void ok(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
  }

  @Test
  void theLastCodeWinsWithinTheWindow() {
    String a = product();
    String b = product();
    String account = UUID.randomUUID().toString();
    String me = token("customer", account);
    ok(add(me, null, a, 1, null));
    assertThat(forOrder(account).getString("referralCode")).isNull();
    ok(add(me, null, a, 1, "FIRST123"));
    assertThat(forOrder(account).getString("referralCode")).isEqualTo("FIRST123");
    ok(add(me, null, b, 1, "second_click"));
    ok(add(me, null, b, 1, null)); // an add without a code keeps the last one
    JsonObject cart = forOrder(account);
    assertThat(cart.getString("referralCode")).isEqualTo("second_click");
    assertThat(cart.getJsonArray("lines")).hasSize(2);

    // Bad codes are refused and change nothing.
    assertThat(add(me, null, a, 1, "no").statusCode()).isEqualTo(400);
    assertThat(add(me, null, a, 1, "bad code!").statusCode()).isEqualTo(400);
    assertThat(forOrder(account).getString("referralCode")).isEqualTo("second_click");

    // Older than the window: no longer handed to the order.
    app.db.execute("UPDATE cart.carts SET referral_at = now() - interval '25 hours' WHERE account_id = '" + account + "'");
    assertThat(forOrder(account).getString("referralCode")).isNull();
    ok(add(me, null, a, 1, "fresh-again"));
    assertThat(forOrder(account).getString("referralCode")).isEqualTo("fresh-again");
    assertThat(forOrder(UUID.randomUUID().toString()).getString("referralCode")).isNull();
  }

  @Test
  void aGuestsLaterClickSurvivesTheMerge() {
    String a = product();
    String account = UUID.randomUUID().toString();
    String me = token("customer", account);
    ok(add(me, null, a, 1, "CUSTOMER1"));
    app.db.execute("UPDATE cart.carts SET referral_at = now() - interval '1 hour' WHERE account_id = '" + account + "'");
    String cartToken = add(null, null, a, 1, "GUESTLATER").getHeader("X-Cart-Token");
    ok(add(me, cartToken, a, 1, null)); // merges
    assertThat(forOrder(account).getString("referralCode")).isEqualTo("GUESTLATER");

    // An older guest click does not override the customer's newer one.
    String other = UUID.randomUUID().toString();
    String guest = add(null, null, a, 1, "OLDGUEST").getHeader("X-Cart-Token");
    app.db.execute("UPDATE cart.carts SET referral_at = now() - interval '2 hours' WHERE token_hash = '"
        + CartTokens.hash(guest) + "'");
    ok(add(token("customer", other), null, a, 1, "NEWCUSTOMER"));
    ok(add(token("customer", other), guest, a, 1, null));
    assertThat(forOrder(other).getString("referralCode")).isEqualTo("NEWCUSTOMER");
  }

  @Test
  void everyAddWritesItemAddedInItsTransaction() {
    String a = product();
    String account = UUID.randomUUID().toString();
    HttpResponse<Buffer> guest = add(null, null, a, 2, null);
    ok(guest);
    String guestCart = guest.bodyAsJsonObject().getString("cartId");
    HttpResponse<Buffer> mine = add(token("customer", account), null, a, 3, null);
    ok(mine);
    String myCart = mine.bodyAsJsonObject().getString("cartId");

    JsonObject guestEvent = new JsonObject(app.db.column("SELECT data FROM cart.outbox WHERE type = "
        + "'mercato.cart.item-added.v1' AND subject = '" + guestCart + "'").get(0));
    assertThat(guestEvent.getString("cartId")).isEqualTo(guestCart);
    assertThat(guestEvent.containsKey("accountId")).isTrue();
    assertThat(guestEvent.getString("accountId")).isNull();
    assertThat(guestEvent.getString("productId")).isEqualTo(a);
    assertThat(guestEvent.getInteger("quantity")).isEqualTo(2);
    assertThat(guestEvent.getString("addedAt")).isNotBlank();
    JsonObject myEvent = new JsonObject(app.db.column("SELECT data FROM cart.outbox WHERE type = "
        + "'mercato.cart.item-added.v1' AND subject = '" + myCart + "'").get(0));
    assertThat(myEvent.getString("accountId")).isEqualTo(account);
    assertThat(myEvent.getInteger("quantity")).isEqualTo(3);

    // A refused add writes nothing.
    long before = app.db.count("SELECT count(*) FROM cart.outbox WHERE subject = '" + myCart + "'");
    assertThat(add(token("customer", account), null, a, 1000, null).statusCode()).isEqualTo(400);
    assertThat(app.db.count("SELECT count(*) FROM cart.outbox WHERE subject = '" + myCart + "'")).isEqualTo(before);
  }
}
