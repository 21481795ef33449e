package mercato.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import mercato.catalog.api.CatalogAddresses;
import mercato.catalog.api.CatalogEvents;
import mercato.platform.bus.Envelope;
import mercato.testing.Api;
import mercato.testing.Await;
import mercato.testing.Services;
import mercato.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Products, categories, tags, listing, cache and events over HTTP and the bus, on real Postgres and Redis. */
class CatalogHttpTest {
  static TestNode app;
  static Api api;
  static Redis redis;
  static RedisAPI redisApi;

  record Caller(String id, String token) {}

  @BeforeAll
  static void start() {
    app = TestNode.of(CatalogDomain.domain()).withKeys().set("http.contract", "openapi.yaml").start();
    api = app.api;
    redis = Redis.createClient(app.node.vertx(), Services.redisUri());
    redisApi = RedisAPI.api(redis);
  }

  @AfterAll
  static void stop() {
    if (redis != null) {
      redis.close();
    }
    if (app != null) {
      app.close();
    }
  }

  static Caller caller(String typ, boolean verified) {
    String id = UUID.randomUUID().toString();
    return new Caller(id, app.tokens.sign(new JsonObject().put("sub", id).put("typ", typ)
        .put("roles", new JsonArray(typ.equals("admin") ? List.of("admin") : List.of())).put("email_verified", verified), 300));
  }

  static Caller seller() {
    return caller("company", true);
  }

  static JsonObject body(String name, String sku, long amount) {
    return new JsonObject().put("name", name).put("sku", sku)
        .put("price", new JsonObject().put("amount", amount).put("currency", "EUR"));
  }

  static JsonObject create(Caller seller, JsonObject body) {
    HttpResponse<Buffer> response = api.post("/products", seller.token(), body);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject();
  }

  static JsonObject category(String name, String parentId) {
    HttpResponse<Buffer> response = api.post("/categories", caller("admin", true).token(),
        new JsonObject().put("name", name).put("parentId", parentId));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject();
  }

