package mercato.review;

import static mercato.review.ReviewNode.review;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import mercato.testing.Api;
import mercato.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reviews over HTTP on real auth, catalog and review domains with a stand-in has-purchased
 * (acceptUnverified false, the default): purchase checks, one per target, author-only edits,
 * admin moderation and deletion, company reviews, paging, and the rating summary reaching
 * GET /products/{id} through rating-changed events.
 */
class ReviewHttpTest {
  static ReviewNode node;
  static TestNode app;
  static Api api;
  static String seller;
  static String admin;

  @BeforeAll
  static void start() {
    node = new ReviewNode(false);
    app = node.app;
    api = app.api;
    seller = node.company("Acme");
    admin = node.token("admin", UUID.randomUUID().toString());
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  static String customer(String id) {
    return node.token("customer", id);
  }

  /** A new customer who bought {@code product}: its id. */
  static String buyer(String product) {
    String id = UUID.randomUUID().toString();
    node.buy(id, product, seller);
    return id;
  }

  static JsonObject created(HttpResponse<Buffer> response) {
    assertStatus(response, 201);
    return response.bodyAsJsonObject();
  }

  static void assertStatus(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
  }

  static void assertProblem(HttpResponse<Buffer> response, int status, String type) {
    assertStatus(response, status);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(response.bodyAsJsonObject().getString("type")).isEqualTo("/problems/" + type);
  }

  static long reviews(String product) {
    return app.db.count("SELECT count(*) FROM review.reviews WHERE product_id = '" + product + "'");
  }

  @Test
  void aCustomerWhoDidNotBuyIsRefused() {
    String product = node.product(seller);
    String stranger = UUID.randomUUID().toString();
    assertProblem(api.post("/reviews", customer(stranger), review(product, 5)), 403, "purchase-required");
    assertProblem(api.post("/review", customer(stranger), review(product, 5)), 403, "purchase-required");
    assertThat(node.questions).contains(new JsonObject().put("accountId", stranger).put("productId", product));
    assertThat(reviews(product)).isZero();
    assertThat(app.db.count("SELECT count(*) FROM review.outbox WHERE subject = '" + product + "'")).isZero();
    // Only customers write reviews; anonymous callers are not signed in.
    assertStatus(api.post("/reviews", node.token("company", seller), review(product, 5)), 403);
    assertStatus(api.post("/reviews", null, review(product, 5)), 401);
  }

  @Test
  void aBuyersReviewIsVerifiedAndTheSummaryReachesTheProduct() {
    String product = node.product(seller);
    String ann = buyer(product);
    JsonObject first = created(api.post("/reviews", customer(ann), review(product, 4)));
    assertThat(first.getBoolean("verifiedPurchase")).isTrue();
    assertThat(first.getString("authorId")).isEqualTo(ann);
    assertThat(first.getString("status")).isEqualTo("published");
    assertThat(api.get("/reviews/" + first.getString("id"), null).bodyAsJsonObject()).isEqualTo(first);
    assertThat(api.get("/review/" + first.getString("id"), null).bodyAsJsonObject()).isEqualTo(first);

    JsonObject rating = node.awaitRating(product, r -> r.getInteger("count") == 1);
    assertThat(rating.getDouble("average")).isEqualTo(4.0);
    assertThat(rating.getJsonObject("distribution").getInteger("4")).isEqualTo(1);

    created(api.post("/review", customer(buyer(product)), review(product, 5)));
    created(api.post("/reviews", customer(buyer(product)), review(product, 5)));
    rating = node.awaitRating(product, r -> r.getInteger("count") == 3);
    assertThat(rating.getDouble("average")).isEqualTo(4.67);
    assertThat(rating.getJsonObject("distribution")).isEqualTo(new JsonObject()
        .put("1", 0).put("2", 0).put("3", 0).put("4", 1).put("5", 2));
    // The listing shows the summary too, and so does the product listing.
    JsonObject page = api.get("/reviews?productId=" + product, null).bodyAsJsonObject();
    assertThat(page.getJsonObject("summary").getInteger("count")).isEqualTo(3);
    assertThat(page.getJsonObject("summary").getDouble("average")).isEqualTo(4.67);
    JsonObject listed = api.get("/products?seller=" + seller + "&limit=100", null).bodyAsJsonObject()
        .getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(p -> p.getString("id").equals(product)).findFirst().orElseThrow();
    assertThat(listed.getJsonObject("rating").getInteger("count")).isEqualTo(3);
  }

  @Test
  void oneReviewPerProductPerCustomer() {
    String product = node.product(seller);
    String ann = buyer(product);
    created(api.post("/reviews", customer(ann), review(product, 3)));
    assertProblem(api.post("/reviews", customer(ann), review(product, 5)), 409, "already-reviewed");
    assertProblem(api.post("/review", customer(ann), review(product, 1)), 409, "already-reviewed");
    assertThat(reviews(product)).isEqualTo(1);
  }

  @Test
  void invalidBodiesAreRefusedWithNothingStored() {
    String product = node.product(seller);
    String ann = customer(buyer(product));
    for (Object rating : List.of(0, 6, -1, 3.5, "5")) {
      assertProblem(api.post("/reviews", ann, review(product, 1).put("rating", rating)), 400, "validation");
    }
    assertProblem(api.post("/reviews", ann, review(product, 4).put("title", "   ")), 400, "validation");
    assertProblem(api.post("/reviews", ann, review(product, 4).put("text", "x".repeat(5001))), 400, "validation");
    assertProblem(api.post("/reviews", ann, new JsonObject().put("productId", product).put("rating", 4)), 400,
        "validation");
    assertProblem(api.post("/reviews", ann, review(product, 4).put("verifiedPurchase", true)), 400, "validation");
    assertProblem(api.post("/reviews", ann, review(product, 4).put("companyId", seller)), 400, "validation");
    assertProblem(api.post("/reviews", ann, review(product, 4).put("productId", "not-a-uuid")), 400, "validation");
    assertThat(reviews(product)).isZero();
  }

  @Test
  void unknownAndDeletedProductsAreNotFound() {
    String gone = node.product(seller);
    String ann = customer(buyer(gone));
    assertStatus(api.delete("/products/" + gone, node.token("company", seller)), 204);
    assertProblem(api.post("/reviews", ann, review(gone, 4)), 404, "not-found");
    String unknown = UUID.randomUUID().toString();
    assertProblem(api.post("/reviews", ann, review(unknown, 4)), 404, "not-found");
    assertThat(reviews(gone)).isZero();
  }

  @Test
  void onlyTheAuthorEdits() {
    String product = node.product(seller);
    String ann = buyer(product);
    JsonObject mine = created(api.post("/reviews", customer(ann), review(product, 2)));
    String path = "/reviews/" + mine.getString("id");

    assertProblem(api.put(path, customer(buyer(product)), new JsonObject().put("rating", 5)), 403, "forbidden");
    assertStatus(api.put(path, node.token("company", seller), new JsonObject().put("rating", 5)), 403);
    assertStatus(api.put(path, null, new JsonObject().put("rating", 5)), 401);
    assertProblem(api.put(path, customer(ann), new JsonObject().put("status", "hidden")), 400, "validation");
    assertProblem(api.put(path, customer(ann), new JsonObject().put("rating", 9)), 400, "validation");
    assertProblem(api.put("/reviews/" + UUID.randomUUID(), customer(ann), new JsonObject().put("rating", 5)), 404,
        "not-found");

    HttpResponse<Buffer> edited = api.put("/review/" + mine.getString("id"), customer(ann),
        new JsonObject().put("rating", 5).put("text", "Better after a week."));
    assertStatus(edited, 200);
    assertThat(edited.bodyAsJsonObject().getInteger("rating")).isEqualTo(5);
    assertThat(edited.bodyAsJsonObject().getString("title")).isEqualTo("Title 2");
    assertThat(edited.bodyAsJsonObject().getString("text")).isEqualTo("Better after a week.");
    JsonObject rating = node.awaitRating(product, r -> r.getDouble("average") != null && r.getDouble("average") == 5.0);
    assertThat(rating.getInteger("count")).isEqualTo(1);

    assertProblem(api.delete(path, customer(buyer(product))), 403, "forbidden");
    assertStatus(api.delete(path, customer(ann)), 204);
    assertStatus(api.get(path, null), 404);
    node.awaitRating(product, r -> r.getInteger("count") == 0 && r.getValue("average") == null);
  }

  @Test
  void adminsHidePublishAndDelete() {
    String product = node.product(seller);
    String ann = buyer(product);
    JsonObject low = created(api.post("/reviews", customer(ann), review(product, 1)));
    created(api.post("/reviews", customer(buyer(product)), review(product, 5)));
    node.awaitRating(product, r -> r.getInteger("count") == 2);
    String path = "/reviews/" + low.getString("id");

    assertProblem(api.put(path, admin, new JsonObject().put("rating", 5)), 400, "validation");
    assertProblem(api.put(path, admin, new JsonObject().put("status", "deleted")), 400, "validation");
    HttpResponse<Buffer> hidden = api.put(path, admin, new JsonObject().put("status", "hidden"));
    assertStatus(hidden, 200);
    assertThat(hidden.bodyAsJsonObject().getString("status")).isEqualTo("hidden");
    // Hidden: gone for the public, kept for its author and admins, out of the summary.
    assertStatus(api.get(path, null), 404);
    assertStatus(api.get(path, customer(UUID.randomUUID().toString())), 404);
    assertStatus(api.get(path, customer(ann)), 200);
    assertStatus(api.get(path, admin), 200);
    JsonObject page = api.get("/reviews?productId=" + product, null).bodyAsJsonObject();
    assertThat(page.getJsonArray("items")).hasSize(1);
    assertThat(page.getJsonObject("summary").getInteger("count")).isEqualTo(1);
    assertThat(api.get("/reviews?productId=" + product + "&status=hidden", admin).bodyAsJsonObject()
        .getJsonArray("items")).hasSize(1);
    assertStatus(api.get("/reviews?productId=" + product + "&status=hidden", null), 400);
    assertThat(api.get("/reviews?authorId=" + ann, customer(ann)).bodyAsJsonObject().getJsonArray("items")).hasSize(1);
    assertThat(api.get("/reviews?authorId=" + ann, null).bodyAsJsonObject().getJsonArray("items")).isEmpty();
    JsonObject rating = node.awaitRating(product, r -> r.getInteger("count") == 1);
    assertThat(rating.getDouble("average")).isEqualTo(5.0);

    assertStatus(api.put("/review/" + low.getString("id"), admin, new JsonObject().put("status", "published")), 200);
    node.awaitRating(product, r -> r.getInteger("count") == 2 && r.getDouble("average") == 3.0);

    assertStatus(api.delete("/review/" + low.getString("id"), admin), 204);
    assertStatus(api.delete(path, admin), 404);
    node.awaitRating(product, r -> r.getInteger("count") == 1 && r.getDouble("average") == 5.0);
    assertThat(app.db.count("SELECT count(*) FROM review.outbox WHERE subject = '" + low.getString("id")
        + "' AND type IN ('mercato.review.created.v1', 'mercato.review.moderated.v1', 'mercato.review.deleted.v1')"))
        .isEqualTo(4);
  }

  @Test
  void companiesAreReviewedByTheirBuyers() {
    String shopper = UUID.randomUUID().toString();
    assertProblem(api.post("/reviews", customer(shopper), companyReview("companyId", seller, 4)), 403,
        "purchase-required");
    node.buyFrom(shopper, seller);
    JsonObject made = created(api.post("/reviews", customer(shopper), companyReview("sellerId", seller, 4)));
    assertThat(made.getString("companyId")).isEqualTo(seller);
    assertThat(made.getValue("productId")).isNull();
    assertThat(made.getBoolean("verifiedPurchase")).isTrue();
    assertThat(node.questions).contains(new JsonObject().put("accountId", shopper).put("sellerId", seller));
    assertProblem(api.post("/reviews", customer(shopper), companyReview("companyId", seller, 2)), 409,
        "already-reviewed");

    for (String filter : List.of("companyId", "sellerId")) {
      JsonObject page = api.get("/reviews?" + filter + "=" + seller, null).bodyAsJsonObject();
      assertThat(page.getJsonArray("items").stream().map(r -> ((JsonObject) r).getString("id")))
          .contains(made.getString("id"));
      assertThat(page.getJsonObject("summary").getInteger("count")).isGreaterThanOrEqualTo(1);
    }
    // Not a selling account, or no account at all: not found.
    String customerAccount = UUID.randomUUID().toString();
    node.buyFrom(shopper, customerAccount);
    assertProblem(api.post("/reviews", customer(shopper), companyReview("companyId", customerAccount, 4)), 404,
        "not-found");
  }

  static JsonObject companyReview(String field, String company, int rating) {
    return new JsonObject().put(field, company).put("rating", rating).put("title", "Seller").put("text", "Fast.");
  }

  @Test
  void textIsStoredExactlyAsSent() {
    String product = node.product(seller);
    String markup = "<script>alert('x')</script> & \"quoted\" \u00e9\u00e8  ";
    JsonObject made = created(api.post("/reviews", customer(buyer(product)),
        review(product, 3).put("title", "<b>bold</b>").put("text", markup)));
    JsonObject read = api.get("/reviews/" + made.getString("id"), null).bodyAsJsonObject();
    assertThat(read.getString("text")).isEqualTo(markup);
    assertThat(read.getString("title")).isEqualTo("<b>bold</b>");
    assertThat(app.db.column("SELECT body FROM review.reviews WHERE id = '" + made.getString("id") + "'"))
        .containsExactly(markup);
  }

  @Test
  void listingsPageNewestFirstAndFilterByRating() {
    String product = node.product(seller);
    List<String> ids = new ArrayList<>();
    for (int rating : new int[] {5, 3, 5}) {
      ids.add(created(api.post("/reviews", customer(buyer(product)), review(product, rating))).getString("id"));
    }
    JsonObject first = api.get("/reviews?productId=" + product + "&limit=2", null).bodyAsJsonObject();
    assertThat(first.getJsonArray("items").stream().map(r -> ((JsonObject) r).getString("id")))
        .containsExactly(ids.get(2), ids.get(1));
    String cursor = first.getString("nextCursor");
    assertThat(cursor).isNotNull();
    JsonObject second = api.get("/reviews?productId=" + product + "&limit=2&cursor=" + cursor, null).bodyAsJsonObject();
    assertThat(second.getJsonArray("items").stream().map(r -> ((JsonObject) r).getString("id")))
        .containsExactly(ids.get(0));
    assertThat(second.getValue("nextCursor")).isNull();
    assertThat(api.get("/reviews?productId=" + product + "&rating=5", null).bodyAsJsonObject()
        .getJsonArray("items")).hasSize(2);
    assertStatus(api.get("/reviews?rating=6", null), 400);
    assertStatus(api.get("/reviews?cursor=nonsense", null), 400);
    assertStatus(api.get("/reviews?productId=" + product + "&companyId=" + seller, null), 400);
  }

  @Test
  void productListingsRankByRating() {
    String shop = UUID.randomUUID().toString();
    String unrated = node.product(shop);
    String good = node.product(shop);
    String better = node.product(shop);
    String best = node.product(shop);
    created(api.post("/reviews", customer(buyer(good)), review(good, 4)));
    created(api.post("/reviews", customer(buyer(better)), review(better, 5)));
    created(api.post("/reviews", customer(buyer(best)), review(best, 5)));
    created(api.post("/reviews", customer(buyer(best)), review(best, 5)));
    node.awaitRating(best, r -> r.getInteger("count") == 2);
    node.awaitRating(better, r -> r.getInteger("count") == 1);
    node.awaitRating(good, r -> r.getInteger("count") == 1);

    JsonObject first = api.get("/products?seller=" + shop + "&sort=rating&limit=2", null).bodyAsJsonObject();
    JsonObject second = api.get("/products?seller=" + shop + "&sort=rating&limit=2&cursor="
        + first.getString("nextCursor"), null).bodyAsJsonObject();
    List<String> order = new ArrayList<>();
    for (JsonObject page : List.of(first, second)) {
      page.getJsonArray("items").forEach(p -> order.add(((JsonObject) p).getString("id")));
    }
    assertThat(order).containsExactly(best, better, good, unrated);
    assertThat(second.getValue("nextCursor")).isNull();
  }

  @Test
  void aRedeliveredOrLateSummaryChangesNothing() {
    String product = node.product(seller);
    created(api.post("/reviews", customer(buyer(product)), review(product, 2)));
    created(api.post("/reviews", customer(buyer(product)), review(product, 4)));
    JsonObject settled = node.awaitRating(product, r -> r.getInteger("count") == 2);
    List<String> events = app.db.column("SELECT json_build_object('id', id, 'type', type, 'source', source, 'subject',"
        + " subject, 'time', to_char(time AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), 'data', data)"
        + " FROM review.outbox WHERE type = 'mercato.review.rating-changed.v1' AND subject = '" + product
        + "' ORDER BY seq");
    assertThat(events).hasSize(2);
    JsonObject older = new JsonObject(events.get(0));
    JsonObject latest = new JsonObject(events.get(1));
    assertThat(latest.getJsonObject("data").getInteger("count")).isEqualTo(2);
    assertThat(latest.getJsonObject("data").getLong("sum")).isEqualTo(6);

    // The same event again: the inbox knows its id.
    assertThat(deliver(latest).getBoolean("handled")).isFalse();
    // The same summary under a new id, and the older summary arriving late: nothing moves.
    assertThat(deliver(latest.copy().put("id", UUID.randomUUID().toString())).getBoolean("handled")).isTrue();
    assertThat(deliver(older.copy().put("id", UUID.randomUUID().toString())).getBoolean("handled")).isTrue();
    assertThat(app.db.count("SELECT rating_count FROM catalog.products WHERE id = '" + product + "'")).isEqualTo(2);
    assertThat(api.get("/products/" + product, null).bodyAsJsonObject().getJsonObject("rating")).isEqualTo(settled);
    assertThat(settled.getDouble("average")).isEqualTo(3.0);
  }

  static JsonObject deliver(JsonObject event) {
    return mercato.testing.Await.result(app.node.vertx().eventBus().<JsonObject>request("mercato.catalog.inbox",
        event.put("specversion", "1.0"))).body();
  }

  @Test
  void concurrentReviewsOfOneProductAllCount() throws Exception {
    String product = node.product(seller);
    int n = 8;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int rating = i % 5 + 1;
        String token = customer(buyer(product));
        answers.add(pool.submit(() -> api.post("/reviews", token, review(product, rating)).statusCode()));
      }
      for (Future<Integer> answer : answers) {
        assertThat(answer.get()).isEqualTo(201);
      }
    } finally {
      pool.shutdown();
    }
    // 1+2+3+4+5+1+2+3 = 21 over 8
    JsonObject rating = node.awaitRating(product, r -> r.getInteger("count") == n);
    assertThat(rating.getDouble("average")).isEqualTo(2.63);
    assertThat(app.db.count("SELECT count FROM review.rating_summaries WHERE target_id = '" + product + "'"))
        .isEqualTo(n);
  }
}
