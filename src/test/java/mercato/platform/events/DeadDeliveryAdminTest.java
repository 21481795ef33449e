package mercato.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import mercato.testing.Await;
import mercato.testing.PingDomain;
import mercato.testing.PongDomain;
import mercato.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /admin/events/dead} and {@code POST /admin/events/replay}: a delivery the
 * subscriber (pong) refused until it was dead is listed with its error, only to admins, and
 * once replayed by its id (or with all of them) it reaches the subscriber once and leaves the list.
 */
class DeadDeliveryAdminTest {
  static TestNode app;
  static String admin;

  @BeforeAll
  static void start() {
    app = TestNode.of(PingDomain.domain(), PongDomain.domain(), EventsDomain.domain()).withKeys()
        .set("events.maxAttempts", "1").start();
    admin = app.tokens.issue(UUID.randomUUID().toString(), "admin", List.of());
  }

  @AfterAll
  static void stop() {
    PongDomain.FAILURES_TO_INJECT.set(0);
    if (app != null) {
      app.close();
    }
  }

  @Test
  void anAdminSeesADeadDeliveryAndReplaysItByItsId() {
    String subject = "dead-" + UUID.randomUUID();
    PongDomain.FAILURES_TO_INJECT.set(1);
    status(app.api.post("/ping/events", null, new JsonObject().put("subject", subject).put("n", 7)), 201);
    Await.until("the delivery to pong is dead", Duration.ofSeconds(15), () -> app.db.count(
        "SELECT count(*) FROM ping.outbox_delivery d JOIN ping.outbox o USING (seq)"
            + " WHERE d.subscriber = 'pong' AND d.status = 'dead' AND o.subject = '" + subject + "'") == 1);

    JsonObject dead = mine(subject);
    assertThat(dead.getString("schema")).isEqualTo("ping");
    assertThat(dead.getString("subscriber")).isEqualTo("pong");
    assertThat(dead.getString("type")).isEqualTo("mercato.ping.pinged.v1");
    assertThat(dead.getInteger("failures")).isEqualTo(1);
    assertThat(dead.getString("lastError")).isNotBlank();
    assertThat(dead.getString("id")).isEqualTo("ping:" + dead.getLong("seq") + ":pong");
    assertThat(list().getJsonArray("setAside")).isNotNull();

    String customer = app.tokens.issue(UUID.randomUUID().toString(), "customer", List.of());
    status(app.api.get("/admin/events/dead", customer), 403);
    status(app.api.get("/admin/events/dead", null), 401);
    status(app.api.post("/admin/events/replay", customer, new JsonObject().put("all", true)), 403);

    // bad bodies change nothing
    for (JsonObject bad : List.of(new JsonObject(), new JsonObject().put("ids", new JsonArray()),
        new JsonObject().put("ids", new JsonArray().add("not an id")),
        new JsonObject().put("all", true).put("ids", new JsonArray().add(dead.getString("id"))))) {
      HttpResponse<Buffer> refused = app.api.post("/admin/events/replay", admin, bad);
      assertThat(refused.statusCode()).as(bad.encode() + " " + refused.bodyAsString()).isEqualTo(400);
      assertThat(refused.getHeader("Content-Type")).startsWith("application/problem+json");
    }
    assertThat(status(app.api.post("/admin/events/replay", admin,
        new JsonObject().put("ids", new JsonArray().add("nowhere:1:pong").add("ping:0:pong"))), 200).getInteger("replayed"))
        .isZero();
    assertThat(mine(subject)).isNotNull();
    assertThat(app.db.column("SELECT n FROM pong.received WHERE subject = '" + subject + "'")).isEmpty();

    // the subscriber is fixed; the replay delivers the event once
    JsonObject replayed = status(app.api.post("/admin/events/replay", admin,
        new JsonObject().put("ids", new JsonArray().add(dead.getString("id")))), 200);
    assertThat(replayed.getInteger("replayed")).isEqualTo(1);
    Await.until("pong received the replayed event", Duration.ofSeconds(15),
        () -> app.db.column("SELECT n FROM pong.received WHERE subject = '" + subject + "'").equals(List.of("7")));
    assertThat(mine(subject)).isNull();
    assertThat(status(app.api.post("/admin/events/replay", admin,
        new JsonObject().put("ids", new JsonArray().add(dead.getString("id")))), 200).getInteger("replayed")).isZero();
  }

  @Test
  void replayingAllDeliversEveryDeadDeliveryOnce() {
    List<String> subjects = List.of("all-" + UUID.randomUUID(), "all-" + UUID.randomUUID());
    PongDomain.FAILURES_TO_INJECT.set(subjects.size());
    for (String subject : subjects) {
      status(app.api.post("/ping/events", null, new JsonObject().put("subject", subject).put("n", 3)), 201);
    }
    Await.until("both deliveries to pong are dead", Duration.ofSeconds(15),
        () -> subjects.stream().allMatch(subject -> mine(subject) != null));

    JsonObject replayed = status(app.api.post("/admin/events/replay", admin, new JsonObject().put("all", true)), 200);
    assertThat(replayed.getInteger("replayed")).isGreaterThanOrEqualTo(subjects.size());
    for (String subject : subjects) {
      Await.until("pong received " + subject, Duration.ofSeconds(15),
          () -> app.db.column("SELECT n FROM pong.received WHERE subject = '" + subject + "'").equals(List.of("3")));
      assertThat(mine(subject)).isNull();
    }
    assertThat(list().getJsonArray("items")).as("nothing is left dead").isEmpty();
  }

  private static JsonObject list() {
    return status(app.api.get("/admin/events/dead", admin), 200);
  }

  /** The dead delivery of this test's subject, or null. */
  private static JsonObject mine(String subject) {
    return list().getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(d -> subject.equals(d.getString("subject"))).findFirst().orElse(null);
  }

  private static JsonObject status(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    return response.body() == null || response.body().length() == 0 ? null : response.bodyAsJsonObject();
  }
}