  static void assertProblem(HttpResponse<Buffer> response, int status, String slug, String pointer) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.getString("type")).isEqualTo("/problems/" + slug);
    if (pointer != null) {
      assertThat(problem.getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("pointer")).toList())
          .as(problem.encode()).contains(pointer);
    }
  }

  static String row(String sql) {
    return app.db.column(sql).get(0);
  }

  @Test
  void aSellerCreatesReadsUpdatesAndDeletesItsProduct() {
    Caller seller = seller();
    JsonObject created = create(seller, body("Blue Café Mug", "MUG-1", 1299)
        .put("tags", new JsonArray().add("kitchen").add("mugs"))
        .put("attributes", new JsonObject().put("volumeMl", 350))
        .put("images", new JsonArray().add(new JsonObject().put("url", "https://img.example.com/mug.jpg").put("alt", "A mug"))));
    String id = created.getString("id");
    assertThat(created.getString("sellerId")).isEqualTo(seller.id());
    assertThat(created.getString("slug")).isEqualTo("blue-cafe-mug");
    assertThat(created.getString("status")).isEqualTo("draft");
    assertThat(created.getInteger("lowStockThreshold")).isEqualTo(5);
    assertThat(created.getJsonObject("rating")).isEqualTo(new JsonObject().put("average", null).put("count", 0)
        .put("distribution", new JsonObject().put("1", 0).put("2", 0).put("3", 0).put("4", 0).put("5", 0)));

    // A draft is the owner's only.
    assertThat(api.get("/products/" + id, seller.token()).statusCode()).isEqualTo(200);
    assertProblem(api.get("/products/" + id, null), 404, "not-found", null);

    HttpResponse<Buffer> updated = api.put("/product/" + id, seller.token(), new JsonObject().put("status", "active")
        .put("price", new JsonObject().put("amount", 1499).put("currency", "EUR")));
    assertThat(updated.statusCode()).as(updated.bodyAsString()).isEqualTo(200);
    assertThat(updated.bodyAsJsonObject().getInteger("version")).isEqualTo(2);
    JsonObject read = api.get("/product/" + id, null).bodyAsJsonObject();
    assertThat(read.getJsonObject("price").getLong("amount")).isEqualTo(1499);
    assertThat(read.getJsonArray("tags")).containsExactly("kitchen", "mugs");
    assertThat(read.getJsonArray("images").getJsonObject(0).getString("alt")).isEqualTo("A mug");

    assertThat(api.delete("/product/" + id, seller.token()).statusCode()).isEqualTo(204);
    assertProblem(api.get("/products/" + id, seller.token()), 404, "not-found", null);
    assertProblem(api.delete("/products/" + id, seller.token()), 404, "not-found", null);
    assertProblem(api.put("/products/" + id, seller.token(), new JsonObject().put("name", "x")), 404, "not-found", null);
    assertThat(row("SELECT deleted_at IS NOT NULL FROM catalog.products WHERE id = '" + id + "'")).isEqualTo("t");
    // The sku is free again once the product is deleted.
    create(seller, body("Blue Café Mug", "MUG-1", 1299));
  }

  @Test
  void onlyVerifiedSellersCreate() {
    assertProblem(api.post("/products", caller("shop", false).token(), body("x", "X-1", 1)), 403, "email-not-verified", null);
    assertProblem(api.post("/products", caller("customer", true).token(), body("x", "X-1", 1)), 403, "forbidden", null);
    assertProblem(api.post("/products", caller("admin", true).token(), body("x", "X-1", 1)), 403, "forbidden", null);
    assertProblem(api.post("/products", null, body("x", "X-1", 1)), 401, "unauthenticated", null);
    assertThat(api.post("/product", caller("shop", true).token(), body("x", "X-1", 1)).statusCode()).isEqualTo(201);
  }

  @Test
  void anotherSellerCannotSeeChangeOrDeleteAProductAndAnAdminMayChangeIt() {
    Caller owner = seller();
    Caller other = seller();
    String id = create(owner, body("Owner's lamp", "LAMP-1", 5000)).getString("id");
    String before = "SELECT version || ' ' || price_amount || ' ' || (deleted_at IS NULL) FROM catalog.products WHERE id = '" + id + "'";
    assertThat(row(before)).isEqualTo("1 5000 true");

    assertProblem(api.get("/products/" + id, other.token()), 404, "not-found", null);
    assertProblem(api.put("/products/" + id, other.token(), new JsonObject()
        .put("price", new JsonObject().put("amount", 1).put("currency", "EUR"))), 404, "not-found", null);
    assertProblem(api.delete("/products/" + id, other.token()), 404, "not-found", null);
    assertThat(row(before)).isEqualTo("1 5000 true");

    HttpResponse<Buffer> byAdmin = api.put("/products/" + id, caller("admin", true).token(), new JsonObject().put("status", "archived"));
    assertThat(byAdmin.statusCode()).as(byAdmin.bodyAsString()).isEqualTo(200);
    assertThat(byAdmin.bodyAsJsonObject().getString("sellerId")).isEqualTo(owner.id());
    assertThat(row(before)).isEqualTo("2 5000 true");
  }

  @Test
  void invalidProductsAreRefusedWithPointers() {
    Caller seller = seller();
    assertProblem(api.post("/products", seller.token(), body("x", "V-1", -1)), 400, "validation", "/price/amount");
    assertProblem(api.post("/products", seller.token(), body("x", "V-1", 1)
        .put("price", new JsonObject().put("amount", 1).put("currency", "ABC"))), 400, "validation", "/price/currency");
    assertProblem(api.post("/products", seller.token(), body("x", "V-1", 1)
        .put("categoryId", UUID.randomUUID().toString())), 400, "validation", "/categoryId");
    assertProblem(api.post("/products", seller.token(), body("x", "V-1", 1)
        .put("images", new JsonArray().add(new JsonObject().put("url", "javascript:alert(1)")))), 400, "validation", "/images/0/url");
    assertProblem(api.post("/products", seller.token(), body("x", "V-1", 1)
        .put("tags", new JsonArray().add("Not A Slug"))), 400, "validation", "/tags/0");
    JsonArray many = new JsonArray();
    for (int i = 0; i < 21; i++) {
      many.add("t" + i);
    }
    assertProblem(api.post("/products", seller.token(), body("x", "V-1", 1).put("tags", many)), 400, "validation", "/tags");
    // The owner comes from the token, never the body: the contract refuses the field.
    HttpResponse<Buffer> owner = api.post("/products", seller.token(), body("x", "V-1", 1).put("sellerId", UUID.randomUUID().toString()));
    assertProblem(owner, 400, "validation", null);
    assertThat(owner.bodyAsString()).contains("sellerId");
    assertThat(app.db.count("SELECT count(*) FROM catalog.products WHERE seller_id = '" + seller.id() + "'")).isZero();

    create(seller, body("First", "DUP-1", 1));
    assertProblem(api.post("/products", seller.token(), body("Second", "DUP-1", 1)), 409, "conflict", "/sku");
    // Another seller may use the same sku; a repeated name gets a distinct slug.
    create(seller(), body("First", "DUP-1", 1));
    assertThat(create(seller, body("First", "DUP-2", 1)).getString("slug")).startsWith("first-").isNotEqualTo("first");
  }

  @Test
  void listingFiltersSortsAndPagesWithoutDuplicatesOrGaps() {
    Caller seller = seller();
    String root = category("Home " + UUID.randomUUID(), null).getString("id");
    String child = category("Kitchen", root).getString("id");
    String grandchild = category("Cups", child).getString("id");
    String elsewhere = category("Garden " + UUID.randomUUID(), null).getString("id");
    String[][] specs = {
        {"Anvil", "100", root, "heavy"}, {"Bowl", "250", child, "kitchen"}, {"Cup", "300", grandchild, "kitchen"},
        {"Dish", "400", grandchild, "kitchen"}, {"Easel", "150", elsewhere, "art"}, {"Fork", "50", child, "kitchen"},
        {"Gnome", "999", elsewhere, "garden"}};
    List<String> active = new ArrayList<>();
    for (String[] spec : specs) {
      JsonObject product = create(seller, body(spec[0], "L-" + spec[0], Long.parseLong(spec[1])).put("status", "active")
          .put("categoryId", spec[2]).put("tags", new JsonArray().add(spec[3])));
      active.add(product.getString("id"));
    }
    String draft = create(seller, body("Hidden draft", "L-DRAFT", 10).put("categoryId", child)).getString("id");
    String gone = create(seller, body("Gone", "L-GONE", 10).put("status", "active").put("categoryId", child)).getString("id");
    assertThat(api.delete("/products/" + gone, seller.token()).statusCode()).isEqualTo(204);

    String mine = "/products?seller=" + seller.id();
    assertThat(names(mine + "&sort=name")).containsExactly("Anvil", "Bowl", "Cup", "Dish", "Easel", "Fork", "Gnome");
    assertThat(names(mine + "&sort=price")).containsExactly("Fork", "Anvil", "Easel", "Bowl", "Cup", "Dish", "Gnome");
    assertThat(names(mine + "&sort=-price")).containsExactly("Gnome", "Dish", "Cup", "Bowl", "Easel", "Anvil", "Fork");
    assertThat(names(mine)).containsExactly("Gnome", "Fork", "Easel", "Dish", "Cup", "Bowl", "Anvil");
    assertThat(names("/products?sort=name&category=" + root)).containsExactly("Anvil", "Bowl", "Cup", "Dish", "Fork");
    assertThat(names("/products?sort=name&category=" + child)).containsExactly("Bowl", "Cup", "Dish", "Fork");
    assertThat(names(mine + "&sort=name&tag=kitchen")).containsExactly("Bowl", "Cup", "Dish", "Fork");
    assertThat(names(mine + "&sort=name&minPrice=150&maxPrice=400&currency=EUR")).containsExactly("Bowl", "Cup", "Dish", "Easel");
    assertProblem(api.get(mine + "&minPrice=500&maxPrice=100", null), 400, "validation", "/minPrice");
    assertProblem(api.get("/products?limit=101", null), 400, "validation", "/limit");

    // Status: the owner listing its own products only; nobody else may ask for drafts.
    assertThat(names(mine + "&status=draft", seller.token())).containsExactly("Hidden draft");
    assertThat(names(mine + "&sort=name", seller.token())).hasSize(8).contains("Hidden draft").doesNotContain("Gone");
    assertProblem(api.get(mine + "&status=draft", seller().token()), 400, "validation", "/status");
    assertProblem(api.get(mine + "&status=draft", null), 400, "validation", "/status");

    for (String sort : List.of("newest", "price", "-price", "name")) {
      List<String> walked = new ArrayList<>();
      String cursor = null;
      int pages = 0;
      do {
        HttpResponse<Buffer> response = api.get(mine + "&limit=2&sort=" + sort + (cursor == null ? "" : "&cursor=" + cursor), null);
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        JsonObject page = response.bodyAsJsonObject();
        page.getJsonArray("items").forEach(item -> walked.add(((JsonObject) item).getString("id")));
        cursor = page.getString("nextCursor");
        pages++;
      } while (cursor != null && pages < 10);
      assertThat(pages).as(sort).isEqualTo(4);
      assertThat(walked).as(sort).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(active);
    }
    assertProblem(api.get(mine + "&sort=name&cursor=bm90LWEtY3Vyc29y", null), 400, "validation", "/cursor");

    // Soft-deleted: not listed, not readable, but still resolved for orders over the bus.
    assertProblem(api.get("/products/" + gone, null), 404, "not-found", null);
    String unknown = UUID.randomUUID().toString();
    Message<JsonObject> reply = Await.result(app.node.vertx().eventBus().<JsonObject>request(CatalogAddresses.GET_PRODUCTS,
        Envelope.internal(new JsonObject().put("ids", new JsonArray().add(active.get(0)).add(gone).add(draft).add(unknown)), "test")));
    JsonArray items = reply.body().getJsonArray("items");
    assertThat(items).hasSize(3);
    JsonObject deleted = items.stream().map(JsonObject.class::cast).filter(i -> i.getString("id").equals(gone)).findFirst().orElseThrow();
    assertThat(deleted.getBoolean("deleted")).isTrue();
    assertThat(deleted.getString("sellerId")).isEqualTo(seller.id());
    assertThat(deleted.getString("sku")).isEqualTo("L-GONE");
    assertThat(deleted.getJsonObject("price")).isEqualTo(new JsonObject().put("amount", 10L).put("currency", "EUR"));
  }

  static List<String> names(String uri) {
    return names(uri, null);
  }

  static List<String> names(String uri, String token) {
    HttpResponse<Buffer> response = api.get(uri, token);
    assertThat(response.statusCode()).as(uri + " " + response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject().getJsonArray("items").stream().map(i -> ((JsonObject) i).getString("name")).toList();
  }

  /** The item of a get-products lookup (as carts ask: {@code cached}), or as orders ask. */
  static JsonObject lookup(String id, boolean cached) {
    JsonObject body = new JsonObject().put("ids", new JsonArray().add(id));
    if (cached) {
      body.put("cached", true);
    }
    Message<JsonObject> reply = Await.result(app.node.vertx().eventBus().<JsonObject>request(CatalogAddresses.GET_PRODUCTS,
        Envelope.internal(body, "test")));
    return reply.body().getJsonArray("items").getJsonObject(0);
  }

  @Test
  void aReadAfterAnUpdateShowsTheNewPriceAtOnce() {
    Caller seller = seller();
    String id = create(seller, body("Cached kettle", "K-1", 3000).put("status", "active")).getString("id");
    String key = "mercato:catalog:product:" + id;
    assertThat(api.get("/products/" + id, null).bodyAsJsonObject().getJsonObject("price").getLong("amount")).isEqualTo(3000);
    assertThat(Await.result(redisApi.exists(List.of(key))).toInteger()).as("populated in Redis").isEqualTo(1);
    assertThat(lookup(id, true).getJsonObject("price").getLong("amount")).isEqualTo(3000);
    for (long price = 3100; price <= 3300; price += 100) {
      HttpResponse<Buffer> put = api.put("/products/" + id, seller.token(), new JsonObject()
          .put("price", new JsonObject().put("amount", price).put("currency", "EUR")));
      assertThat(put.statusCode()).as(put.bodyAsString()).isEqualTo(200);
      assertThat(api.get("/products/" + id, null).bodyAsJsonObject().getJsonObject("price").getLong("amount")).isEqualTo(price);
      assertThat(lookup(id, true).getJsonObject("price").getLong("amount")).as("a cart's lookup").isEqualTo(price);
      assertThat(lookup(id, false).getJsonObject("price").getLong("amount")).as("an order's lookup").isEqualTo(price);
    }
    assertThat(api.delete("/products/" + id, seller.token()).statusCode()).isEqualTo(204);
    assertThat(api.get("/products/" + id, null).statusCode()).isEqualTo(404);
    assertThat(lookup(id, true).getBoolean("deleted")).as("a cart's lookup after the delete").isTrue();
  }

  @Test
  void changesWriteTheirEventsToTheOutbox() {
    Caller seller = seller();
    String id = create(seller, body("Evented", "E-1", 700)).getString("id");
    api.put("/products/" + id, seller.token(), new JsonObject().put("name", "Evented too"));
    api.put("/products/" + id, seller.token(), new JsonObject().put("price", new JsonObject().put("amount", 800).put("currency", "EUR")));
    api.delete("/products/" + id, seller.token());
    assertThat(app.db.column("SELECT type FROM catalog.outbox WHERE subject = '" + id + "' ORDER BY seq")).containsExactly(
        CatalogEvents.PRODUCT_CREATED, CatalogEvents.PRODUCT_UPDATED, CatalogEvents.PRODUCT_UPDATED,
        CatalogEvents.PRICE_CHANGED, CatalogEvents.PRODUCT_DELETED);
    JsonObject created = new JsonObject(row("SELECT data FROM catalog.outbox WHERE subject = '" + id + "' ORDER BY seq LIMIT 1"));
    assertThat(created.getString("productId")).isEqualTo(id);
    assertThat(created.getString("sellerId")).isEqualTo(seller.id());
    assertThat(created.getString("sku")).isEqualTo("E-1");
    assertThat(created.getString("status")).isEqualTo("draft");
    assertThat(created.getInteger("lowStockThreshold")).isEqualTo(5);
    assertThat(created.getInteger("version")).isEqualTo(1);
    assertThat(created.getJsonArray("categoryPath")).isEmpty();
    assertThat(created.getValue("categoryName")).isNull();
    assertThat(created.getString("createdAt")).isNotBlank();
    assertThat(created.getJsonObject("price")).isEqualTo(new JsonObject().put("amount", 700).put("currency", "EUR"));
    JsonObject priceChanged = new JsonObject(row("SELECT data FROM catalog.outbox WHERE subject = '" + id
        + "' AND type = '" + CatalogEvents.PRICE_CHANGED + "'"));
    assertThat(priceChanged.getJsonObject("oldPrice").getLong("amount")).isEqualTo(700);
    assertThat(priceChanged.getJsonObject("newPrice").getLong("amount")).isEqualTo(800);
    JsonObject deleted = new JsonObject(row("SELECT data FROM catalog.outbox WHERE subject = '" + id
        + "' AND type = '" + CatalogEvents.PRODUCT_DELETED + "'"));
    // The version after the delete (created 1, two updates, the delete) outranks every snapshot.
    assertThat(deleted).isEqualTo(new JsonObject().put("productId", id).put("sellerId", seller.id()).put("sku", "E-1")
        .put("version", 4));
  }

  @Test
  void categoriesFormATreeAndRefuseDeletionWhileInUse() {
    Caller admin = caller("admin", true);
    String root = category("Tree root " + UUID.randomUUID(), null).getString("id");
    String leaf = category("Leaf", root).getString("id");
    JsonArray tree = api.get("/categories", null).bodyAsJsonObject().getJsonArray("items");
    JsonObject rootNode = tree.stream().map(JsonObject.class::cast).filter(n -> n.getString("id").equals(root)).findFirst().orElseThrow();
    assertThat(rootNode.getJsonArray("children").getJsonObject(0).getString("id")).isEqualTo(leaf);

    assertProblem(api.put("/categories/" + root, admin.token(), new JsonObject().put("parentId", leaf)), 400, "validation", "/parentId");
    assertProblem(api.post("/categories", seller().token(), new JsonObject().put("name", "nope")), 403, "forbidden", null);
    assertProblem(api.delete("/categories/" + root, admin.token()), 409, "conflict", null);
    create(seller(), body("In leaf", "C-1", 1).put("categoryId", leaf));
    assertProblem(api.delete("/categories/" + leaf, admin.token()), 409, "conflict", null);
    String empty = category("Empty", root).getString("id");
    assertThat(api.put("/categories/" + empty, admin.token(), new JsonObject().put("name", "Renamed")).bodyAsJsonObject()
        .getString("name")).isEqualTo("Renamed");
    assertThat(api.delete("/categories/" + empty, admin.token()).statusCode()).isEqualTo(204);
    assertProblem(api.delete("/categories/" + empty, admin.token()), 404, "not-found", null);
  }

  @Test
  void curatedTagsCountTheirActiveProducts() {
    Caller admin = caller("admin", true);
    String tag = "tag-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(api.post("/tags", admin.token(), new JsonObject().put("name", tag)).statusCode()).isEqualTo(201);
    assertProblem(api.post("/tags", admin.token(), new JsonObject().put("name", tag)), 409, "conflict", null);
    assertProblem(api.post("/tags", seller().token(), new JsonObject().put("name", "x")), 403, "forbidden", null);
    Caller seller = seller();
    create(seller, body("Tagged 1", "T-1", 1).put("status", "active").put("tags", new JsonArray().add(tag)));
    create(seller, body("Tagged 2", "T-2", 1).put("tags", new JsonArray().add(tag)));
    JsonObject listed = api.get("/tags", null).bodyAsJsonObject().getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(t -> t.getString("name").equals(tag)).findFirst().orElseThrow();
    assertThat(listed.getLong("products")).isEqualTo(1);
    assertThat(api.delete("/tags/" + tag, admin.token()).statusCode()).isEqualTo(204);
    assertProblem(api.delete("/tags/" + tag, admin.token()), 404, "not-found", null);
  }
}
