package mercato.notification;

import static mercato.notification.NotificationNode.problem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import mercato.catalog.CatalogDomain;
import mercato.notification.api.WebhookEventTypes;
import mercato.platform.events.Event;
import mercato.platform.events.Subscriptions;
import mercato.platform.webhooks.WebhookSignature;
import mercato.testing.Api;
import mercato.testing.Await;
import mercato.testing.Services;
import mercato.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhook endpoints end to end: the catalog writes real events, the relays bring them to the
 * fan-out, and the worker POSTs them to a receiver on loopback that answers as each path is
 * told to. Retries, the attempt log, replays, ownership and disabling are read back through
 * the API.
 */
class WebhookEndpointsTest {
  static TestNode app;
  static Api api;
  static Vertx vertx;
  static HttpServer receiver;
  /** What each path answers (default 204); a path with a count answers 503 that many times first. */
  static final Map<String, Integer> answers = new ConcurrentHashMap<>();
  static final Map<String, AtomicInteger> failFirst = new ConcurrentHashMap<>();
  static final Queue<Received> received = new ConcurrentLinkedQueue<>();

  record Received(String path, String id, String timestamp, String signature, String body, int answered) {}

  record Caller(String id, String token) {}

  @BeforeAll
  static void start() {
    app = TestNode.of(CatalogDomain.domain(), NotificationDomain.domain(), NotificationNode.emailStandIn()).withKeys()
        .roles("http,catalog,notification")
        .set("http.contract", "openapi.yaml")
        .set("notification.sweepMs", "100")
        .set("notification.webhooks.allowPrivateNetworks", "true")
        .set("notification.webhooks.timeoutMs", "2000")
        .set("notification.webhooks.maxAttempts", "3")
        .set("notification.webhooks.backoffBaseMs", "50")
        .set("notification.webhooks.backoffMaxMs", "200")
        .set("notification.webhooks.disableAfterFailures", "2")
        // the fan-out reads the endpoints again only when told of a change, so the tests see that it is told
        .set("notification.webhooks.endpointsRefreshMs", "600000")
        .start();
    api = app.api;
    vertx = Vertx.vertx();
    receiver = Await.result(vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      String path = request.path();
      AtomicInteger failures = failFirst.get(path);
      int status = failures != null && failures.getAndDecrement() > 0 ? 503 : answers.getOrDefault(path, 204);
      received.add(new Received(path, request.getHeader("webhook-id"), request.getHeader("webhook-timestamp"),
          request.getHeader("webhook-signature"), body.toString(), status));
      request.response().setStatusCode(status).end();
    })).listen(0, Services.HOST));
  }

  @AfterAll
  static void stop() {
    if (vertx != null) {
      Await.result(vertx.close());
    }
    if (app != null) {
      app.close();
    }
  }

  static Caller caller(String typ) {
    String id = UUID.randomUUID().toString();
    return new Caller(id, app.tokens.sign(new JsonObject().put("sub", id).put("typ", typ)
        .put("roles", new JsonArray(typ.equals("admin") ? List.of("admin") : List.of())).put("email_verified", true), 600));
  }

  static String url(String path) {
    return "http://" + Services.HOST + ":" + receiver.actualPort() + path;
  }

  static JsonObject endpoint(Caller owner, String path, JsonArray types, JsonObject filter) {
    JsonObject body = new JsonObject().put("url", url(path)).put("eventTypes", types);
    if (filter != null) {
      body.put("filter", filter);
    }
    HttpResponse<Buffer> response = api.post("/notification/webhook-endpoints", owner.token(), body);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject();
  }

  static String product(Caller seller, String name) {
    HttpResponse<Buffer> response = api.post("/products", seller.token(), new JsonObject().put("name", name)
        .put("sku", "SKU-" + UUID.randomUUID().toString().substring(0, 8))
        .put("price", new JsonObject().put("amount", 1200).put("currency", "EUR")));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject().getString("id");
  }

  /** Waits until the relays have handed every catalog event to the fan-out. */
  static void fannedOut() {
    Await.until("catalog events handed to the webhook fan-out", Duration.ofSeconds(30), () -> app.db.count(
        "SELECT count(*) FROM catalog.outbox_delivery WHERE subscriber = 'webhooks' AND status <> 'delivered'") == 0);
  }

  static List<String> deliveredTypes(String endpointId) {
    return app.db.column("SELECT event_type FROM notification.webhook_deliveries WHERE endpoint_id = '" + endpointId
        + "' ORDER BY id");
  }

  static JsonObject delivery(Caller owner, String endpointId, String status) {
    Await.until("a " + status + " delivery of " + endpointId, Duration.ofSeconds(30), () -> !api
        .get("/notification/webhook-endpoints/" + endpointId + "/deliveries?status=" + status, owner.token())
        .bodyAsJsonObject().getJsonArray("items").isEmpty());
    String id = api.get("/notification/webhook-endpoints/" + endpointId + "/deliveries?status=" + status, owner.token())
        .bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getString("id");
    HttpResponse<Buffer> one = api.get("/notification/webhook-deliveries/" + id, owner.token());
    assertThat(one.statusCode()).as(one.bodyAsString()).isEqualTo(200);
    return one.bodyAsJsonObject();
  }

  static List<Received> at(String path) {
    return received.stream().filter(r -> r.path().equals(path)).toList();
  }

  @Test
  void anAdminEndpointGetsSignedEventsOfItsTypesOnly() {
    Caller admin = caller("admin");
    JsonObject created = endpoint(admin, "/admin-created", new JsonArray().add("mercato.catalog.product-created.v1"), null);
    String secret = created.getString("secret");
    assertThat(secret).startsWith("whsec_");
    Caller seller = caller("company");
    String first = product(seller, "Lamp");
    HttpResponse<Buffer> price = api.put("/products/" + first, seller.token(), new JsonObject()
        .put("price", new JsonObject().put("amount", 900).put("currency", "EUR")));
    assertThat(price.statusCode()).as(price.bodyAsString()).isEqualTo(200);
    String second = product(seller, "Desk");
    Await.until("both products reach the endpoint", Duration.ofSeconds(30), () -> at("/admin-created").size() >= 2);
    fannedOut();

    assertThat(deliveredTypes(created.getString("id"))).containsOnly("mercato.catalog.product-created.v1").hasSize(2);
    for (Received hook : at("/admin-created")) {
      assertThat(WebhookSignature.verify(secret, hook.id(), hook.timestamp(), hook.signature(), hook.body(),
          Instant.now().getEpochSecond())).as("signature of " + hook.body()).isTrue();
      JsonObject event = new JsonObject(hook.body());
      assertThat(event.getString("specversion")).isEqualTo("1.0");
      assertThat(event.getString("type")).isEqualTo("mercato.catalog.product-created.v1");
    }
    assertThat(at("/admin-created").stream().map(r -> new JsonObject(r.body()).getString("subject")))
        .containsExactlyInAnyOrder(first, second);
    HttpResponse<Buffer> listed = api.get("/notification/webhook-endpoints", admin.token());
    assertThat(listed.bodyAsJsonObject().getJsonArray("items").getJsonObject(0).containsKey("secret")).isFalse();
    assertThat(listed.bodyAsString()).doesNotContain(secret);
  }

  @Test
  void aSellerGetsOnlyEventsThatNameIt() {
    Caller mine = caller("shop");
    Caller theirs = caller("company");
    JsonObject created = endpoint(mine, "/seller", new JsonArray().add("mercato.catalog.*"), null);
    product(theirs, "Not mine");
    String own = product(mine, "Mine");
    Await.until("the seller's own product arrives", Duration.ofSeconds(30), () -> !at("/seller").isEmpty());
    fannedOut();
    assertThat(at("/seller")).hasSize(1);
    assertThat(new JsonObject(at("/seller").get(0).body()).getJsonObject("data").getString("sellerId")).isEqualTo(mine.id());
    assertThat(new JsonObject(at("/seller").get(0).body()).getString("subject")).isEqualTo(own);
    assertThat(deliveredTypes(created.getString("id"))).hasSize(1);
    // a filter narrows further, an admin may name any seller
    Caller admin = caller("admin");
    JsonObject filtered = endpoint(admin, "/filtered", new JsonArray().add("*"), new JsonObject().put("sellerId", theirs.id()));
    product(mine, "Also mine");
    product(theirs, "Theirs again");
    Await.until("the filtered seller's product arrives", Duration.ofSeconds(30), () -> !at("/filtered").isEmpty());
    fannedOut();
    assertThat(at("/filtered")).allSatisfy(hook ->
        assertThat(new JsonObject(hook.body()).getJsonObject("data").getString("sellerId")).isEqualTo(theirs.id()));
    assertThat(deliveredTypes(filtered.getString("id"))).isNotEmpty();
  }

  @Test
  void aFailedAttemptIsRetriedAndEveryAttemptIsLogged() {
    Caller admin = caller("admin");
    failFirst.put("/flaky", new AtomicInteger(1));
    JsonObject created = endpoint(admin, "/flaky", new JsonArray().add("mercato.catalog.product-created.v1"), null);
    product(caller("company"), "Flaky");
    JsonObject delivery = delivery(admin, created.getString("id"), "delivered");
    JsonArray history = delivery.getJsonArray("history");
    assertThat(history.size()).as(delivery.encode()).isEqualTo(2);
    assertThat(history.getJsonObject(0).getInteger("status")).isEqualTo(503);
    assertThat(history.getJsonObject(1).getInteger("status")).isEqualTo(204);
    assertThat(history.getJsonObject(1).getString("origin")).isEqualTo("http://" + Services.HOST + ":" + receiver.actualPort());
    assertThat(at("/flaky")).extracting(Received::id).containsOnly(delivery.getString("id")).hasSize(2);
    assertThat(delivery.getString("payload")).isEqualTo(at("/flaky").get(1).body());
  }

  @Test
  void aClientErrorEndsTheDeliveryAndAReplaySendsItAgainUnderTheSameId() {
    Caller admin = caller("admin");
    answers.put("/gone", 410);
    JsonObject created = endpoint(admin, "/gone", new JsonArray().add("mercato.catalog.product-created.v1"), null);
    product(caller("company"), "Refused");
    JsonObject failed = delivery(admin, created.getString("id"), "failed");
    assertThat(failed.getJsonArray("history").size()).as("a 4xx is not retried").isEqualTo(1);
    assertThat(failed.getInteger("lastStatus")).isEqualTo(410);

    answers.put("/gone", 200);
    HttpResponse<Buffer> replay = api.post("/notification/webhook-deliveries/" + failed.getString("id") + "/replay",
        admin.token(), null);
    assertThat(replay.statusCode()).as(replay.bodyAsString()).isEqualTo(202);
    JsonObject delivered = delivery(admin, created.getString("id"), "delivered");
    assertThat(delivered.getString("id")).isEqualTo(failed.getString("id"));
    assertThat(at("/gone")).extracting(Received::id).containsOnly(failed.getString("id")).hasSize(2);
    // another account sees neither the endpoint nor its deliveries
    Caller stranger = caller("customer");
    problem(api.get("/notification/webhook-endpoints/" + created.getString("id"), stranger.token()), 404, "not-found", null);
    problem(api.post("/notification/webhook-deliveries/" + failed.getString("id") + "/replay", stranger.token(), null),
        404, "not-found", null);
  }

  @Test
  void anEndpointThatKeepsFailingIsDisabledItsOwnerToldAndItsFailuresReplayed() {
    Caller owner = caller("company");
    answers.put("/down", 500);
    JsonObject created = endpoint(owner, "/down", new JsonArray().add("mercato.catalog.product-created.v1"), null);
    String id = created.getString("id");
    product(owner, "One");
    product(owner, "Two");
    Await.until("the endpoint is disabled", Duration.ofSeconds(60), () -> "disabled".equals(
        api.get("/notification/webhook-endpoints/" + id, owner.token()).bodyAsJsonObject().getString("status")));
    JsonObject disabled = api.get("/notification/webhook-endpoints/" + id, owner.token()).bodyAsJsonObject();
    assertThat(disabled.getString("disabledReason")).contains("2 deliveries in a row failed");
    JsonArray notices = api.get("/notifications", owner.token()).bodyAsJsonObject().getJsonArray("items");
    assertThat(notices.stream().map(n -> ((JsonObject) n).getString("title"))).contains("Webhook endpoint disabled");
    int attemptsWhenDisabled = at("/down").size();

    product(owner, "Three, while disabled");
    fannedOut();
    assertThat(deliveredTypes(id)).as("a disabled endpoint gets no new deliveries").hasSize(2);
    problem(api.post("/notification/webhook-endpoints/" + id + "/replay", owner.token(), new JsonObject()), 409,
        "conflict", null);
    assertThat(at("/down")).hasSize(attemptsWhenDisabled);

    answers.put("/down", 204);
    HttpResponse<Buffer> enabled = api.put("/notification/webhook-endpoints/" + id, owner.token(),
        new JsonObject().put("enabled", true));
    assertThat(enabled.statusCode()).as(enabled.bodyAsString()).isEqualTo(200);
    assertThat(enabled.bodyAsJsonObject().getString("status")).isEqualTo("enabled");
    HttpResponse<Buffer> replay = api.post("/notification/webhook-endpoints/" + id + "/replay", owner.token(),
        new JsonObject());
    assertThat(replay.statusCode()).as(replay.bodyAsString()).isEqualTo(202);
    assertThat(replay.bodyAsJsonObject().getInteger("replayed")).isEqualTo(2);
    Await.until("both failed deliveries are delivered", Duration.ofSeconds(30), () -> app.db.count(
        "SELECT count(*) FROM notification.webhook_deliveries WHERE endpoint_id = '" + id + "' AND status = 'delivered'") == 2);
  }

  @Test
  void badEndpointsAreRefusedAndChangeNothing() {
    Caller admin = caller("admin");
    String path = "/notification/webhook-endpoints";
    problem(api.post(path, admin.token(), new JsonObject().put("url", url("/x"))
        .put("eventTypes", new JsonArray().add("mercato.auth.verification-requested.v1"))), 400, "validation", "/eventTypes/0");
    problem(api.post(path, admin.token(), new JsonObject().put("url", url("/x"))
        .put("eventTypes", new JsonArray().add("mercato.nothing.*"))), 400, "validation", "/eventTypes/0");
    problem(api.post(path, admin.token(), new JsonObject().put("url", url("/x"))
        .put("eventTypes", new JsonArray().add("*")).put("filter", new JsonObject().put("sellerId", "not-an-id"))),
        400, "validation", "/filter/sellerId");
    problem(api.post(path, admin.token(), new JsonObject().put("url", "ftp://example.com/")
        .put("eventTypes", new JsonArray().add("*"))), 400, "validation", "/url");
    problem(api.post(path, caller("warehouse").token(), new JsonObject().put("url", url("/x"))
        .put("eventTypes", new JsonArray().add("*"))), 403, "forbidden", null);
    problem(api.post(path, null, new JsonObject().put("url", url("/x"))
        .put("eventTypes", new JsonArray().add("*"))), 401, "unauthenticated", null);
    assertThat(app.db.count("SELECT count(*) FROM notification.webhook_endpoints WHERE url = '" + url("/x") + "'"))
        .isZero();
    HttpResponse<Buffer> types = api.get("/notification/webhook-event-types", admin.token());
    assertThat(types.bodyAsJsonObject().getJsonArray("items").getList()).containsAll(WebhookEventTypes.ALL)
        .doesNotContain("mercato.auth.verification-requested.v1");
  }

  @Test
  void aRedeliveredEventQueuesOneDelivery() {
    Caller admin = caller("admin");
    JsonObject created = endpoint(admin, "/twice", new JsonArray().add("mercato.review.created.v1"), null);
    Event event = Event.of("mercato.review.created.v1", UUID.randomUUID().toString(), new JsonObject()
        .put("reviewId", UUID.randomUUID().toString()).put("rating", 5));
    JsonObject batch = new JsonObject().put("events", new JsonArray().add(event.toJson()));
    String address = Subscriptions.inboxAddress(WebhookEventTypes.SUBSCRIBER);
    for (int i = 0; i < 2; i++) {
      JsonObject reply = Await.result(app.node.vertx().eventBus().<JsonObject>request(address, batch)).body();
      assertThat(reply.getJsonArray("results").getJsonObject(0).getString("outcome")).isEqualTo("done");
    }
    Await.until("the event is delivered", Duration.ofSeconds(30), () -> !at("/twice").isEmpty());
    assertThat(deliveredTypes(created.getString("id"))).hasSize(1);
  }

  @Test
  void anEndpointRemovedUnheardOfIsDroppedFromTheFanOutWithoutLosingTheBatch() {
    Caller admin = caller("admin");
    JsonObject kept = endpoint(admin, "/kept", new JsonArray().add("mercato.review.deleted.v1"), null);
    JsonObject removed = endpoint(admin, "/removed", new JsonArray().add("mercato.review.deleted.v1"), null);
    String address = Subscriptions.inboxAddress(WebhookEventTypes.SUBSCRIBER);
    JsonObject warm = new JsonObject().put("events", new JsonArray().add(Event.of("mercato.review.deleted.v1",
        UUID.randomUUID().toString(), new JsonObject().put("reviewId", UUID.randomUUID().toString())).toJson()));
    Await.result(app.node.vertx().eventBus().<JsonObject>request(address, warm));
    // removed behind the node's back: its copy still names the endpoint, so the insert meets the foreign key
    app.db.execute("DELETE FROM notification.webhook_endpoints WHERE id = '" + removed.getString("id") + "'");
    JsonObject batch = new JsonObject().put("events", new JsonArray().add(Event.of("mercato.review.deleted.v1",
        UUID.randomUUID().toString(), new JsonObject().put("reviewId", UUID.randomUUID().toString())).toJson()));
    JsonObject reply = Await.result(app.node.vertx().eventBus().<JsonObject>request(address, batch)).body();
    assertThat(reply.getJsonArray("results").getJsonObject(0).getString("outcome")).isEqualTo("done");
    assertThat(deliveredTypes(kept.getString("id"))).hasSize(2);
  }
}
