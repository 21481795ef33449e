package mercato.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import mercato.affiliate.AffiliateDomain;
import mercato.analytics.AnalyticsDomain;
import mercato.auth.AuthDomain;
import mercato.cart.CartDomain;
import mercato.catalog.CatalogDomain;
import mercato.email.EmailDomain;
import mercato.inventory.InventoryDomain;
import mercato.notification.NotificationDomain;
import mercato.order.OrderDomain;
import mercato.payment.PaymentDomain;
import mercato.profile.ProfileDomain;
import mercato.review.ReviewDomain;
import mercato.search.SearchDomain;

/**
 * A whole node (every domain, the shipped contract, mail to the SMTP sink with links to
 * this node's own storefront) on a known port for browser journeys, filled with demo-like
 * data through the public API: a category tree, tags, two sellers with warehouses and
 * stocked products with images, an affiliate programme and reviewed purchases.
 */
public final class WebNode implements AutoCloseable {
  public static final String PASSWORD = "correct horse battery staple";

  public final TestNode app;
  /** {@code http://127.0.0.1:<port>}, the storefront's address and the mail links' base. */
  public final String base;
  public final Demo demo;

  /** What the demo data holds: ids by name. */
  public record Demo(Map<String, String> categories, Map<String, String> products, String referralCode,
      String sellerToken, String adminToken) {
    public String product(String name) {
      return products.get(name);
    }
  }

  private WebNode(TestNode app, String base) {
    this.app = app;
    this.base = base;
    this.demo = new DemoData(this).load();
  }

  public static WebNode start() {
    return start(Map.of());
  }

  /** A node with {@code settings} over the usual ones (a payment gateway, say). */
  public static WebNode start(Map<String, String> settings) {
    Browser.require();
    int port = Services.freePort();
    String base = "http://127.0.0.1:" + port;
    TestNode app = TestNode.of(AuthDomain.domain(), ProfileDomain.domain(), EmailDomain.domain(),
            NotificationDomain.domain(), CatalogDomain.domain(), InventoryDomain.domain(), CartDomain.domain(),
            OrderDomain.domain(), PaymentDomain.domain(), AffiliateDomain.domain(), ReviewDomain.domain(),
            SearchDomain.domain(), AnalyticsDomain.domain())
        .withKeys().quickAuth().requiring("postgres", "redis", "smtp").startWithin(Duration.ofMinutes(4))
        .set("http.port", String.valueOf(port))
        .set("http.contract", "openapi.yaml")
        .set("email.linkBase", base)
        .set("email.sweepMs", "100")
        .set("payment.asyncConfirmMs", "1500")
        .set("payment.delayedMs", "300")
        .set(settings)
        .start();
    try {
      return new WebNode(app, base);
    } catch (RuntimeException | Error e) {
      app.close();
      throw e;
    }
  }

  public String token(String typ, String id) {
    return app.tokens.sign(new JsonObject().put("sub", id).put("typ", typ).put("roles", new JsonArray())
        .put("email_verified", true).put("email", typ + "-" + id.substring(0, 6) + "@example.com"), 3600);
  }

  /** A new address on the SMTP sink nobody else uses. */
  public static String freshEmail(String who) {
    return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  public JsonObject ok(HttpResponse<Buffer> response, int... expected) {
    assertThat(expected.length == 0 ? List.of(200, 201) : java.util.Arrays.stream(expected).boxed().toList())
        .as(response.statusCode() + " " + response.bodyAsString())
        .contains(response.statusCode());
    return response.body() == null || response.body().length() == 0 ? new JsonObject() : response.bodyAsJsonObject();
  }

  /** Places an order as {@code customer} and pays it with the test gateway's {@code card}; the order id. */
  public String placeAndPay(String customer, String product, int quantity, String card) {
    String orderId = placeOrder(customer, product, quantity);
    ok(app.api.post("/payments", customer, new JsonObject().put("orderId", orderId).put("gateway", "test")
        .put("paymentMethod", new JsonObject().put("type", "card").put("token", card))), 201);
    return orderId;
  }

  /** Places an order of {@code quantity} x {@code product} as {@code customer}, awaiting payment; its id. */
  public String placeOrder(String customer, String product, int quantity) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer " + customer)
        .add("Content-Type", "application/json").add("Idempotency-Key", UUID.randomUUID().toString());
    JsonObject body = new JsonObject()
        .put("lines", new JsonArray().add(new JsonObject().put("productId", product).put("quantity", quantity)))
        .put("shippingAddress", new JsonObject().put("name", "Demo Buyer").put("line1", "2 Market St")
            .put("city", "Berlin").put("postalCode", "10115").put("country", "DE"));
    return ok(app.api.http().send(HttpMethod.POST, "/orders", headers, body.toBuffer()), 201).getString("orderId");
  }

  @Override
  public void close() {
    app.close();
  }

  /** Loads the demo data through the API and waits until search has indexed it. */
  private static final class DemoData {
    private final WebNode node;
    private final Api api;

    DemoData(WebNode node) {
      this.node = node;
      this.api = node.app.api;
    }

