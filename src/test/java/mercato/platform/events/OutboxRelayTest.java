package mercato.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mercato.Node;
import mercato.platform.config.MercatoConfig;
import mercato.platform.db.Migrations;
import mercato.platform.domain.DomainContext;
import mercato.testing.Await;
import mercato.testing.HttpClient;
import mercato.testing.PingDomain;
import mercato.testing.PongDomain;
import mercato.testing.TestDatabase;
import mercato.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Outbox -> relay -> subscriber inbox on real PostgreSQL: at least once, exactly once in
 * effect, retried on failure, ordered per subject, dead after too many failures and
 * replayable. Each test stands alone: the first has a node of its own whose subscriber (pong)
 * is declared but deployed only later; the others share a node where pong runs from the start.
 */
class OutboxRelayTest {
  static TestNode app;
  static TestDatabase db;
  static MercatoConfig config;
  static Node node;
  static HttpClient http;

  @BeforeAll
  static void start() {
    app = pingNode().start();
    db = app.db;
    config = app.config;
    node = app.node;
    deployPong(node, config);
    http = app.http();
  }

  /** Ping and its outbox on an edge; pong is declared as a subscriber but not deployed. */
  private static TestNode.Builder pingNode() {
    return TestNode.of(PingDomain.domain(), PongDomain.domain()).roles("http,ping").set("events.maxAttempts", "3");
  }

