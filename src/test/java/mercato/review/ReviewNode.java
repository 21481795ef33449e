package mercato.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import mercato.auth.AuthDomain;
import mercato.catalog.CatalogDomain;
import mercato.review.api.ReviewAddresses;
import mercato.testing.Await;
import mercato.testing.TestNode;

/**
 * A node with auth, catalog and review, and a test stand-in for the order domain's
 * has-purchased: it answers from the purchases a test records ({@link #buy}, {@link #buyFrom}).
 */
final class ReviewNode implements AutoCloseable {
  static final String PASSWORD = "correct horse battery staple";

  final TestNode app;
  /** "account product:id" and "account seller:id" for every paid purchase the test made up. */
  final Set<String> purchases = ConcurrentHashMap.newKeySet();
  /** Every has-purchased question asked, as the body that was sent. */
  final Set<JsonObject> questions = ConcurrentHashMap.newKeySet();

  ReviewNode(boolean acceptUnverified) {
    app = TestNode.of(AuthDomain.domain(), CatalogDomain.domain(), ReviewDomain.domain()).withKeys().quickAuth()
        .set("http.contract", "openapi.yaml")
        .set("review.acceptUnverified", String.valueOf(acceptUnverified))
        .start();
    Await.result(app.node.vertx().eventBus().<JsonObject>consumer(ReviewAddresses.HAS_PURCHASED, this::hasPurchased)
        .completion());
  }

  private void hasPurchased(Message<JsonObject> message) {
    JsonObject body = message.body().getJsonObject("body");
    questions.add(body);
    String key = body.getString("accountId") + (body.containsKey("productId")
        ? " product:" + body.getString("productId") : " seller:" + body.getString("sellerId"));
    message.reply(new JsonObject().put("purchased", purchases.contains(key)));
  }

  void buy(String account, String product, String seller) {
    purchases.add(account + " product:" + product);
    purchases.add(account + " seller:" + seller);
  }

  void buyFrom(String account, String seller) {
    purchases.add(account + " seller:" + seller);
  }

  String token(String typ, String sub) {
    return app.tokens.sign(new JsonObject().put("sub", sub).put("typ", typ).put("roles", new JsonArray())
        .put("email_verified", true), 600);
  }

  /** A registered company's account id. */
  String company(String name) {
    HttpResponse<Buffer> made = app.api.post("/company/register", null, new JsonObject()
        .put("email", name.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com")
        .put("password", PASSWORD).put("name", name));
    assertThat(made.statusCode()).as(made.bodyAsString()).isEqualTo(201);
    return made.bodyAsJsonObject().getString("id");
  }

  /** An active product of {@code seller}. */
  String product(String seller) {
    HttpResponse<Buffer> made = app.api.post("/products", token("company", seller), new JsonObject().put("name", "Mug")
        .put("sku", "SKU-" + UUID.randomUUID().toString().substring(0, 8)).put("status", "active")
        .put("price", new JsonObject().put("amount", 1299).put("currency", "EUR")));
    assertThat(made.statusCode()).as(made.bodyAsString()).isEqualTo(201);
    return made.bodyAsJsonObject().getString("id");
  }

  static JsonObject review(String productId, int rating) {
    return new JsonObject().put("productId", productId).put("rating", rating).put("title", "Title " + rating)
        .put("text", "Rated " + rating);
  }

  /** The product's rating as GET /products/{id} shows it, once it satisfies {@code wanted}. */
  JsonObject awaitRating(String product, java.util.function.Predicate<JsonObject> wanted) {
    JsonObject[] last = new JsonObject[1];
    Await.until("the rating of " + product, Duration.ofSeconds(10), () -> {
      last[0] = app.api.get("/products/" + product, null).bodyAsJsonObject().getJsonObject("rating");
      return wanted.test(last[0]);
    });
    return last[0];
  }

  @Override
  public void close() {
    app.close();
  }
}
