package mercato.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mercato.platform.bus.Problem;
import mercato.platform.db.Migrations;
import mercato.platform.domain.Domain;
import mercato.platform.domain.DomainContext;
import mercato.testing.Await;
import mercato.testing.HttpClient;
import mercato.testing.PingDomain;
import mercato.testing.Subscriber;
import mercato.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An inbox handler that needs a peer's answer gets it from a preparer asked once per batch
 * before the transaction opens: a waiting backlog arrives as batches, each event is handled
 * once with its own prepared value, and a preparer that fails (a peer away) applies nothing
 * of its batch, which is delivered again and then handled.
 */
class InboxPreparerTest {
  static final String NAME = "prepared";
  static final String TYPE = "mercato.ping.pinged.v1";
  static final int EVENTS = 30;
  static final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
  static final Map<UUID, String> handled = new ConcurrentHashMap<>();
  static final AtomicInteger handledTimes = new AtomicInteger();
  static final AtomicInteger failuresLeft = new AtomicInteger(1);
  static TestNode app;

  static Domain domain() {
    return Subscriber.domain(NAME, List.of("mercato.ping.*"), TYPE, events -> {
      batchSizes.add(events.size());
      if (failuresLeft.getAndDecrement() > 0) {
        return Future.failedFuture(Problem.unavailable("the peer is away"));
      }
      Map<UUID, String> prepared = new HashMap<>();
      events.forEach(event -> prepared.put(event.id(), "for " + event.id()));
      return Future.succeededFuture(prepared);
    }, (event, prepared, tx) -> {
      handledTimes.incrementAndGet();
      handled.put(event.id(), prepared);
      return tx.query("SELECT 1").execute();
    });
  }

  @BeforeAll
  static void start() {
    // the subscriber is declared but deployed only once the backlog waits for it
    app = TestNode.of(PingDomain.domain(), domain()).roles("http,ping").start();
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void aBacklogIsPreparedPerBatchOutsideTheTransactionAndHandledOnceEach() {
    HttpClient http = app.http();
    for (int i = 0; i < EVENTS; i++) {
      var response = http.postJson("/ping/events", new JsonObject().put("subject", "s" + (i % 3)).put("n", i));
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    }
    Migrations.migrate(app.config.db(), NAME);
    Subscriptions subscriptions = new Subscriptions().add(NAME, List.of("mercato.ping.*"));
    Await.result(app.node.vertx().deployVerticle(domain().verticle().apply(new DomainContext(NAME, app.config, subscriptions))));

    Await.until("every event is handled", Duration.ofSeconds(60), () -> handled.size() == EVENTS);
    assertThat(handledTimes.get()).as("each event handled once").isEqualTo(EVENTS);
    handled.forEach((id, prepared) -> assertThat(prepared).isEqualTo("for " + id));
    assertThat(failuresLeft.get()).as("the failing preparer was asked").isNegative();
    assertThat(batchSizes).as("the waiting backlog came in batches").anyMatch(size -> size > 1);
    Set<UUID> ids = handled.keySet();
    assertThat(ids).hasSize(EVENTS);
  }
}
