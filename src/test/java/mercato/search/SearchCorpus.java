package mercato.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import mercato.platform.bus.Envelope;
import mercato.testing.Await;
import mercato.testing.TestNode;
import mercato.search.api.SearchEvents;
import mercato.testing.EventFeed;

/** Makes a search corpus through the real catalog and inventory, and ratings through the stand-in feed. */
final class SearchCorpus {
  final TestNode app;
  final String admin;
  final String seller;
  final String sellerId = UUID.randomUUID().toString();
  final String warehouse;

  SearchCorpus(TestNode app) {
    this.app = app;
    this.admin = token("admin", UUID.randomUUID().toString());
    this.seller = token("company", sellerId);
    HttpResponse<Buffer> made = app.api.post("/warehouses", seller, new JsonObject().put("name", "Main")
        .put("capacity", 10_000_000).put("priority", 1).put("location", new JsonObject().put("line1", "1 Dock Road")
            .put("city", "Hamburg").put("postalCode", "20457").put("country", "DE")));
    assertStatus(made, 201);
    warehouse = made.bodyAsJsonObject().getString("id");
  }

  String token(String typ, String id) {
    return app.tokens.sign(new JsonObject().put("sub", id).put("typ", typ).put("roles", new JsonArray())
        .put("email_verified", true), 3600);
  }

  String category(String name, String parent) {
    HttpResponse<Buffer> made = app.api.post("/categories", admin, new JsonObject().put("name", name).put("parentId", parent));
    assertStatus(made, 201);
    return made.bodyAsJsonObject().getString("id");
  }

  String product(String name, String category, long price, List<String> tags, String description, String status) {
    return product(seller, name, category, price, tags, description, status);
  }

  String product(String owner, String name, String category, long price, List<String> tags, String description,
      String status) {
    HttpResponse<Buffer> made = app.api.post("/products", owner, new JsonObject().put("name", name)
        .put("sku", "SKU-" + UUID.randomUUID().toString().substring(0, 8)).put("status", status)
        .put("categoryId", category).put("tags", new JsonArray(tags)).put("description", description)
        .put("price", new JsonObject().put("amount", price).put("currency", "EUR")));
    assertStatus(made, 201);
    return made.bodyAsJsonObject().getString("id");
  }

  void stock(String product, int onHand) {
    Await.until("inventory knows " + product, Duration.ofSeconds(20), () -> app.api.put("/inventory/product/" + product
        + "/stock", seller, new JsonObject().put("warehouseId", warehouse).put("onHand", onHand)).statusCode() == 200);
  }

  void rating(String product, int count, double average) {
    JsonObject body = new JsonObject().put("productId", product).put("count", count)
        .put("sum", Math.round(average * count)).put("average", average);
    JsonObject event = new JsonObject().put("type", SearchEvents.RATING_CHANGED).put("subject", product)
        .put("data", body.put("distribution", new JsonObject()));
    Await.result(app.node.vertx().eventBus().request(EventFeed.EMIT, Envelope.internal(event, "test")));
  }

  static void assertStatus(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
  }
}
