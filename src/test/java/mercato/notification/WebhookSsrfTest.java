package mercato.notification;

import static mercato.notification.NotificationNode.problem;
import static mercato.notification.NotificationNode.subjectOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import mercato.Node;
import mercato.platform.webhooks.WebhookSignature;
import mercato.testing.Await;
import mercato.testing.Services;
import mercato.testing.TestConfig;
import mercato.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhook targets on a node that does not allow private networks (the shipped default):
 * refused when subscribing (400, pointer /url) and again right before a delivery, when a
 * stored URL now reaches a private address.
 */
class WebhookSsrfTest {
  static NotificationNode app;
  static Vertx vertx;
  static HttpServer receiver;
  static final AtomicInteger hits = new AtomicInteger();

  @BeforeAll
  static void start() {
    app = NotificationNode.start(Map.of("notification.webhooks.allowPrivateNetworks", "false"));
    vertx = Vertx.vertx();
    receiver = Await.result(vertx.createHttpServer().requestHandler(request -> {
      hits.incrementAndGet();
      request.response().setStatusCode(204).end();
    }).listen(0, Services.HOST));
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

  private static JsonObject webhook(String url) {
    return new JsonObject().put("topic", "order-updates").put("channel", "webhook").put("url", url);
  }

  @Test
  void privateLoopbackAndLinkLocalTargetsAreRefusedAtSubscribe() {
    String alice = app.customer();
    int port = receiver.actualPort();
    for (String url : List.of("http://127.0.0.1:" + port + "/hook", "http://10.0.0.1/", "http://169.254.169.254/",
        "http://[::1]/", "http://localhost/")) {
      problem(app.subscribe(alice, webhook(url)), 400, "validation", "/url");
    }
    // Over https the scheme is fine: the resolved address is what is refused.
    for (String url : List.of("https://127.0.0.1:" + port + "/hook", "https://10.0.0.1/", "https://172.20.1.1/",
        "https://192.168.0.10/", "https://169.254.169.254/latest/meta-data/", "https://[::1]/", "https://localhost/",
        "https://[::ffff:127.0.0.1]/", "https://[fd00::1]/", "https://[fe80::1]/", "https://100.64.0.1/",
        "https://0.0.0.0/", "https://224.0.0.1/", "https://2130706433/")) {
      JsonObject body = problem(app.subscribe(alice, webhook(url)), 400, "validation", "/url");
      assertThat(body.getJsonArray("errors").getJsonObject(0).getString("detail")).as(url).startsWith("resolves to ");
    }
    problem(app.subscribe(alice, webhook("https://user:pass@example.com/")), 400, "validation", "/url");
    problem(app.subscribe(alice, webhook("ftp://example.com/")), 400, "validation", "/url");
    problem(app.subscribe(alice, webhook("https://2130706433/")), 400, "validation", "/url");
    assertThat(app.db.count("SELECT count(*) FROM notification.subscriptions WHERE account_id = '" + subjectOf(alice)
        + "'")).isZero();
    assertThat(hits.get()).isZero();
  }

  @Test
  void aStoredTargetThatNowReachesAPrivateAddressIsRefusedBeforeDelivery() {
    // As if the URL was public when subscribed and its name now resolves to loopback.
    String alice = app.customer();
    String account = subjectOf(alice);
    app.db.execute("INSERT INTO notification.subscriptions (id, account_id, topic, channel, url, secret) VALUES ('"
        + UUID.randomUUID() + "', '" + account + "', 'promotions', 'webhook', 'https://127.0.0.1:"
        + receiver.actualPort() + "/hook', '" + WebhookSignature.newSecret() + "')");
    String id = app.notify(account, "promotions", "Sale", null).getString("id");
    Await.until("the delivery is refused", Duration.ofSeconds(10), () -> app.db.column(
        "SELECT status || ':' || attempts || ':' || last_error FROM notification.webhook_deliveries "
            + "WHERE notification_id = '" + id + "'")
        .equals(List.of("failed:1:refused: the URL resolves to a loopback address")));
    assertThat(hits.get()).isZero();
  }

  @Test
  void aBadNotificationSettingFailsTheStartNamingTheKey() {
    try (TestDatabase db = TestDatabase.create()) {
      assertThatThrownBy(() -> Await.result(Node.start(TestConfig.of(db, Map.of("roles", "notification",
              "kafka.enabled", "false", "notification.webhooks.backoffBaseMs", "0")),
          List.of(NotificationDomain.domain()))))
          .hasMessageContaining("notification.webhooks.backoffBaseMs");
    }
  }
}
