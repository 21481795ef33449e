package mercato.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import mercato.platform.db.Migrations;
import mercato.platform.domain.DomainContext;
import mercato.testing.Await;
import mercato.testing.PingDomain;
import mercato.testing.PongDomain;
import mercato.testing.Scrape;
import mercato.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The outbox gauges on /metrics follow the tables: a subscriber that is not running leaves
 * its deliveries pending (counted, the oldest one aging) and they drain to 0 once it runs;
 * an event the subscriber refuses is a dead delivery, counted until replayed; a row set
 * aside is counted per kind. Pong is declared as ping's subscriber but deployed only later.
 */
class OutboxGaugesTest {
  static final String PENDING = "mercato_outbox_pending_deliveries";
  static final String OLDEST = "mercato_outbox_oldest_pending_age_seconds";
  static final String DEAD = "mercato_outbox_dead_deliveries";
  static final String ASIDE = "mercato_set_aside_items";
  static final String[] PING_TO_PONG = {"schema", "ping", "subscriber", "pong"};
  static TestNode app;

  @BeforeAll
  static void start() {
    app = TestNode.of(PingDomain.domain(), PongDomain.domain()).roles("http,ping")
        .set("metrics.refreshMs", "200").set("events.sweepMs", "200").start();
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  private static void emit(String subject, int n) {
    var response = app.http().postJson("/ping/events", new JsonObject().put("subject", subject).put("n", n));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
  }

  private static void awaitGauge(String what, String name, String[] labels, double expected) {
    Await.until(what + " (" + name + " = " + expected + ")", Duration.ofSeconds(15),
        () -> Scrape.of(app).value(name, labels) == expected);
  }

  private static long pendingRows() {
    return app.db.count("SELECT count(*) FROM ping.outbox_delivery WHERE subscriber = 'pong' AND status = 'pending'");
  }

  @Test
  void backlogDeadDeliveriesAndSetAsideItemsFollowTheTables() {
    // Declared but not running: the pair is shown from the start, at 0.
    awaitGauge("the subscriber's pair is shown before any event", PENDING, PING_TO_PONG, 0);
    assertThat(Scrape.of(app).value(DEAD, PING_TO_PONG)).isZero();

    for (int n = 1; n <= 3; n++) {
      emit("backlog", n);
    }
    assertThat(pendingRows()).isEqualTo(3);
    awaitGauge("three deliveries wait for pong", PENDING, PING_TO_PONG, 3);
    Await.until("the oldest one ages", Duration.ofSeconds(15), () -> Scrape.of(app).value(OLDEST, PING_TO_PONG) > 0);

    double setAsideBefore = Scrape.of(app).sum("mercato_set_aside_total", "kind", "outbox");
    Migrations.migrate(app.config.db(), "pong");
    Subscriptions subscriptions = new Subscriptions().add("pong", List.of("mercato.ping.*"));
    Await.result(app.node.vertx().deployVerticle(
        PongDomain.domain().verticle().apply(new DomainContext("pong", app.config, subscriptions))));
    Await.until("pong drained the backlog", Duration.ofSeconds(15), () -> pendingRows() == 0);
    awaitGauge("the drained backlog shows 0", PENDING, PING_TO_PONG, 0);
    awaitGauge("and no age", OLDEST, PING_TO_PONG, 0);

    emit("poison", -1); // pong refuses a negative n as unprocessable: dead at once
    Await.until("the delivery is dead", Duration.ofSeconds(15), () -> app.db.count(
        "SELECT count(*) FROM ping.outbox_delivery WHERE subscriber = 'pong' AND status = 'dead'") == 1);
    awaitGauge("the dead delivery is counted", DEAD, PING_TO_PONG, 1);
    assertThat(Scrape.of(app).sum("mercato_set_aside_total", "kind", "outbox")).isEqualTo(setAsideBefore + 1);

    app.db.execute("INSERT INTO ping.set_aside (kind, item_id, error) VALUES ('search-log', 'x-1', 'a test row')");
    awaitGauge("the set-aside row is counted", ASIDE, new String[] {"schema", "ping", "kind", "search-log"}, 1);

    app.db.execute("UPDATE ping.outbox_delivery SET status = 'delivered' WHERE status = 'dead'");
    awaitGauge("a dead delivery no longer dead is no longer counted", DEAD, PING_TO_PONG, 0);
  }
}
