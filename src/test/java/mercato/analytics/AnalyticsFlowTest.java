package mercato.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import mercato.catalog.CatalogDomain;
import mercato.platform.bus.Envelope;
import mercato.testing.Await;
import mercato.testing.TestConfig;
import mercato.testing.TestNode;
import mercato.testing.EventFeed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Analytics fed by scripted events through a real outbox, relay and inbox, read over HTTP:
 * sales figures equal what this test works out by hand (paid days, partial and whole-order
 * refunds, a cancellation, two currencies), a redelivered or restated event counts once,
 * sellers see only their own, the funnel joins the edge's product views to cart adds and
 * purchases, traffic counts requests through the real edge, ranges are validated, and a
 * rebuild from the facts gives the same figures.
 */
class AnalyticsFlowTest {
  static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
  static final LocalDate D1 = TODAY.minusDays(9);
  static final LocalDate D2 = TODAY.minusDays(8);
  static final LocalDate D3 = TODAY.minusDays(2);
  static final String RANGE = "from=" + D1 + "&to=" + TODAY;

  static TestNode app;
  static String sellerA;
  static String sellerB;
  static String tokenA;
  static String tokenB;
  static String admin;
  static String p1;
  static String p2;
  static String p3;
  static int emitted;
  static JsonObject paidO2;

  @BeforeAll
  static void start() {
    app = TestNode.of(CatalogDomain.domain(), AnalyticsDomain.domain(), EventFeed.domain()).withKeys()
        .set("http.contract", "openapi.yaml")
        .set("traffic.keyPrefix", "mercato:traffic:test-" + UUID.randomUUID())
        .set("http.traffic.flushMs", "200")
        .start();
    sellerA = UUID.randomUUID().toString();
    sellerB = UUID.randomUUID().toString();
    tokenA = token(sellerA, "company");
    tokenB = token(sellerB, "shop");
    admin = token(UUID.randomUUID().toString(), "admin");
    p1 = product(tokenA, "Mug", 1000);
    p2 = product(tokenA, "Spoon", 250);
    p3 = product(tokenB, "Kettle", 3000);
    script();
    views();
  }

