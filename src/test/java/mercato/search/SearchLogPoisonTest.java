package mercato.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import mercato.platform.events.DeadDeliveries;
import mercato.search.api.SearchAddresses;
import mercato.testing.Await;
import mercato.testing.HttpClient;
import mercato.testing.TestConfig;
import mercato.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One search whose query PostgreSQL refuses (a NUL) is set aside on its own; the searches
 * logged with it and after it are written. The poison enters below the edge, as a bus request.
 */
class SearchLogPoisonTest {
  static TestNode app;

  @BeforeAll
  static void start() {
    app = TestNode.of(SearchDomain.domain()).withKeys().set("search.logFlushMs", "100").set("search.logBatchSize", "50").start();
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  static void search(String q) {
    Await.result(app.node.vertx().eventBus().request(SearchAddresses.FIND_PRODUCTS,
        new JsonObject().put("query", new JsonObject().put("q", q)).put("requestId", "test")));
  }

  @Test
  void aQueryWithANulIsSetAsideAndTheOthersAreLogged() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    search("before-" + run);
    search("poison\u0000" + run);
    search("with-" + run);
    Await.until("the good searches of the poisoned batch are logged", Duration.ofSeconds(30),
        () -> app.db.count("SELECT count(*) FROM search.search_log WHERE query IN ('before-" + run + "', 'with-" + run + "')") == 2);
    search("after-" + run);
    Await.until("a later search is logged too", Duration.ofSeconds(30),
        () -> app.db.count("SELECT count(*) FROM search.search_log WHERE query = 'after-" + run + "'") == 1);
    assertThat(app.db.column("SELECT kind || ' ' || error FROM search.set_aside WHERE item LIKE '%poison\\\\u0000" + run + "%'"))
        .singleElement().satisfies(row -> assertThat(row).startsWith("search-log ").contains("0x00"));
    assertThat(app.db.count("SELECT count(*) FROM search.query_stats WHERE query LIKE '%" + run + "'")).isEqualTo(3);
    String metrics;
    try (HttpClient management = new HttpClient(app.node.managementPort())) {
      metrics = management.get("/metrics").bodyAsString();
    }
    assertThat(metrics)
        .containsPattern("mercato_set_aside_total\\{[^}]*kind=\"search-log\"[^}]*\\} 1\\.0");
    // What events dead prints: the entry, with its kind, id, time and error.
    assertThat(DeadDeliveries.setAside(TestConfig.of(app.db, Map.of()).databases()))
        .filteredOn(item -> item.kind().equals(SearchLog.KIND))
        .singleElement().satisfies(item -> {
          assertThat(item.schema()).isEqualTo("search");
          assertThat(item.at()).isNotNull();
          assertThat(item.error()).contains("0x00");
        });
  }
}