    Demo load() {
      String admin = node.token("admin", UUID.randomUUID().toString());
      Map<String, String> categories = new LinkedHashMap<>();
      String home = category(admin, "Home", null);
      String outdoors = category(admin, "Outdoors", null);
      categories.put("Home", home);
      categories.put("Outdoors", outdoors);
      categories.put("Kitchen", category(admin, "Kitchen", home));
      categories.put("Lighting", category(admin, "Lighting", home));
      categories.put("Camping", category(admin, "Camping", outdoors));
      for (String tag : List.of("new", "sale", "eco", "gift")) {
        node.ok(api.post("/tags", admin, new JsonObject().put("name", tag)), 201, 200, 409);
      }
      String sellerId = UUID.randomUUID().toString();
      String seller = node.token("company", sellerId);
      String warehouse = node.ok(api.post("/warehouses", seller, new JsonObject().put("name", "Berlin DC")
          .put("capacity", 100_000).put("priority", 1).put("location", new JsonObject().put("line1", "1 Dock Road")
              .put("city", "Berlin").put("postalCode", "10115").put("country", "DE"))), 201).getString("id");
      Map<String, String> products = new LinkedHashMap<>();
      record Item(String name, String category, long price, List<String> tags, String image, int stock) {}
      List<Item> items = List.of(
          new Item("Copper Kettle", "Kitchen", 4900, List.of("new", "gift"), "kettle", 12),
          new Item("Stoneware Mug", "Kitchen", 1450, List.of("eco"), "mug", 40),
          new Item("Cast Iron Pan", "Kitchen", 5990, List.of("sale"), "pan", 8),
          new Item("Desk Lamp", "Lighting", 3900, List.of("new"), "lamp", 15),
          new Item("Paper Lantern", "Lighting", 2200, List.of("eco", "gift"), "lantern", 20),
          new Item("Alpine Tent", "Camping", 18900, List.of("sale"), "tent", 5),
          new Item("Trail Backpack", "Camping", 8900, List.of("new", "eco"), "backpack", 9),
          new Item("Wool Blanket", "Camping", 6400, List.of("gift"), "blanket", 0));
      for (Item item : items) {
        String id = node.ok(api.post("/products", seller, new JsonObject().put("name", item.name())
            .put("sku", "SKU-" + UUID.randomUUID().toString().substring(0, 8)).put("status", "active")
            .put("description", "The " + item.name() + ": made to last, chosen for everyday use.")
            .put("categoryId", categories.get(item.category())).put("tags", new JsonArray(item.tags()))
            .put("attributes", new JsonObject().put("material", "recycled").put("origin", "EU"))
            .put("images", new JsonArray().add(new JsonObject().put("url", node.base + "/img/" + item.image() + ".svg")
                .put("alt", item.name())))
            .put("price", new JsonObject().put("amount", item.price()).put("currency", "EUR"))), 201).getString("id");
        products.put(item.name(), id);
        Await.until("inventory knows " + item.name(), Duration.ofSeconds(60), () -> api.put("/inventory/product/" + id
            + "/stock", seller, new JsonObject().put("warehouseId", warehouse).put("onHand", item.stock()))
            .statusCode() == 200);
      }
      String affiliate = node.token("affiliate", UUID.randomUUID().toString());
      String code = node.ok(api.post("/affiliates", affiliate, new JsonObject().put("name", "Deal Hunters")
          .put("website", "https://deals.example")), 201).getString("referralCode");
      reviews(products.get("Copper Kettle"));
      Await.until("search indexed the demo products", Duration.ofSeconds(90), () -> {
        HttpResponse<Buffer> found = api.get("/search/products?q=kettle", null);
        return found.statusCode() == 200 && !found.bodyAsJsonObject().getJsonArray("items", new JsonArray()).isEmpty();
      });
      return new Demo(categories, products, code, seller, admin);
    }

    private String category(String admin, String name, String parent) {
      JsonObject body = new JsonObject().put("name", name);
      if (parent != null) {
        body.put("parentId", parent);
      }
      return node.ok(api.post("/categories", admin, body), 201).getString("id");
    }

    /** Two buyers of the kettle review it (verified purchases): the product page shows a distribution. */
    private void reviews(String kettle) {
      List<String> buyers = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        String buyer = node.token("customer", UUID.randomUUID().toString());
        String order = node.placeAndPay(buyer, kettle, 1, "tok_visa");
        Await.until("order " + order + " paid", Duration.ofSeconds(60),
            () -> "paid".equals(node.ok(api.get("/orders/" + order, buyer)).getString("status")));
        buyers.add(buyer);
      }
      node.ok(api.post("/reviews", buyers.get(0), new JsonObject().put("productId", kettle).put("rating", 5)
          .put("title", "Boils fast").put("text", "Heavy, quiet and the handle stays cool.")), 201);
      node.ok(api.post("/reviews", buyers.get(1), new JsonObject().put("productId", kettle).put("rating", 4)
          .put("title", "Lovely, a bit heavy").put("text", "Looks great on the stove.")), 201);
    }
  }
}