  /** Product views through the edge, part of the fixture (the funnel, traffic and behaviour reports all count them). */
  static void views() {
    for (int i = 0; i < 4; i++) {
      assertThat(app.api.get("/products/" + p1, null).statusCode()).isEqualTo(200);
    }
    assertThat(app.api.get("/products/" + p2, null).statusCode()).isEqualTo(200);
    assertThat(app.api.get("/product/" + p2, null).statusCode()).isEqualTo(200);
    assertThat(app.api.get("/products/" + UUID.randomUUID(), null).statusCode()).isEqualTo(404);
    Await.until("the views reached Redis", Duration.ofSeconds(10), () -> funnel(admin).getJsonObject("totals")
        .getLong("views") == 6);
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  static String token(String sub, String typ) {
    return app.tokens.sign(new JsonObject().put("sub", sub).put("typ", typ)
        .put("roles", new JsonArray(typ.equals("admin") ? List.of("admin") : List.of())).put("email_verified", true), 600);
  }

  static String product(String token, String name, long price) {
    HttpResponse<Buffer> created = app.api.post("/products", token, new JsonObject().put("name", name)
        .put("sku", name.toUpperCase() + "-" + UUID.randomUUID().toString().substring(0, 6)).put("status", "active")
        .put("price", new JsonObject().put("amount", price).put("currency", "EUR")));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject().getString("id");
  }

  static JsonObject money(long amount, String currency) {
    return new JsonObject().put("amount", amount).put("currency", currency);
  }

  static JsonObject line(String product, long quantity, long unit, String currency) {
    return new JsonObject().put("productId", product).put("name", "x").put("quantity", quantity)
        .put("unitPrice", money(unit, currency)).put("lineTotal", money(unit * quantity, currency));
  }

  static JsonObject group(String groupId, String seller, String currency, JsonObject... lines) {
    long total = 0;
    for (JsonObject line : lines) {
      total += line.getJsonObject("lineTotal").getLong("amount");
    }
    return new JsonObject().put("groupId", groupId).put("sellerId", seller).put("total", money(total, currency))
        .put("lines", new JsonArray(List.of((Object[]) lines)));
  }

  static JsonObject order(String orderId, String currency, JsonObject... groups) {
    long total = 0;
    for (JsonObject group : groups) {
      total += group.getJsonObject("total").getLong("amount");
    }
    return new JsonObject().put("orderId", orderId).put("accountId", "acct-" + orderId).put("cartId", null)
        .put("referralCode", null).put("total", money(total, currency))
        .put("groups", new JsonArray(List.of((Object[]) groups)));
  }

  static String at(LocalDate day, int hour) {
    return day.atTime(hour, 15).toInstant(ZoneOffset.UTC).toString();
  }

  static JsonObject emit(String type, String subject, JsonObject data) {
    Message<JsonObject> reply = Await.result(app.node.vertx().eventBus().<JsonObject>request(EventFeed.EMIT,
        Envelope.internal(new JsonObject().put("type", type).put("subject", subject).put("data", data), "test")));
    emitted++;
    return reply.body();
  }

  static void placedAndMaybePaid(JsonObject order, LocalDate placed, LocalDate paid) {
    String id = order.getString("orderId");
    emit("mercato.order.placed.v1", id, order.copy().put("placedAt", at(placed, 9)));
    if (paid != null) {
      JsonObject event = emit("mercato.order.paid.v1", id, order.copy().put("paymentId", "pay-" + id)
          .put("placedAt", at(placed, 9)).put("paidAt", at(paid, 10)));
      if (id.equals("O2")) {
        paidO2 = event;
      }
    }
  }

  static void refund(String orderId, String refundId, String groupId, long amount, long refundedTotal, long total) {
    emit("mercato.order.refunded.v1", orderId, new JsonObject().put("orderId", orderId).put("accountId", "acct-" + orderId)
        .put("paymentId", "pay-" + orderId).put("refundId", refundId).put("groupId", groupId)
        .put("amount", money(amount, "EUR")).put("refundedTotal", money(refundedTotal, "EUR"))
        .put("total", money(total, "EUR")).put("status", "partially_refunded").put("refundedAt", at(D3, 12)));
  }

  /**
   * O1 (EUR): seller A group GA1 {p1 x2 at 1000, p2 x1 at 250} = 2250, seller B group GB1 {p3 x1} = 3000;
   * placed and paid D1; refunds on D3: 900 of GA1, then 1001 of the whole order.
   * O2 (EUR): A {p1 x1} = 1000, placed D1, paid D2. O3 (EUR): B {p3 x2} = 6000, placed and cancelled D2.
   * O4 (USD): A {p2 x4 at 250} = 1000, placed and paid D2. Cart adds: p1 twice, p2 once. A search, a registration.
   */
  static void script() {
    placedAndMaybePaid(order("O1", "EUR", group("GA1", sellerA, "EUR", line(p1, 2, 1000, "EUR"), line(p2, 1, 250, "EUR")),
        group("GB1", sellerB, "EUR", line(p3, 1, 3000, "EUR"))), D1, D1);
    placedAndMaybePaid(order("O2", "EUR", group("GA2", sellerA, "EUR", line(p1, 1, 1000, "EUR"))), D1, D2);
    placedAndMaybePaid(order("O3", "EUR", group("GB3", sellerB, "EUR", line(p3, 2, 3000, "EUR"))), D2, null);
    emit("mercato.order.cancelled.v1", "O3", new JsonObject().put("orderId", "O3").put("accountId", "acct-O3")
        .put("reason", "customer").put("wasPaid", false).put("total", money(6000, "EUR")).put("cancelledAt", at(D2, 11)));
    placedAndMaybePaid(order("O4", "USD", group("GA4", sellerA, "USD", line(p2, 4, 250, "USD"))), D2, D2);
    refund("O1", "R1", "GA1", 900, 900, 5250);
    refund("O1", "R2", null, 1001, 1901, 5250);
    for (String product : List.of(p1, p1, p2)) {
      emit("mercato.cart.item-added.v1", "cart-1", new JsonObject().put("cartId", "cart-1").put("accountId", "acct-O1")
          .put("productId", product).put("quantity", 1).put("addedAt", at(D1, 8)));
    }
    emit("mercato.search.performed.v1", "log-1", new JsonObject().put("logId", "log-1").put("query", "Mug")
        .put("accountId", "acct-O1").put("resultCount", 0).put("latencyMs", 3).put("at", at(D1, 7)));
    emit("mercato.auth.registered.v1", "acct-O1", new JsonObject().put("accountId", "acct-O1").put("type", "customer")
        .put("createdAt", at(D1, 6)));
    waitForInbox();
  }

  static void waitForInbox() {
    Await.until("analytics handled every event", Duration.ofSeconds(20),
        () -> app.db.count("SELECT count(*) FROM analytics.inbox") == emitted);
  }

  static JsonObject get(String uri, String token) {
    HttpResponse<Buffer> response = app.api.get(uri, token);
    assertThat(response.statusCode()).as(uri + " " + response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  static Map<String, JsonObject> byCurrency(JsonArray rows) {
    return rows.stream().map(r -> (JsonObject) r).collect(Collectors.toMap(r -> r.getString("currency"), r -> r));
  }

  static Map<String, JsonObject> byKey(JsonArray rows, String key) {
    return rows.stream().map(r -> (JsonObject) r)
        .collect(Collectors.toMap(r -> r.getString(key) + "/" + r.getString("currency"), r -> r));
  }

  static void assertFigures(JsonObject row, long orders, long units, long gross, long refunds) {
    assertThat(row.getLong("orders")).as(row.encode()).isEqualTo(orders);
    assertThat(row.getLong("units")).as(row.encode()).isEqualTo(units);
    assertThat(row.getLong("grossRevenue")).as(row.encode()).isEqualTo(gross);
    assertThat(row.getLong("refunds")).as(row.encode()).isEqualTo(refunds);
    assertThat(row.getLong("revenue")).as(row.encode()).isEqualTo(gross - refunds);
    assertThat(row.getLong("averageOrderValue")).as(row.encode()).isEqualTo(orders == 0 ? null : (gross - refunds) / orders);
  }

  @Test
  void salesFiguresAreWhatTheScriptAddsUpTo() {
    JsonObject report = get("/analytics/sales?" + RANGE, admin);
    Map<String, JsonObject> totals = byCurrency(report.getJsonArray("totals"));
    // EUR: O1 5250 (4 units) paid D1, O2 1000 (1 unit) paid D2; refunds 900 + 1001.
    assertFigures(totals.get("EUR"), 2, 5, 6250, 1901);
    assertThat(totals.get("EUR").getLong("placedOrders")).isEqualTo(3);
    assertThat(totals.get("EUR").getLong("placedAmount")).isEqualTo(5250 + 1000 + 6000);
    assertThat(totals.get("EUR").getLong("cancelledOrders")).isEqualTo(1);
    assertFigures(totals.get("USD"), 1, 4, 1000, 0);

    Map<String, JsonObject> days = byKey(report.getJsonArray("items"), "period");
    assertFigures(days.get(D1 + "/EUR"), 1, 4, 5250, 0);
    assertThat(days.get(D1 + "/EUR").getLong("placedOrders")).isEqualTo(2);
    assertFigures(days.get(D2 + "/EUR"), 1, 1, 1000, 0);
    assertThat(days.get(D2 + "/EUR").getLong("cancelledOrders")).isEqualTo(1);
    assertFigures(days.get(D3 + "/EUR"), 0, 0, 0, 1901);
    assertThat(days.get(D3 + "/EUR").getLong("revenue")).isEqualTo(-1901);
    assertFigures(days.get(D2 + "/USD"), 1, 4, 1000, 0);
    assertThat(days).hasSize(4);

    JsonObject eurOnly = get("/analytics/sales?" + RANGE + "&currency=EUR&interval=week", admin);
    Map<String, Long> weekRevenue = eurOnly.getJsonArray("items").stream().map(r -> (JsonObject) r)
        .collect(Collectors.toMap(r -> r.getString("period"), r -> r.getLong("revenue"), Long::sum));
    Map<String, Long> expected = new java.util.TreeMap<>();
    expected.merge(monday(D1).toString(), 5250L, Long::sum);
    expected.merge(monday(D2).toString(), 1000L, Long::sum);
    expected.merge(monday(D3).toString(), -1901L, Long::sum);
    assertThat(weekRevenue).isEqualTo(expected);
    assertThat(eurOnly.getJsonArray("totals")).hasSize(1);

    // By seller, on group totals: A = GA1 2250 + GA2 1000, refunds 900 + 2250/5250 of 1001 (429); B = 3000, refund 572.
    Map<String, JsonObject> sellers = byKey(get("/analytics/sales?" + RANGE + "&groupBy=seller", admin)
        .getJsonArray("items"), "sellerId");
    assertFigures(sellers.get(sellerA + "/EUR"), 2, 4, 3250, 900 + 429);
    assertFigures(sellers.get(sellerB + "/EUR"), 1, 1, 3000, 572);
    assertThat(sellers.get(sellerB + "/EUR").getLong("cancelledOrders")).isEqualTo(1);
    assertFigures(sellers.get(sellerA + "/USD"), 1, 4, 1000, 0);

    // By product, on lines: GA1's 900 is 800 (p1) + 100 (p2); its 429 share is 381.3 + 47.7 -> 381 + 48.
    Map<String, JsonObject> products = byKey(get("/analytics/sales?" + RANGE + "&groupBy=product", admin)
        .getJsonArray("items"), "productId");
    assertFigures(products.get(p1 + "/EUR"), 2, 3, 3000, 800 + 381);
    assertFigures(products.get(p2 + "/EUR"), 1, 1, 250, 100 + 48);
    assertFigures(products.get(p3 + "/EUR"), 1, 1, 3000, 572);
    assertFigures(products.get(p2 + "/USD"), 1, 4, 1000, 0);
    assertThat(get("/analytics/sales?" + RANGE + "&groupBy=product&limit=1", admin).getJsonArray("items"))
        .hasSize(1);
  }

  static LocalDate monday(LocalDate day) {
    return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  @Test
  void aRedeliveredOrRestatedEventCountsOnce() {
    String before = get("/analytics/sales?" + RANGE, admin).encode();
    // the relay's redelivery: the same event, same id, straight to the inbox
    Message<JsonObject> again = Await.result(app.node.vertx().eventBus()
        .<JsonObject>request("mercato.analytics.inbox", paidO2));
    assertThat(again.body().getBoolean("handled")).isFalse();
    // the same payment restated by a new event id, and the same refund again
    emit("mercato.order.paid.v1", "O2", paidO2.getJsonObject("data"));
    refund("O1", "R1", "GA1", 900, 900, 5250);
    waitForInbox();
    assertThat(get("/analytics/sales?" + RANGE, admin).encode()).isEqualTo(before);
  }

  @Test
  void aSellerSeesOnlyItsOwnFigures() {
    JsonObject own = get("/analytics/sales?" + RANGE, tokenA);
    assertThat(own.getString("sellerId")).isEqualTo(sellerA);
    Map<String, JsonObject> totals = byCurrency(own.getJsonArray("totals"));
    assertFigures(totals.get("EUR"), 2, 4, 3250, 1329);
    assertFigures(totals.get("USD"), 1, 4, 1000, 0);
    assertThat(get("/analytics/sales?" + RANGE + "&sellerId=" + sellerA, tokenA).encode()).isEqualTo(own.encode());
    assertThat(get("/analytics/sales?" + RANGE + "&sellerId=" + sellerA, admin).getJsonArray("totals").encode())
        .isEqualTo(own.getJsonArray("totals").encode());

    Map<String, JsonObject> products = byKey(get("/analytics/sales?" + RANGE + "&groupBy=product", tokenA)
        .getJsonArray("items"), "productId");
    assertThat(products.keySet()).containsExactlyInAnyOrder(p1 + "/EUR", p2 + "/EUR", p2 + "/USD");
    assertThat(byKey(get("/analytics/sales?" + RANGE + "&groupBy=seller", tokenB).getJsonArray("items"), "sellerId")
        .keySet()).containsExactly(sellerB + "/EUR");

    problem(app.api.get("/analytics/sales?" + RANGE + "&sellerId=" + sellerB, tokenA), 403, "forbidden");
    problem(app.api.get("/analytics/products?" + RANGE + "&sellerId=" + sellerB, tokenA), 403, "forbidden");
    problem(app.api.get("/analytics/sales?" + RANGE, token(UUID.randomUUID().toString(), "customer")), 403, "forbidden");
    problem(app.api.get("/analytics/traffic", tokenA), 403, "forbidden");
    problem(app.api.get("/analytics/user-behavior", tokenA), 403, "forbidden");
    problem(app.api.get("/analytics/sales", null), 401, "unauthenticated");
  }

  @Test
  void theFunnelJoinsViewsCartAddsAndPurchases() {
    Await.until("the views reached Redis", Duration.ofSeconds(10), () -> funnel(admin).getJsonObject("totals")
        .getLong("views") == 6);

    Map<String, JsonObject> steps = byKey(funnel(admin).getJsonArray("products"), "productId");
    JsonObject mug = steps.get(p1 + "/null");
    assertThat(mug.getLong("views")).isEqualTo(4);
    assertThat(mug.getLong("cartAdds")).isEqualTo(2);
    assertThat(mug.getLong("purchases")).isEqualTo(2);
    assertThat(mug.getLong("units")).isEqualTo(3);
    assertThat(mug.getDouble("viewToCart")).isEqualTo(0.5);
    assertThat(mug.getDouble("cartToPurchase")).isEqualTo(1.0);
    JsonObject spoon = steps.get(p2 + "/null");
    assertThat(spoon.getLong("views")).isEqualTo(2);
    assertThat(spoon.getLong("cartAdds")).isEqualTo(1);
    assertThat(spoon.getLong("purchases")).isEqualTo(2);
    JsonObject kettle = steps.get(p3 + "/null");
    assertThat(kettle.getLong("views")).isZero();
    assertThat(kettle.getValue("viewToCart")).isNull();

    assertThat(byKey(funnel(tokenA).getJsonArray("products"), "productId").keySet())
        .containsExactlyInAnyOrder(p1 + "/null", p2 + "/null");
    assertThat(byKey(funnel(tokenB).getJsonArray("products"), "productId").keySet()).containsExactly(p3 + "/null");
    JsonObject top = get("/analytics/products?" + RANGE + "&currency=EUR", admin).getJsonArray("topProducts").getJsonObject(0);
    assertThat(top.getString("productId")).isEqualTo(p3);
    assertThat(top.getLong("revenue")).isEqualTo(3000 - 572);
  }

  static JsonObject funnel(String token) {
    return get("/analytics/products?" + RANGE, token).getJsonObject("funnel");
  }

  @Test
  void trafficCountsRequestsThroughTheEdge() {
    String today = "from=" + TODAY + "&to=" + TODAY;
    // Each edge instance flushes its own counts (and visitors) every second: wait until the
    // seven views, the three creates and the four visitors have all arrived.
    Await.until("the traffic is counted", Duration.ofSeconds(30), () -> {
      JsonObject report = get("/analytics/traffic?" + today, admin);
      JsonObject counted = route(report, "GET /products/{product_id}");
      JsonObject created = route(report, "POST /products");
      return counted != null && counted.getLong("requests") >= 7
          && created != null && created.getJsonObject("statusClasses").getLong("2xx", 0L) >= 3
          && report.getJsonObject("totals").getLong("uniqueVisitors", 0L) >= 4;
    });
    JsonObject views = route(get("/analytics/traffic?" + today, admin), "GET /products/{product_id}");
    assertThat(views.getLong("requests")).isEqualTo(7);
    assertThat(views.getJsonObject("statusClasses").getLong("2xx")).isEqualTo(6);
    assertThat(views.getJsonObject("statusClasses").getLong("4xx")).isEqualTo(1);
    JsonObject creates = route(get("/analytics/traffic?" + today, admin), "POST /products");
    assertThat(creates.getJsonObject("statusClasses").getLong("2xx")).isEqualTo(3);

    JsonObject report = get("/analytics/traffic?" + today + "&interval=hour", admin);
    assertThat(report.getJsonArray("items")).hasSize(24);
    long perHour = report.getJsonArray("items").stream().mapToLong(i -> ((JsonObject) i).getLong("requests")).sum();
    assertThat(perHour).isEqualTo(report.getJsonObject("totals").getLong("requests"));
    // visitors: the anonymous address, sellers A and B, the admin (at least those four)
    assertThat(report.getJsonObject("totals").getLong("uniqueVisitors")).isGreaterThanOrEqualTo(4);
    JsonObject minutes = get("/analytics/traffic?" + today + "&interval=minute", admin);
    assertThat(minutes.getJsonArray("items")).hasSize(1440);
  }

  static JsonObject route(JsonObject report, String route) {
    return report.getJsonArray("routes").stream().map(r -> (JsonObject) r)
        .filter(r -> r.getString("route").equals(route)).findFirst().orElse(null);
  }

  @Test
  void userBehaviourCountsEventsByTypeAndDay() {
    JsonObject report = get("/analytics/user-behavior?" + RANGE, admin);
    JsonObject byType = report.getJsonObject("eventsByType");
    assertThat(byType.getLong("mercato.order.placed.v1")).isEqualTo(4);
    assertThat(byType.getLong("mercato.order.paid.v1")).isEqualTo(3);
    assertThat(byType.getLong("mercato.order.refunded.v1")).isEqualTo(2);
    assertThat(byType.getLong("mercato.order.cancelled.v1")).isEqualTo(1);
    assertThat(byType.getLong("mercato.cart.item-added.v1")).isEqualTo(3);
    assertThat(byType.getLong("mercato.search.performed.v1")).isEqualTo(1);
    assertThat(byType.getLong("mercato.auth.registered.v1")).isEqualTo(1);
    assertThat(report.getLong("activeAccounts")).isEqualTo(4);
    assertThat(report.getJsonObject("funnel").getLong("addedToCart")).isEqualTo(1);
    assertThat(report.getJsonArray("topSearches").getJsonObject(0).getLong("zeroResults")).isEqualTo(1);
    assertThat(report.getLong("productViews")).isEqualTo(6);
    JsonObject d1 = report.getJsonArray("items").stream().map(i -> (JsonObject) i)
        .filter(i -> i.getString("period").equals(D1.toString())).findFirst().orElseThrow();
    assertThat(d1.getJsonObject("events").getLong("mercato.order.placed.v1")).isEqualTo(2);
    JsonObject one = get("/analytics/user-behavior?" + RANGE + "&accountId=acct-O1", admin);
    assertThat(one.getJsonObject("eventsByType").getLong("mercato.cart.item-added.v1")).isEqualTo(3);
    assertThat(one.getJsonObject("eventsByType").getLong("mercato.order.placed.v1")).isEqualTo(1);
  }

  @Test
  void rangesAndParametersAreValidated() {
    problem(app.api.get("/analytics/sales?from=2026-01-01&to=2027-06-01", admin), 400, "validation");
    problem(app.api.get("/analytics/sales?from=" + TODAY + "&to=" + D1, admin), 400, "validation");
    problem(app.api.get("/analytics/sales?from=yesterday", admin), 400, "validation");
    problem(app.api.get("/analytics/sales?from=2026-02-30", admin), 400, "validation");
    problem(app.api.get("/analytics/sales?interval=year", admin), 400, "validation");
    problem(app.api.get("/analytics/sales?groupBy=buyer", admin), 400, "validation");
    problem(app.api.get("/analytics/sales?currency=eur", admin), 400, "validation");
    problem(app.api.get("/analytics/products?limit=0", admin), 400, "validation");
    problem(app.api.get("/analytics/traffic?from=" + D3 + "&to=" + TODAY + "&interval=minute", admin), 400, "validation");
    problem(app.api.get("/analytics/user-behavior?from=2020-01-01&to=2021-06-01", admin), 400, "validation");
    assertThat(app.api.get("/analytics/sales?from=" + TODAY.minusDays(365) + "&to=" + TODAY, admin).statusCode())
        .isEqualTo(200);
  }

  @Test
  void aRebuildFromTheFactsGivesTheSameFigures() throws Exception {
    List<String> reports = List.of("/analytics/sales?" + RANGE, "/analytics/sales?" + RANGE + "&groupBy=seller",
        "/analytics/sales?" + RANGE + "&groupBy=product", "/analytics/user-behavior?" + RANGE);
    List<String> before = reports.stream().map(uri -> get(uri, admin).encode()).toList();
    // The inbox spread the events over the rollups' shards; the rebuild writes shard 0 only.
    assertThat(app.db.count("SELECT count(DISTINCT shard) FROM analytics.sales_daily")).isGreaterThan(1);
    app.db.execute("UPDATE analytics.sales_daily SET gross = gross + 1");
    assertThat(get(reports.get(0), admin).encode()).isNotEqualTo(before.get(0));
    long rows = RebuildRollups.run(TestConfig.of(app.db, Map.of()).db());
    assertThat(rows).isPositive();
    assertThat(reports.stream().map(uri -> get(uri, admin).encode()).toList()).isEqualTo(before);
    assertThat(app.db.count("SELECT count(DISTINCT shard) FROM analytics.sales_daily")).isEqualTo(1);
  }

  static void problem(HttpResponse<Buffer> response, int status, String slug) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.bodyAsJsonObject().getString("type")).isEqualTo("/problems/" + slug);
  }
}
