package mercato.search;

import static mercato.search.SearchCorpus.assertStatus;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import mercato.MainAccess;
import mercato.catalog.CatalogDomain;
import mercato.inventory.InventoryDomain;
import mercato.platform.bus.Problem;
import mercato.platform.events.Event;
import mercato.platform.events.Subscriptions;
import mercato.search.api.SearchEvents;
import mercato.testing.Await;
import mercato.testing.TestNode;
import mercato.testing.EventFeed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Product search over HTTP on a corpus made through the real catalog and inventory (ratings
 * from a stand-in review feed): typos, accents, prefixes, weights, filters together, facet
 * counts against the filtered totals, every sort paged by cursor, bad input, suggestions,
 * the search log and its zero-result list, order search forwarding, category renames,
 * deletes and a rebuild through the operator command.
 */
class SearchHttpTest {
  static TestNode app;
  static SearchCorpus corpus;
  static String electronics;
  static String phones;
  static String audio;
  static String food;
  static String desserts;
  static String iphone;
  static String brulee;
  static String galaxy;
  static String headphones;
  static String cake;
  static String iphoneCase;
  static String otherSellerLamp;
  static final int LIVE = 7;

  @BeforeAll
  static void start() {
    app = TestNode.of(CatalogDomain.domain(), InventoryDomain.domain(), SearchDomain.domain(), EventFeed.domain())
        .withKeys().set("http.contract", "openapi.yaml")
        .set("http.rateLimits.default.capacity", "100000").set("http.rateLimits.default.refillPerSecond", "100000")
        .set("search.logFlushMs", "100").set("search.rebuildPollMs", "100").set("search.rebuildPageSize", "3")
        .start();
    corpus = new SearchCorpus(app);
    electronics = corpus.category("Electronics", null);
    phones = corpus.category("Phones", electronics);
    audio = corpus.category("Audio", electronics);
    food = corpus.category("Food", null);
    desserts = corpus.category("Desserts", food);
    iphone = corpus.product("Apple iPhone 15 Pro", phones, 99_900, List.of("smartphone"), "Titanium body, great camera", "active");
    brulee = corpus.product("Crème brûlée", desserts, 650, List.of("dessert"), "Vanilla custard under burnt sugar", "active");
    galaxy = corpus.product("Samsung Galaxy S24", phones, 79_900, List.of("smartphone"), "Android flagship", "active");
    headphones = corpus.product("Wireless Headphones", audio, 19_900, List.of("bluetooth"), "Pairs with any iPhone", "active");
    cake = corpus.product("Chocolate Cake", desserts, 1_200, List.of("dessert"), "Rich and dark", "active");
    iphoneCase = corpus.product("iPhone Case", electronics, 2_500, List.of("accessory"), "Silicone", "active");
    corpus.product("Pixel 8 Draft", phones, 59_900, List.of(), "Not yet on sale", "draft");
    String nokia = corpus.product("Nokia 3310", phones, 4_900, List.of(), "Classic", "active");
    assertStatus(app.api.delete("/products/" + nokia, corpus.seller), 204);
    String otherSeller = corpus.token("shop", UUID.randomUUID().toString());
    otherSellerLamp = corpus.product(otherSeller, "Desk Lamp", null, 3_900, List.of("lighting"), "Warm light", "active");
    corpus.stock(iphone, 5);
    corpus.stock(galaxy, 0);
    corpus.stock(headphones, 10);
    corpus.stock(cake, 3);
    corpus.rating(iphone, 10, 4.5);
    corpus.rating(galaxy, 4, 3.75);
    corpus.rating(headphones, 5, 4.2);
    corpus.rating(brulee, 2, 5.0);
    Await.until("the index holds the corpus with stock and ratings", Duration.ofSeconds(20), () -> {
      JsonObject all = search("").bodyAsJsonObject();
      return all.getLong("total") == LIVE && all.getJsonObject("facets").getLong("inStock") == 3
          && all.getJsonObject("facets").getJsonArray("rating").getJsonObject(0).getLong("count") == 3;
    });
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  static HttpResponse<Buffer> search(String query) {
    return app.api.get("/search/products" + (query.isEmpty() ? "" : "?" + query), null);
  }

  static JsonObject ok(String query) {
    HttpResponse<Buffer> response = search(query);
    assertStatus(response, 200);
    return response.bodyAsJsonObject();
  }

  static String q(String text) {
    return "q=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  static List<String> names(JsonObject page) {
    return page.getJsonArray("items").stream().map(i -> ((JsonObject) i).getString("name")).toList();
  }

  static List<String> ids(JsonObject page) {
    return page.getJsonArray("items").stream().map(i -> ((JsonObject) i).getString("id")).toList();
  }

  @Test
  void aTypoStillFindsTheProduct() {
    JsonObject page = ok(q("iphnoe"));
    assertThat(page.getBoolean("fuzzy")).isTrue();
    assertThat(names(page)).contains("Apple iPhone 15 Pro");
    assertThat(names(page).get(0)).containsIgnoringCase("iphone");
    assertThat(names(page)).doesNotContain("Chocolate Cake", "Crème brûlée");
  }

  @Test
  void accentsAndCaseAreIgnoredBothWays() {
    JsonObject page = ok(q("creme brulee"));
    assertThat(names(page)).containsExactly("Crème brûlée");
    assertThat(names(ok(q("CRÈME")))).containsExactly("Crème brûlée");
  }

  @Test
  void theLastWordIsAPrefixAndNamesWeighMoreThanDescriptions() {
    assertThat(names(ok(q("iph")))).contains("Apple iPhone 15 Pro", "iPhone Case", "Wireless Headphones");
    List<String> ranked = names(ok(q("iphone")));
    assertThat(ranked).hasSize(3);
    assertThat(ranked.get(2)).isEqualTo("Wireless Headphones");
    assertThat(names(ok(q("dessert")))).containsExactlyInAnyOrder("Crème brûlée", "Chocolate Cake");
    assertThat(names(ok(q("food cake")))).containsExactly("Chocolate Cake");
  }

  @Test
  void draftsAndDeletedProductsAreNeverFound() {
    assertThat(ok(q("pixel")).getLong("total")).isZero();
    assertThat(ok(q("nokia")).getLong("total")).isZero();
    assertThat(names(ok(""))).doesNotContain("Pixel 8 Draft", "Nokia 3310");
  }

  @Test
  void filtersCombineCategoryWithDescendantsPriceStockAndRating() {
    JsonObject page = ok("category=" + electronics + "&minPrice=10000&maxPrice=100000&inStock=true&minRating=4");
    assertThat(names(page)).containsExactlyInAnyOrder("Apple iPhone 15 Pro", "Wireless Headphones");
    assertThat(page.getLong("total")).isEqualTo(2);
    assertThat(names(ok("category=" + food))).containsExactlyInAnyOrder("Crème brûlée", "Chocolate Cake");
    assertThat(names(ok("category=" + phones + "&maxPrice=79900"))).containsExactly("Samsung Galaxy S24");
    assertThat(names(ok("seller=" + corpus.sellerId + "&" + q("lamp")))).isEmpty();
    assertThat(ids(ok("inStock=true"))).containsExactlyInAnyOrder(iphone, headphones, cake);
  }

  @Test
  void facetCountsEqualTheTotalsOfChoosingThem() {
    for (String base : List.of("", "inStock=true", q("iph"), "minRating=4", "category=" + electronics, "tag=smartphone")) {
      JsonObject page = ok(base);
      JsonObject facets = page.getJsonObject("facets");
      String and = base.isEmpty() ? "" : base + "&";
      for (Object o : facets.getJsonArray("categories")) {
        JsonObject c = (JsonObject) o;
        String query = base.startsWith("category=") ? "category=" + c.getString("id") : and + "category=" + c.getString("id");
        assertThat(ok(query).getLong("total")).as(base + " category " + c.getString("name")).isEqualTo(c.getLong("count"));
      }
      long priced = 0;
      for (Object o : facets.getJsonArray("price")) {
        JsonObject b = (JsonObject) o;
        String range = "minPrice=" + b.getLong("from") + (b.getValue("to") == null ? "" : "&maxPrice=" + (b.getLong("to") - 1));
        assertThat(ok(and + range).getLong("total")).as(base + " price " + b).isEqualTo(b.getLong("count"));
        priced += b.getLong("count");
      }
      if (!base.startsWith("minPrice")) {
        assertThat(priced).as("price buckets partition the matches of " + base).isEqualTo(page.getLong("total"));
      }
      for (Object o : facets.getJsonArray("rating")) {
        JsonObject r = (JsonObject) o;
        String query = base.startsWith("minRating=") ? "minRating=" + r.getInteger("min") : and + "minRating=" + r.getInteger("min");
        assertThat(ok(query).getLong("total")).as(base + " rating " + r).isEqualTo(r.getLong("count"));
      }
      for (Object o : facets.getJsonArray("tags")) {
        JsonObject t = (JsonObject) o;
        String query = base.startsWith("tag=") ? "tag=" + t.getString("tag") : and + "tag=" + t.getString("tag");
        assertThat(ok(query).getLong("total")).as(base + " tag " + t).isEqualTo(t.getLong("count"));
      }
      for (Object o : facets.getJsonArray("sellers")) {
        JsonObject s = (JsonObject) o;
        assertThat(ok(and + "seller=" + s.getString("id")).getLong("total")).as(base + " seller").isEqualTo(s.getLong("count"));
      }
      String stocked = base.equals("inStock=true") ? base : and + "inStock=true";
      assertThat(ok(stocked).getLong("total")).as(base + " in stock").isEqualTo(facets.getLong("inStock"));
    }
    JsonObject all = ok("");
    JsonObject electronicsFacet = all.getJsonObject("facets").getJsonArray("categories").stream()
        .map(JsonObject.class::cast).filter(c -> c.getString("id").equals(electronics)).findFirst().orElseThrow();
    assertThat(electronicsFacet.getString("name")).isEqualTo("Electronics");
    assertThat(electronicsFacet.getLong("count")).isEqualTo(4);
    assertThat(all.getJsonObject("facets").getJsonArray("tags").stream().map(JsonObject.class::cast)
        .filter(t -> t.getString("tag").equals("smartphone")).findFirst().orElseThrow().getLong("count")).isEqualTo(2);
    assertThat(ok("tag=smartphone").getJsonArray("items").stream().map(JsonObject.class::cast)
        .map(i -> i.getString("name")).toList()).containsExactlyInAnyOrder("Apple iPhone 15 Pro", "Samsung Galaxy S24");
  }

  @Test
  void everySortPagesByCursorWithoutDuplicatesOrGaps() {
    for (String sort : List.of("relevance", "price", "-price", "rating", "newest")) {
      for (String base : List.of("", q("iph") + "&")) {
        String query = base + "sort=" + sort + "&limit=2";
        JsonObject page = ok(query);
        long total = page.getLong("total");
        List<JsonObject> seen = new ArrayList<>();
        Set<String> unique = new HashSet<>();
        while (true) {
          page.getJsonArray("items").forEach(i -> {
            seen.add((JsonObject) i);
            assertThat(unique.add(((JsonObject) i).getString("id"))).as(sort + " repeats " + i).isTrue();
          });
          String next = page.getString("nextCursor");
          if (next == null) {
            break;
          }
          page = ok(query + "&cursor=" + next);
        }
        assertThat(seen).as(query).hasSize((int) total);
        for (int i = 1; i < seen.size(); i++) {
          JsonObject a = seen.get(i - 1);
          JsonObject b = seen.get(i);
          switch (sort) {
            case "price" -> assertThat(a.getJsonObject("price").getLong("amount")).isLessThanOrEqualTo(b.getJsonObject("price").getLong("amount"));
            case "-price" -> assertThat(a.getJsonObject("price").getLong("amount")).isGreaterThanOrEqualTo(b.getJsonObject("price").getLong("amount"));
            case "rating" -> assertThat(a.getJsonObject("rating").getDouble("average")).isGreaterThanOrEqualTo(b.getJsonObject("rating").getDouble("average"));
            case "newest" -> assertThat(a.getString("createdAt")).isGreaterThanOrEqualTo(b.getString("createdAt"));
            default -> assertThat(a.getDouble("score")).isGreaterThanOrEqualTo(b.getDouble("score"));
          }
        }
      }
    }
    assertThat(ids(ok("sort=price&limit=3"))).startsWith(brulee, cake, iphoneCase);
  }

  @Test
  void postSearchTakesTheSameFieldsInABody() {
    HttpResponse<Buffer> posted = app.api.post("/search", null, new JsonObject().put("q", "creme brulee").put("limit", 5));
    assertStatus(posted, 200);
    assertThat(names(posted.bodyAsJsonObject())).containsExactly("Crème brûlée");
    HttpResponse<Buffer> filtered = app.api.post("/search", null, new JsonObject().put("category", electronics)
        .put("inStock", true).put("minRating", 4).put("sort", "price"));
    assertThat(ids(filtered.bodyAsJsonObject())).containsExactly(headphones, iphone);
    assertProblem(app.api.post("/search", null, new JsonObject().put("q", "x").put("role", "admin")), null);
    assertProblem(app.api.post("/search", null, new JsonObject().put("minPrice", 5).put("maxPrice", 1)), "/minPrice");
  }

  @Test
  void invalidInputIsA400ProblemAndNothingIsLogged() {
    assertProblem(search(q("x".repeat(201))), "/q");
    assertProblem(search("minPrice=500&maxPrice=100"), "/minPrice");
    assertProblem(search("minPrice=-1"), "/minPrice");
    assertProblem(search("sort=cheapest"), "/sort");
    assertProblem(search("limit=0"), "/limit");
    assertProblem(search("limit=1000"), "/limit");
    assertProblem(search("minRating=6"), "/minRating");
    assertProblem(search("category=kitchen"), "/category");
    assertProblem(search("cursor=not-a-cursor"), "/cursor");
    String cursor = ok("sort=price&limit=1").getString("nextCursor");
    assertProblem(search("sort=newest&limit=1&cursor=" + cursor), "/cursor");
    assertProblem(search("sort=price&limit=1&inStock=true&cursor=" + cursor), "/cursor");
    assertProblem(app.api.get("/search/suggestions", null), "/q");
  }

  @Test
  void suggestionsCompleteNamesAndPopularQueries() {
    List<String> ip = suggestions("ip");
    assertThat(ip).contains("iPhone Case").doesNotContain("Apple iPhone 15 Pro");
    assertThat(suggestions("iph")).contains("iPhone Case", "Apple iPhone 15 Pro");
    assertThat(suggestions("CRE")).contains("Crème brûlée");
    assertThat(suggestions("zzz")).isEmpty();
    for (int i = 0; i < 3; i++) {
      ok(q("chocolate cake"));
    }
    Await.until("the popular query is suggested", Duration.ofSeconds(10), () -> suggestions("choc").contains("chocolate cake"));
    JsonArray items = app.api.get("/search/suggestions?q=choc", null).bodyAsJsonObject().getJsonArray("items");
    assertThat(items.getJsonObject(0).getString("kind")).isEqualTo("query");
    assertThat(suggestions("Pixel")).isEmpty();
    assertThat(app.api.get("/search/suggestions?q=c&limit=2", null).bodyAsJsonObject().getJsonArray("items").size())
        .isLessThanOrEqualTo(2);
  }

  static List<String> suggestions(String prefix) {
    HttpResponse<Buffer> response = app.api.get("/search/suggestions?q=" + URLEncoder.encode(prefix, StandardCharsets.UTF_8), null);
    assertStatus(response, 200);
    return response.bodyAsJsonObject().getJsonArray("items").stream().map(i -> ((JsonObject) i).getString("text")).toList();
  }

  @Test
  void searchesAreLoggedInBatchesWithZeroResultQueriesForMerchandisers() {
    String customerId = UUID.randomUUID().toString();
    String customer = corpus.token("customer", customerId);
    String nothing = "qqxyzzy" + UUID.randomUUID().toString().substring(0, 6);
    assertThat(app.api.get("/search/products?" + q(nothing), customer).bodyAsJsonObject().getLong("total")).isZero();
    assertThat(app.api.get("/search/products?" + q(nothing), null).bodyAsJsonObject().getLong("total")).isZero();
    assertThat(app.api.get("/search/products?" + q("galaxy"), customer).bodyAsJsonObject().getLong("total")).isEqualTo(1);
    Await.until("the logs are flushed", Duration.ofSeconds(10), () -> logs("zeroResults=true").getJsonArray("items").stream()
        .filter(i -> ((JsonObject) i).getString("query").equals(nothing)).count() == 2
        && logs("limit=100").getJsonArray("items").stream().anyMatch(i -> customerId.equals(((JsonObject) i).getString("accountId"))
            && ((JsonObject) i).getString("query").equals("galaxy")));
    JsonObject zero = logs("zeroResults=true&limit=100");
    assertThat(zero.getJsonArray("items").stream().allMatch(i -> ((JsonObject) i).getInteger("resultCount") == 0)).isTrue();
    JsonObject summary = zero.getJsonArray("zeroResultQueries").stream().map(JsonObject.class::cast)
        .filter(z -> z.getString("query").equals(nothing)).findFirst().orElseThrow();
    assertThat(summary.getLong("count")).isEqualTo(2);
    assertThat(summary.getString("lastSeen")).isNotBlank();
    JsonObject galaxyLog = logs("limit=100").getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(i -> i.getString("query").equals("galaxy") && customerId.equals(i.getString("accountId"))).findFirst()
        .orElseThrow();
    assertThat(galaxyLog.getString("accountId")).isEqualTo(customerId);
    assertThat(galaxyLog.getString("principalType")).isEqualTo("customer");
    assertThat(galaxyLog.getInteger("resultCount")).isEqualTo(1);
    assertThat(galaxyLog.getInteger("latencyMs")).isNotNegative();
    // Each log appended a search.performed event in the flush transaction.
    assertThat(app.db.count("SELECT count(*) FROM search.outbox WHERE type = 'mercato.search.performed.v1' AND data->>'query' = '"
        + nothing + "'")).isEqualTo(2);
    JsonObject first = logs("limit=1");
    assertThat(first.getJsonArray("items")).hasSize(1);
    JsonObject second = logs("limit=1&cursor=" + first.getString("nextCursor"));
    assertThat(second.getJsonArray("items").getJsonObject(0).getString("id"))
        .isNotEqualTo(first.getJsonArray("items").getJsonObject(0).getString("id"));
    assertStatus(app.api.get("/search-logs", customer), 403);
    assertStatus(app.api.get("/search-logs", null), 401);
  }

  static JsonObject logs(String query) {
    HttpResponse<Buffer> response = app.api.get("/search-logs?" + query, corpus.admin);
    assertStatus(response, 200);
    return response.bodyAsJsonObject();
  }

  @Test
  void orderSearchForwardsTheCallersEnvelopeToTheOrderDomain() {
    List<JsonObject> received = new ArrayList<>();
    var consumer = app.node.vertx().eventBus().<JsonObject>consumer(mercato.order.api.OrderAddresses.SEARCH_ORDERS, message -> {
      JsonObject envelope = message.body();
      received.add(envelope);
      JsonObject principal = envelope.getJsonObject("principal");
      if (principal == null) {
        Problem problem = Problem.unauthenticated("no principal");
        message.fail(problem.status(), problem.encode());
        return;
      }
      if (envelope.getJsonObject("query").getString("q", "").equals("forbidden")) {
        Problem problem = Problem.invalidField("/q", "is not searchable");
        message.fail(problem.status(), problem.encode());
        return;
      }
      message.reply(new JsonObject().put("items", new JsonArray().add(new JsonObject()
          .put("orderId", "o-1").put("for", principal.getString("sub")).put("q", envelope.getJsonObject("query").getString("q"))))
          .put("nextCursor", null));
    });
    Await.result(consumer.completion());
    try {
      String customerId = UUID.randomUUID().toString();
      HttpResponse<Buffer> found = app.api.get("/search/orders?q=lamp&status=paid", corpus.token("customer", customerId));
      assertStatus(found, 200);
      JsonObject item = found.bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
      assertThat(item.getString("for")).isEqualTo(customerId);
      assertThat(item.getString("q")).isEqualTo("lamp");
      JsonObject sent = received.get(received.size() - 1);
      assertThat(sent.getJsonObject("principal").getString("typ")).isEqualTo("customer");
      assertThat(sent.getJsonObject("query").getString("status")).isEqualTo("paid");
      assertThat(sent.getString("requestId")).isNotBlank();
      assertProblem(app.api.get("/search/orders?q=forbidden", corpus.seller), "/q");
      assertStatus(app.api.get("/search/orders?q=lamp", null), 401);
      assertStatus(app.api.get("/search/orders?q=lamp", corpus.token("affiliate", UUID.randomUUID().toString())), 403);
    } finally {
      Await.result(consumer.unregister());
    }
  }

  @Test
  void catalogChangesReachTheIndex() {
    String sweets = corpus.category("Pastry", food);
    String tart = corpus.product("Lemon Tart", sweets, 900, List.of(), "Tangy", "active");
    Await.until("the tart is indexed", Duration.ofSeconds(10), () -> ok(q("lemon")).getLong("total") == 1);
    assertStatus(app.api.put("/categories/" + sweets, corpus.admin, new JsonObject().put("name", "Patisserie")), 200);
    Await.until("the rename is indexed", Duration.ofSeconds(10), () -> ids(ok(q("patisserie"))).equals(List.of(tart)));
    assertStatus(app.api.put("/categories/" + sweets, corpus.admin, new JsonObject().put("parentId", electronics)), 200);
    Await.until("the move is indexed", Duration.ofSeconds(10), () -> ids(ok("category=" + electronics)).contains(tart));
    assertThat(ids(ok("category=" + food))).doesNotContain(tart);
    assertStatus(app.api.put("/products/" + tart, corpus.seller, new JsonObject().put("price",
        new JsonObject().put("amount", 950).put("currency", "EUR"))), 200);
    Await.until("the price is indexed", Duration.ofSeconds(10), () -> ok(q("lemon")).getJsonArray("items")
        .getJsonObject(0).getJsonObject("price").getLong("amount") == 950);
    assertStatus(app.api.delete("/products/" + tart, corpus.seller), 204);
    Await.until("the delete is indexed", Duration.ofSeconds(10), () -> ok(q("lemon")).getLong("total") == 0);
  }

  @Test
  void lateAndRepeatedEventsChangeNothing() {
    String probe = corpus.product("Zanzibar Probe", phones, 1_000, List.of(), "v1", "active");
    try {
      Await.until("the probe is indexed", Duration.ofSeconds(10), () -> ids(ok(q("zanzibar"))).contains(probe));
      JsonObject snapshot = new JsonObject().put("productId", probe).put("sellerId", corpus.sellerId)
          .put("name", "Older Name").put("status", "active").put("price", new JsonObject().put("amount", 1).put("currency", "EUR"))
          .put("tags", new JsonArray()).put("categoryPath", new JsonArray()).put("categoryNames", new JsonArray());
      // An update older than what the index holds (a redelivery overtaken by a newer one) is dropped.
      assertThat(deliver(Event.of(SearchEvents.PRODUCT_UPDATED, probe, snapshot.copy().put("version", 0)))).isTrue();
      assertThat(names(ok(q("zanzibar")))).containsExactly("Zanzibar Probe");
      // The same event twice is handled once (the inbox remembers its id).
      Event delete = Event.of(SearchEvents.PRODUCT_DELETED, probe, new JsonObject().put("productId", probe)
          .put("sellerId", corpus.sellerId).put("sku", "x").put("version", 2));
      assertThat(deliver(delete)).isTrue();
      assertThat(deliver(delete)).isFalse();
      assertThat(ids(ok(q("zanzibar")))).doesNotContain(probe);
      // A delete is final: a snapshot of the same version it overtook cannot bring the product back.
      assertThat(deliver(Event.of(SearchEvents.PRODUCT_UPDATED, probe, snapshot.copy().put("name", "Zanzibar Probe")
          .put("version", 2)))).isTrue();
      assertThat(ids(ok(q("zanzibar")))).doesNotContain(probe);
      // Stock from an older event does not overwrite newer stock.
      JsonObject stock = new JsonObject().put("productId", cake).put("warehouseId", corpus.warehouse).put("onHand", 0)
          .put("reserved", 0).put("available", 0);
      assertThat(deliver(new Event(UUID.randomUUID(), SearchEvents.STOCK_CHANGED, "/mercato/inventory", cake,
          java.time.OffsetDateTime.now().minusDays(1), stock))).isTrue();
      assertThat(ids(ok("inStock=true"))).contains(cake);
    } finally {
      assertStatus(app.api.delete("/products/" + probe, corpus.seller), 204);
    }
  }

  static boolean deliver(Event event) {
    JsonObject reply = Await.result(app.node.vertx().eventBus().<JsonObject>request(
        Subscriptions.inboxAddress(SearchDomain.NAME), event.toJson())).body();
    return reply.getBoolean("handled");
  }

  @Test
  void rebuildFromTheCatalogRepairsTheIndex() {
    // Damage the read model behind search's back: lose a product, invent one, garble a name.
    app.db.execute("DELETE FROM search.products WHERE product_id = '" + galaxy + "'");
    app.db.execute("INSERT INTO search.products (product_id, seller_id, name, price_amount, price_currency, status, version, created_at)"
        + " VALUES ('" + UUID.randomUUID() + "', '" + UUID.randomUUID() + "', 'Ghost Gadget', 100, 'EUR', 'active', 1, now())");
    app.db.execute("UPDATE search.products SET name = 'Garbled' WHERE product_id = '" + cake + "'");
    assertThat(ok(q("galaxy")).getLong("total")).isZero();
    assertThat(ok(q("ghost")).getLong("total")).isEqualTo(1);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setProperty("mercato.db.database", app.db.name());
    int code;
    try {
      code = MainAccess.run(new String[] {"search", "rebuild"}, new PrintStream(out), new PrintStream(new ByteArrayOutputStream()));
    } finally {
      System.clearProperty("mercato.db.database");
    }
    assertThat(code).isZero();
    assertThat(out.toString()).contains("requested");
    Await.until("the rebuild is done", Duration.ofSeconds(20),
        () -> app.db.column("SELECT status FROM search.rebuilds").equals(List.of("done")));
    assertThat(ok(q("galaxy")).getLong("total")).isEqualTo(1);
    assertThat(ok(q("ghost")).getLong("total")).isZero();
    assertThat(names(ok(q("chocolate")))).containsExactly("Chocolate Cake");
    // Stock and ratings come from their own events and survive the rebuild.
    JsonObject galaxyHit = ok(q("galaxy")).getJsonArray("items").getJsonObject(0);
    assertThat(galaxyHit.getJsonObject("rating").getDouble("average")).isEqualTo(3.75);
    assertThat(ok("inStock=true").getLong("total")).isEqualTo(3);
    assertThat(ok(q("pixel")).getLong("total")).isZero();
  }

  static void assertProblem(HttpResponse<Buffer> response, String pointer) {
    assertStatus(response, 400);
    assertThat(response.getHeader("Content-Type")).startsWith("application/problem+json");
    if (pointer != null) {
      assertThat(response.bodyAsJsonObject().getJsonArray("errors").stream()
          .map(e -> ((JsonObject) e).getString("pointer")).toList()).as(response.bodyAsString()).contains(pointer);
    }
  }
}
