package mercato.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import mercato.analytics.api.AnalyticsEvents;
import mercato.platform.bus.Envelope;
import mercato.testing.Await;
import mercato.testing.EventFeed;
import mercato.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An outbox event the analytics intake refuses as invalid is set aside (its delivery dead) on
 * the first attempt, not after every retry, and the same subject's next event is recorded.
 */
class EventIntakePoisonTest {
  static TestNode app;

  @BeforeAll
  static void start() {
    app = TestNode.of(AnalyticsDomain.domain(), EventFeed.domain()).withKeys().start();
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  static String emit(String subject, JsonObject data) {
    JsonObject event = new JsonObject().put("type", AnalyticsEvents.CART_ITEM_ADDED).put("subject", subject).put("data", data);
    JsonObject written = (JsonObject) Await.result(app.node.vertx().eventBus()
        .request(EventFeed.EMIT, Envelope.internal(event, "test"))).body();
    return written.getString("id");
  }

  @Test
  void aRefusedEventIsSetAsideAtOnceAndTheSubjectsNextEventIsRecorded() {
    String cart = UUID.randomUUID().toString();
    String now = Instant.now().toString();
    String poisoned = emit(cart, new JsonObject().put("quantity", 1).put("addedAt", now)); // no productId
    String next = emit(cart, new JsonObject().put("productId", UUID.randomUUID().toString()).put("quantity", 2)
        .put("addedAt", now));

    Await.until("the next event of the subject is recorded", Duration.ofSeconds(30),
        () -> app.db.count("SELECT count(*) FROM analytics.activity_fact WHERE event_id = '" + next + "'") == 1);
    assertThat(app.db.column("SELECT d.status || ' ' || d.attempts || ' ' || d.last_error FROM feed.outbox_delivery d"
        + " JOIN feed.outbox o ON o.seq = d.seq WHERE o.id = '" + poisoned + "' AND d.subscriber = 'analytics'"))
        .singleElement().satisfies(row -> assertThat(row).startsWith("dead 1 ").contains("/data/productId"));
    assertThat(app.db.count("SELECT count(*) FROM analytics.activity_fact WHERE event_id = '" + poisoned + "'")).isZero();
  }
}
