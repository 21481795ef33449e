package mercato.notification;

import static mercato.notification.NotificationNode.problem;
import static mercato.notification.NotificationNode.subjectOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mercato.notification.api.NotificationAddresses;
import mercato.testing.Await;
import mercato.testing.Services;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The notification domain over HTTP on a real node (PostgreSQL, Redis): subscriptions,
 * the inbox with unread counts and cursor pages, admin-only sending, the email event in the
 * outbox, signed and retried webhooks to a local receiver (private networks allowed here),
 * the live stream, and the erase on account closure. Every test uses fresh accounts.
 */
class NotificationHttpTest {
  /** One request the local webhook receiver got. */
  record Received(MultiMap headers, String body, Instant at) {}

  static NotificationNode app;
  static Vertx vertx;
  static HttpServer receiver;
  static final Map<String, List<Received>> received = new ConcurrentHashMap<>();
  /** Per receiver path: how many requests to answer with 500 before answering 204. */
  static final Map<String, AtomicInteger> failFirst = new ConcurrentHashMap<>();

  @BeforeAll
  static void start() {
    app = NotificationNode.start(Map.of(
        "notification.webhooks.allowPrivateNetworks", "true",
        "notification.webhooks.maxAttempts", "4"));
    vertx = Vertx.vertx();
    receiver = Await.result(vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      String path = request.path();
      received.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>())
          .add(new Received(MultiMap.caseInsensitiveMultiMap().addAll(request.headers()), body.toString(), Instant.now()));
      AtomicInteger failures = failFirst.get(path);
      int status = path.startsWith("/gone") ? 410 : failures != null && failures.getAndDecrement() > 0 ? 500 : 204;
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

  private static String url(String path) {
    return "http://" + Services.HOST + ":" + receiver.actualPort() + path;
  }

  @Test
  void subscribeListPagesAndMarkRead() {
    String alice = app.customer();
    String bob = app.customer();
    JsonObject inApp = new JsonObject().put("topic", "order-updates").put("channel", "in-app");
    HttpResponse<Buffer> created = app.subscribe(alice, inApp);
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    assertThat(created.bodyAsJsonObject().getString("topic")).isEqualTo("order-updates");
    assertThat(created.bodyAsJsonObject().containsKey("secret")).isFalse();
    HttpResponse<Buffer> again = app.subscribe(alice, inApp);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.bodyAsJsonObject().getString("id")).isEqualTo(created.bodyAsJsonObject().getString("id"));

    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      JsonObject sent = app.notify(subjectOf(alice), "order-updates", "Update " + i,
          new JsonObject().put("data", new JsonObject().put("n", i)));
      assertThat(sent.getJsonArray("channels")).containsExactly("in-app");
      ids.add(sent.getString("id"));
    }

    JsonObject all = app.list(alice, "");
    assertThat(all.getLong("unreadCount")).isEqualTo(3);
    assertThat(all.getValue("nextCursor")).isNull();
    JsonArray items = all.getJsonArray("items");
    assertThat(items.stream().map(i -> ((JsonObject) i).getString("title")).toList())
        .containsExactly("Update 3", "Update 2", "Update 1");
    JsonObject newest = items.getJsonObject(0);
    assertThat(newest.fieldNames()).containsExactlyInAnyOrder("id", "topic", "title", "body", "data", "createdAt", "readAt");
    assertThat(newest.getJsonObject("data").getInteger("n")).isEqualTo(3);
    assertThat(newest.getValue("readAt")).isNull();

    JsonObject first = app.list(alice, "?limit=2");
    assertThat(first.getJsonArray("items")).hasSize(2);
    assertThat(first.getString("nextCursor")).isNotNull();
    JsonObject second = app.list(alice, "?limit=2&cursor=" + first.getString("nextCursor"));
    assertThat(second.getJsonArray("items")).hasSize(1);
    assertThat(second.getJsonArray("items").getJsonObject(0).getString("id")).isEqualTo(ids.get(0));
    assertThat(second.getValue("nextCursor")).isNull();
    problem(app.get("/notifications?cursor=bogus", alice), 400, "validation", "/cursor");
    problem(app.get("/notifications?limit=1000", alice), 400, "validation", "/limit");