  private static void deployPong(Node node, MercatoConfig config) {
    Migrations.migrate(config.db(), "pong");
    Subscriptions subscriptions = new Subscriptions().add("pong", List.of("mercato.ping.*"));
    Await.result(node.vertx().deployVerticle(PongDomain.domain().verticle().apply(new DomainContext("pong", config, subscriptions))));
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  /** Rounds of ping's relay that found another relay holding the turn. */
  private static double yieldedRounds() {
    var counter = mercato.platform.metrics.NodeMetrics.registry(node.vertx()).find(OutboxRelay.YIELDED).tag("schema", "ping").counter();
    return counter == null ? 0 : counter.count();
  }

  private static void emit(String subject, int n) {
    emit(http, subject, n);
  }

  private static void emit(HttpClient http, String subject, int n) {
    var response = http.postJson("/ping/events", new JsonObject().put("subject", subject).put("n", n));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
  }

  private static List<String> received(String subject) {
    return received(db, subject);
  }

  private static List<String> received(TestDatabase db, String subject) {
    return db.column("SELECT n FROM pong.received WHERE subject = '" + subject + "' ORDER BY seq");
  }

  @Test
  void aSubscriberDeployedLaterReceivesWhatWasWrittenBeforeExactlyOnce() {
    try (TestNode ownApp = pingNode().start()) {
      TestDatabase own = ownApp.db;
      HttpClient ownHttp = ownApp.http();
      {
        for (int n = 1; n <= 3; n++) {
          emit(ownHttp, "early", n);
        }
        // No pong anywhere: the oldest delivery is tried again and again without counting as
        // a failure, and the later ones for the same subject wait behind it.
        Await.until("the relay retried the oldest delivery", Duration.ofSeconds(10),
            () -> own.count("SELECT max(attempts) FROM ping.outbox_delivery WHERE subscriber = 'pong'") >= 3);
        assertThat(own.column("SELECT attempts FROM ping.outbox_delivery WHERE subscriber = 'pong' ORDER BY seq")
            .subList(1, 3)).containsOnly("0");
        assertThat(own.count("SELECT count(*) FROM ping.outbox_delivery WHERE subscriber = 'pong' AND status = 'pending'"
            + " AND failures = 0")).isEqualTo(3);

        deployPong(ownApp.node, ownApp.config);

        Await.until("pong received the three early events", Duration.ofSeconds(15),
            () -> received(own, "early").size() == 3);
        assertThat(received(own, "early")).containsExactly("1", "2", "3");
        Await.until("the deliveries are marked delivered", Duration.ofSeconds(5), () -> own.count(
            "SELECT count(*) FROM ping.outbox_delivery WHERE subscriber = 'pong' AND status = 'delivered'") == 3);
      }
    }
  }

  @Test
  void aRedeliveredEventChangesNothing() {
    emit("twice", 1);
    Await.until("pong received it", Duration.ofSeconds(10), () -> received("twice").size() == 1);
    String id = db.column("SELECT id FROM ping.outbox WHERE subject = 'twice'").get(0);
    JsonObject event = new JsonObject().put("specversion", "1.0").put("id", id).put("type", "mercato.ping.pinged.v1")
        .put("source", "/mercato/ping").put("subject", "twice").put("time", "2026-01-01T00:00:00Z")
        .put("data", new JsonObject().put("n", 1));
    JsonObject reply = Await.result(node.vertx().eventBus().<JsonObject>request("mercato.pong.inbox", event)).body();
    assertThat(reply.getBoolean("handled")).isFalse();
    assertThat(received("twice")).hasSize(1);
  }

  @Test
  void aFailingSubscriberIsRetriedUntilItSucceeds() {
    PongDomain.FAILURES_TO_INJECT.set(2);
    emit("flaky", 1);
    Await.until("pong received it after two failures", Duration.ofSeconds(15), () -> received("flaky").size() == 1);
    assertThat(db.column("SELECT failures || ':' || status FROM ping.outbox_delivery d JOIN ping.outbox o USING (seq) "
        + "WHERE o.subject = 'flaky' AND d.subscriber = 'pong'")).containsExactly("2:delivered");
  }

  @Test
  void orderingHoldsPerSubjectUnderConcurrentWriters() throws Exception {
    PongDomain.FAILURES_TO_INJECT.set(3); // a failure in the middle must not let later events overtake
    List<Thread> writers = new ArrayList<>();
    for (String subject : List.of("order-a", "order-b", "order-c")) {
      Thread writer = new Thread(() -> {
        for (int n = 1; n <= 15; n++) {
          emit(subject, n);
        }
      });
      writers.add(writer);
      writer.start();
    }
    for (Thread writer : writers) {
      writer.join();
    }
    for (String subject : List.of("order-a", "order-b", "order-c")) {
      Await.until(subject + " fully received", Duration.ofSeconds(30), () -> received(subject).size() == 15);
      List<String> expected = new ArrayList<>();
      for (int n = 1; n <= 15; n++) {
        expected.add(String.valueOf(n));
      }
      assertThat(received(subject)).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void aDeliveryThatKeepsFailingGoesDeadAndCanBeReplayed() throws Exception {
    PongDomain.FAILURES_TO_INJECT.set(3); // events.maxAttempts is 3
    emit("poison", 1);
    Await.until("the delivery is dead", Duration.ofSeconds(15),
        () -> db.count("SELECT count(*) FROM ping.outbox_delivery d JOIN ping.outbox o USING (seq) "
            + "WHERE o.subject = 'poison' AND d.status = 'dead'") == 1);
    assertThat(received("poison")).isEmpty();
    List<DeadDeliveries.Dead> dead = DeadDeliveries.list(config.databases());
    assertThat(dead).extracting(DeadDeliveries.Dead::subject).contains("poison");
    assertThat(dead.get(0).lastError()).contains("internal");

    assertThat(DeadDeliveries.replay(config.databases())).isEqualTo(1);
    Await.until("the replayed event arrives", Duration.ofSeconds(15), () -> received("poison").size() == 1);
  }

  @Test
  void aPoisonEventInABatchIsSetAsideAloneAndTheRestOfTheBatchIsApplied() throws Exception {
    try (java.sql.Connection other = db.connect()) {
      // Held turn: the events pile up, so one round claims them all and pong gets them as one batch.
      other.setAutoCommit(false);
      try (var statement = other.createStatement()) {
        statement.execute("SELECT pg_advisory_xact_lock(hashtext('mercato.outbox.ping'))");
      }
      for (int n = 1; n <= 3; n++) {
        emit("batch-a", n);
      }
      emit("batch-poison", -1);
      emit("batch-poison", 2);
      for (int n = 1; n <= 3; n++) {
        emit("batch-b", n);
      }
      other.commit();
    }
    Await.until("the poison's subject goes on after it", Duration.ofSeconds(20),
        () -> received("batch-poison").size() == 1 && received("batch-a").size() == 3 && received("batch-b").size() == 3);
    assertThat(received("batch-a")).containsExactly("1", "2", "3");
    assertThat(received("batch-b")).containsExactly("1", "2", "3");
    assertThat(received("batch-poison")).containsExactly("2");
    // the poison alone is dead at once (refused as data), its neighbours delivered on their first attempt
    assertThat(db.column("SELECT o.subject || ':' || d.status || ':' || d.attempts FROM ping.outbox_delivery d "
        + "JOIN ping.outbox o USING (seq) WHERE d.subscriber = 'pong' AND o.subject LIKE 'batch-%' AND d.status <> 'delivered'"))
        .containsExactly("batch-poison:dead:1");
    assertThat(db.count("SELECT count(*) FROM ping.outbox_delivery d JOIN ping.outbox o USING (seq) WHERE d.subscriber = "
        + "'pong' AND o.subject IN ('batch-a', 'batch-b') AND d.status = 'delivered' AND d.attempts = 1")).isEqualTo(6);
  }

  @Test
  void relaysTakeTurnsAndABusySubjectArrivesInOrder() throws Exception {
    try (java.sql.Connection other = db.connect()) {
      // Another node's relay holds the schema's turn: nothing is claimed meanwhile.
      other.setAutoCommit(false);
      try (var statement = other.createStatement()) {
        statement.execute("SELECT pg_advisory_xact_lock(hashtext('mercato.outbox.ping'))");
      }
      double before = yieldedRounds();
      for (int n = 1; n <= 45; n++) {
        emit("busy", n);
      }
      // The relay woke for the new events (NOTIFY) and again on its sweep, and found the turn taken each time.
      Await.until("two relay rounds yielded", Duration.ofSeconds(15), () -> yieldedRounds() >= before + 2);
      assertThat(received("busy")).isEmpty();
      assertThat(db.count("SELECT count(*) FROM ping.outbox_delivery WHERE subscriber = 'pong' AND attempts > 0 "
          + "AND seq IN (SELECT seq FROM ping.outbox WHERE subject = 'busy')")).isZero();
      other.commit();
    }
    Await.until("the busy subject fully received", Duration.ofSeconds(30), () -> received("busy").size() == 45);
    List<String> expected = new ArrayList<>();
    for (int n = 1; n <= 45; n++) {
      expected.add(String.valueOf(n));
    }
    assertThat(received("busy")).containsExactlyElementsOf(expected);
    Await.until("every delivery marked", Duration.ofSeconds(5), () -> db.count("SELECT count(*) FROM ping.outbox_delivery d "
        + "JOIN ping.outbox o USING (seq) WHERE o.subject = 'busy' AND d.subscriber = 'pong' AND d.status = 'delivered' "
        + "AND d.attempts = 1") == 45);
  }
}