    // Bob sees none of Alice's notifications and cannot mark them.
    JsonObject bobs = app.list(bob, "");
    assertThat(bobs.getJsonArray("items")).isEmpty();
    assertThat(bobs.getLong("unreadCount")).isZero();
    HttpResponse<Buffer> bobMarks = app.post("/notifications/read", bob, new JsonObject().put("ids", new JsonArray(ids)));
    assertThat(bobMarks.statusCode()).isEqualTo(200);
    assertThat(bobMarks.bodyAsJsonObject().getInteger("marked")).isZero();
    HttpResponse<Buffer> bobMarksAll = app.post("/notifications/read", bob, new JsonObject().put("all", true));
    assertThat(bobMarksAll.bodyAsJsonObject().getInteger("marked")).isZero();
    assertThat(app.list(alice, "").getLong("unreadCount")).isEqualTo(3);

    HttpResponse<Buffer> marked = app.post("/notifications/read", alice,
        new JsonObject().put("ids", new JsonArray().add(ids.get(1))));
    assertThat(marked.statusCode()).isEqualTo(200);
    assertThat(marked.bodyAsJsonObject()).isEqualTo(new JsonObject().put("unreadCount", 2).put("marked", 1));
    JsonObject unread = app.list(alice, "?unreadOnly=true");
    assertThat(unread.getJsonArray("items").stream().map(i -> ((JsonObject) i).getString("id")).toList())
        .containsExactly(ids.get(2), ids.get(0));
    assertThat(app.list(alice, "").getJsonArray("items").getJsonObject(1).getString("readAt")).isNotNull();
    HttpResponse<Buffer> markedAll = app.post("/notifications/read", alice, new JsonObject().put("all", true));
    assertThat(markedAll.bodyAsJsonObject()).isEqualTo(new JsonObject().put("unreadCount", 0).put("marked", 2));
    problem(app.post("/notifications/read", alice, new JsonObject()), 400, "validation", null);
    problem(app.post("/notifications/read", alice, new JsonObject().put("ids", new JsonArray().add("x"))), 400,
        "validation", "/ids/0");

    assertThat(app.post("/notification/unsubscribe", alice, inApp).statusCode()).isEqualTo(204);
    assertThat(app.post("/notification/unsubscribe", alice, inApp).statusCode()).isEqualTo(204);
    assertThat(app.db.count("SELECT count(*) FROM notification.subscriptions WHERE account_id = '" + subjectOf(alice)
        + "'")).isZero();
  }

  @Test
  void theServedContractDocumentsTheDomain() {
    String contract = app.get("/openapi.yaml", null).bodyAsString();
    assertThat(contract).contains("/notification/send:", "/notification/subscribe:", "/notification/unsubscribe:",
        "/notifications/read:", "/notifications/stream:", "NotificationWebhookPayload:", "text/event-stream");
  }

  @Test
  void subscriptionsAreValidatedAndAlwaysTheCallersOwn() {
    String alice = app.customer();
    problem(app.subscribe(alice, new JsonObject().put("topic", "gossip").put("channel", "in-app")), 400, "validation",
        "/topic");
    problem(app.subscribe(alice, new JsonObject().put("topic", "promotions").put("channel", "pigeon")), 400,
        "validation", "/channel");
    problem(app.subscribe(alice, new JsonObject().put("topic", "promotions").put("channel", "email")), 400,
        "validation", "/email");
    problem(app.subscribe(alice, new JsonObject().put("topic", "promotions").put("channel", "webhook")), 400,
        "validation", "/url");
    // The account is the token's subject: a body naming one is refused by the contract.
    problem(app.subscribe(alice, new JsonObject().put("topic", "promotions").put("channel", "in-app")
        .put("accountId", UUID.randomUUID().toString())), 400, "validation", null);
    problem(app.subscribe(null, new JsonObject().put("topic", "promotions").put("channel", "in-app")), 401,
        "unauthenticated", null);
    problem(app.get("/notifications", null), 401, "unauthenticated", null);
  }

  @Test
  void onlyAdminsAndInternalCallersSend() {
    String alice = app.customer();
    JsonObject body = new JsonObject().put("accountId", subjectOf(alice)).put("topic", "account").put("title", "Hi")
        .put("body", "Hello.");
    problem(app.post("/notification/send", alice, body), 403, "forbidden", null);
    problem(app.post("/notifications", alice, body), 403, "forbidden", null);
    problem(app.post("/notification/send", null, body), 401, "unauthenticated", null);
    problem(app.post("/notification/send", app.admin, body.copy().put("topic", "gossip")), 400, "validation", "/topic");

    HttpResponse<Buffer> sent = app.post("/notification/send", app.admin, body);
    assertThat(sent.statusCode()).isEqualTo(202);
    assertThat(sent.bodyAsJsonObject().getJsonArray("channels")).containsExactly("in-app");
    assertThat(app.post("/notifications", app.admin, body).statusCode()).isEqualTo(202); // the alias

    // Another domain, over the bus, without a principal: it gets the domain result itself.
    JsonObject reply = Await.result(app.node.vertx().eventBus().<JsonObject>request(
        NotificationAddresses.SEND_NOTIFICATION, mercato.platform.bus.Envelope.internal(body, "test-internal"))).body();
    assertThat(reply.getString("id")).isNotNull();
    assertThat(reply.containsKey("status")).isFalse();
    assertThat(app.list(alice, "").getLong("unreadCount")).isEqualTo(3);
  }

  @Test
  void emailGoesToTheEmailDomainThroughThePrivateOutboxEvent() {
    String alice = app.customer();
    String account = subjectOf(alice);
    assertThat(app.subscribe(alice, new JsonObject().put("topic", "order-updates").put("channel", "email")
        .put("email", "alice@example.com")).statusCode()).isEqualTo(201);
    assertThat(app.subscribe(alice, new JsonObject().put("topic", "order-updates").put("channel", "sms"))
        .statusCode()).isEqualTo(201);
    assertThat(app.subscribe(alice, new JsonObject().put("topic", "promotions").put("channel", "push"))
        .statusCode()).isEqualTo(201);

    JsonObject sent = app.notify(account, "order-updates", "Your order shipped", null);
    assertThat(sent.getJsonArray("channels")).containsExactly("in-app", "email");
    assertThat(sent.getJsonArray("skipped")).containsExactly(
        new JsonObject().put("channel", "sms").put("reason", "no provider configured"));
    String id = sent.getString("id");

    assertThat(app.db.column("SELECT type || ' ' || (data->>'accountId') || ' ' || (data->>'email') || ' ' || "
        + "(data->>'subject') || ' | ' || (data->>'text') FROM notification.outbox WHERE subject = '" + id + "'"))
        .containsExactly("mercato.notification.email-requested.v1 " + account
            + " alice@example.com Your order shipped | About Your order shipped.");
    assertThat(app.db.column("SELECT d.subscriber FROM notification.outbox_delivery d "
        + "JOIN notification.outbox o USING (seq) WHERE o.subject = '" + id + "'")).containsExactly("email");
    assertThat(app.db.column("SELECT channel || ':' || status || ':' || coalesce(detail, '') "
        + "FROM notification.channel_attempts WHERE notification_id = '" + id + "' ORDER BY channel"))
        .containsExactly("email:requested:", "sms:skipped:no provider configured");

    // A subject narrows nothing for topic-wide subscriptions; other topics send nothing extra.
    assertThat(app.notify(account, "order-updates", "Narrow", new JsonObject().put("subject", "o-1"))
        .getJsonArray("channels")).containsExactly("in-app", "email");
    assertThat(app.notify(account, "price-drop", "Cheaper", null).getJsonArray("channels")).containsExactly("in-app");
  }

  @Test
  void webhooksAreSignedRetriedAndDelivered() throws Exception {
    String alice = app.customer();
    String path = "/hooks/" + UUID.randomUUID();
    failFirst.put(path, new AtomicInteger(1));
    HttpResponse<Buffer> subscribed = app.subscribe(alice, new JsonObject().put("topic", "back-in-stock")
        .put("channel", "webhook").put("url", url(path) + "?source=mercato").put("subject", "product-42"));
    assertThat(subscribed.statusCode()).as(subscribed.bodyAsString()).isEqualTo(201);
    String secret = subscribed.bodyAsJsonObject().getString("secret");
    assertThat(secret).startsWith("whsec_");
    // Subscribing again is idempotent and never shows the secret again.
    HttpResponse<Buffer> again = app.subscribe(alice, new JsonObject().put("topic", "back-in-stock")
        .put("channel", "webhook").put("url", url(path) + "?source=mercato").put("subject", "product-42"));
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.bodyAsJsonObject().containsKey("secret")).isFalse();
    // The preference centre lists the caller's own subscriptions, never a secret, never another's.
    HttpResponse<Buffer> listed = app.get("/notification/subscriptions", alice);
    assertThat(listed.statusCode()).as(listed.bodyAsString()).isEqualTo(200);
    JsonArray mine = listed.bodyAsJsonObject().getJsonArray("items");
    assertThat(mine).hasSize(1);
    assertThat(mine.getJsonObject(0).getString("subject")).isEqualTo("product-42");
    assertThat(mine.getJsonObject(0).getString("channel")).isEqualTo("webhook");
    assertThat(mine.getJsonObject(0).containsKey("secret")).isFalse();
    assertThat(app.get("/notification/subscriptions", app.customer()).bodyAsJsonObject().getJsonArray("items")).isEmpty();
    assertThat(app.get("/notification/subscriptions", null).statusCode()).isEqualTo(401);

    // Another product's notification does not reach this narrow subscription.
    assertThat(app.notify(subjectOf(alice), "back-in-stock", "Other", new JsonObject().put("subject", "product-7"))
        .getJsonArray("channels")).containsExactly("in-app");
    JsonObject sent = app.notify(subjectOf(alice), "back-in-stock", "Back in stock",
        new JsonObject().put("subject", "product-42").put("data", new JsonObject().put("productId", "product-42")));
    assertThat(sent.getJsonArray("channels")).containsExactly("in-app", "webhook");
    Instant sentAt = Instant.now();

    Await.until("the webhook was retried after a 500", Duration.ofSeconds(10),
        () -> received.getOrDefault(path, List.of()).size() >= 2);
    List<Received> attempts = received.get(path);
    Received first = attempts.get(0);
    Received second = attempts.get(1);
    assertThat(second.headers().get("webhook-id")).isEqualTo(first.headers().get("webhook-id"));
    assertThat(second.body()).isEqualTo(first.body());
    for (Received attempt : attempts) {
      String id = attempt.headers().get("webhook-id");
      String timestamp = attempt.headers().get("webhook-timestamp");
      assertThat(attempt.headers().get("Content-Type")).isEqualTo("application/json");
      assertThat(Long.parseLong(timestamp)).isBetween(sentAt.getEpochSecond() - 30, Instant.now().getEpochSecond() + 1);
      assertThat(attempt.headers().get("webhook-signature")).isEqualTo(expectedSignature(secret, id, timestamp,
          attempt.body()));
    }
    JsonObject payload = new JsonObject(second.body());
    assertThat(payload.fieldNames()).containsExactlyInAnyOrder("id", "type", "topic", "title", "body", "data", "createdAt");
    assertThat(payload.getString("id")).isEqualTo(sent.getString("id"));
    assertThat(payload.getString("type")).isEqualTo("notification");
    assertThat(payload.getString("topic")).isEqualTo("back-in-stock");
    assertThat(payload.getString("title")).isEqualTo("Back in stock");
    assertThat(payload.getJsonObject("data").getString("productId")).isEqualTo("product-42");
    Await.until("the delivery is recorded as delivered", Duration.ofSeconds(5), () -> app.db.column(
        "SELECT status || ':' || attempts || ':' || last_status FROM notification.webhook_deliveries WHERE notification_id = '"
            + sent.getString("id") + "'").equals(List.of("delivered:2:204")));
    assertThat(received.get(path)).hasSize(2);
  }

  @Test
  void aWebhookAnsweringAnotherClientErrorIsNotRetried() {
    String alice = app.customer();
    String path = "/gone/" + UUID.randomUUID();
    assertThat(app.subscribe(alice, new JsonObject().put("topic", "promotions").put("channel", "webhook")
        .put("url", url(path))).statusCode()).isEqualTo(201);
    String id = app.notify(subjectOf(alice), "promotions", "Sale", null).getString("id");
    Await.until("the delivery failed for good", Duration.ofSeconds(10), () -> app.db.column(
        "SELECT status || ':' || attempts || ':' || last_status FROM notification.webhook_deliveries "
            + "WHERE notification_id = '" + id + "'").equals(List.of("failed:1:410")));
    assertThat(received.get(path)).hasSize(1);
  }

  @Test
  void aRefusedWebhookIsSetAsideAndTheNextDeliveriesGoOn() {
    String alice = app.customer();
    String bob = app.customer();
    String gone = "/gone/" + UUID.randomUUID();
    String fine = "/fine/" + UUID.randomUUID();
    assertThat(app.subscribe(alice, new JsonObject().put("topic", "promotions").put("channel", "webhook")
        .put("url", url(gone))).statusCode()).isEqualTo(201);
    assertThat(app.subscribe(bob, new JsonObject().put("topic", "promotions").put("channel", "webhook")
        .put("url", url(fine))).statusCode()).isEqualTo(201);
    String refused = app.notify(subjectOf(alice), "promotions", "Sale", null).getString("id");
    String next = app.notify(subjectOf(bob), "promotions", "Sale", null).getString("id");
    Await.until("the next delivery arrives", Duration.ofSeconds(10), () -> app.db.column(
        "SELECT status FROM notification.webhook_deliveries WHERE notification_id = '" + next + "'")
        .equals(List.of("delivered")));
    Await.until("the refused delivery is set aside", Duration.ofSeconds(10), () -> app.db.count(
        "SELECT count(*) FROM notification.set_aside a JOIN notification.webhook_deliveries d ON d.id::text = a.item_id"
            + " WHERE a.kind = 'webhook' AND d.notification_id = '" + refused + "' AND a.error LIKE '%answered 410%'") == 1);
    assertThat(received.get(fine)).hasSize(1);
  }

  @Test
  void theLiveStreamCarriesOnlyTheCallersOwnNotifications() throws Exception {
    String alice = app.customer();
    String bob = app.customer();
    io.vertx.core.http.HttpClient client = vertx.createHttpClient();
    try {
      StringBuffer aliceFrames = new StringBuffer();
      StringBuffer bobFrames = new StringBuffer();
      HttpClientResponse aliceStream = Await.result(stream(client, alice, aliceFrames));
      HttpClientResponse bobStream = Await.result(stream(client, bob, bobFrames));
      for (HttpClientResponse response : List.of(aliceStream, bobStream)) {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.getHeader("Content-Type")).startsWith("text/event-stream");
      }

      String id = app.notify(subjectOf(alice), "account", "For Alice only", null).getString("id");
      Await.until("Alice's stream got the notification", Duration.ofSeconds(5),
          () -> aliceFrames.toString().contains("event: notification\ndata: "));
      String frame = aliceFrames.substring(aliceFrames.indexOf("event: notification"));
      JsonObject pushed = new JsonObject(frame.substring(frame.indexOf("data: ") + 6, frame.indexOf("\n\n")));
      assertThat(pushed.getString("id")).isEqualTo(id);
      assertThat(pushed.getString("title")).isEqualTo("For Alice only");
      assertThat(pushed.getValue("readAt")).isNull();
      assertThat(pushed).isEqualTo(app.list(alice, "").getJsonArray("items").getJsonObject(0));

      // Not a wait for time: Bob's own later notification reaches his stream by the same road,
      // so Alice's would have been there before it had it been sent to him.
      String bobs = app.notify(subjectOf(bob), "account", "For Bob", null).getString("id");
      Await.until("Bob's stream got his own notification", Duration.ofSeconds(5),
          () -> bobFrames.toString().contains(bobs));
      assertThat(bobFrames.toString()).doesNotContain(id).doesNotContain("For Alice only");

      problem(app.get("/notifications/stream", null), 401, "unauthenticated", null);
      problem(app.get("/notifications/stream", alice.substring(0, alice.length() - 4) + "AAAA"), 401,
          "unauthenticated", null);
    } finally {
      Await.result(client.close());
    }
  }

  @Test
  void closingTheAccountErasesItsNotificationData() {
    String alice = app.customer();
    String account = subjectOf(alice);
    String bob = app.customer();
    app.subscribe(alice, new JsonObject().put("topic", "order-updates").put("channel", "email").put("email", "a@example.com"));
    app.subscribe(alice, new JsonObject().put("topic", "order-updates").put("channel", "webhook")
        .put("url", url("/gone/" + UUID.randomUUID())));
    app.subscribe(bob, new JsonObject().put("topic", "order-updates").put("channel", "in-app"));
    app.notify(account, "order-updates", "One", null);
    app.notify(subjectOf(bob), "order-updates", "Bob's", null);

    JsonObject event = new JsonObject().put("specversion", "1.0").put("id", UUID.randomUUID().toString())
        .put("type", "mercato.auth.account-closed.v1").put("source", "/mercato/auth").put("subject", account)
        .put("time", Instant.now().toString()).put("data", new JsonObject().put("accountId", account));
    JsonObject reply = Await.result(app.node.vertx().eventBus().<JsonObject>request("mercato.notification.inbox", event))
        .body();
    assertThat(reply.getBoolean("handled")).isTrue();

    for (String table : List.of("subscriptions", "notifications", "channel_attempts", "webhook_deliveries")) {
      assertThat(app.db.count("SELECT count(*) FROM notification." + table + " WHERE account_id = '" + account + "'"))
          .as(table).isZero();
    }
    assertThat(app.list(alice, "").getJsonArray("items")).isEmpty();
    assertThat(app.list(bob, "").getJsonArray("items")).hasSize(1);
    assertThat(app.db.count("SELECT count(*) FROM notification.subscriptions WHERE account_id = '" + subjectOf(bob) + "'"))
        .isEqualTo(1);
  }

  private static io.vertx.core.Future<HttpClientResponse> stream(io.vertx.core.http.HttpClient client, String token,
      StringBuffer frames) {
    return client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost(Services.HOST)
            .setPort(app.node.httpPort()).setURI("/notifications/stream")
            .putHeader("Authorization", "Bearer " + token))
        .compose(request -> request.send())
        .map(response -> {
          // Set on the event loop as the response arrives, so no frame is missed.
          if (response.statusCode() == 200) {
            response.handler(buffer -> frames.append(buffer.toString(StandardCharsets.UTF_8)));
          }
          return response;
        });
  }

  /** The Standard Webhooks signature, computed here independently of the code under test. */
  private static String expectedSignature(String secret, String id, String timestamp, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
    return "v1," + Base64.getEncoder().encodeToString(
        mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
  }
}
