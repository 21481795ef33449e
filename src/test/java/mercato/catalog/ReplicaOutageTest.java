package mercato.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import mercato.testing.Await;
import mercato.testing.Scrape;
import mercato.testing.Services;
import mercato.testing.TcpRelay;
import mercato.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Catalog browsing from a replica that goes away. The "replica" is the test's own database
 * reached through a relay, so cutting the relay loses the replica and nothing else: a
 * visitor's listing, answered through the relay until then, keeps answering from the
 * primary (the read that meets the cut connection is asked again there), the lag gauge
 * says -1, and once the relay listens again browsing comes back to it.
 */
class ReplicaOutageTest {
  static TcpRelay relay;
  static TestNode app;

  @BeforeAll
  static void start() {
    Services.require("postgres", "redis");
    relay = TcpRelay.to(Services.POSTGRES);
    app = TestNode.of(CatalogDomain.domain()).withKeys().set("db.catalog.replica.port", String.valueOf(relay.port())).start();
  }

  @AfterAll
  static void stop() {
    TestNode.closeAll(app, relay);
  }

  @Test
  void aVisitorsListingOutlivesItsReplica() {
    String seller = UUID.randomUUID().toString();
    String token = app.tokens.sign(new JsonObject().put("sub", seller).put("typ", "company").put("roles", new JsonArray())
        .put("email_verified", true), 300);
    HttpResponse<Buffer> made = app.api.post("/products", token, new JsonObject().put("name", "Relay Lamp")
        .put("sku", "RL-1").put("status", "active").put("price", new JsonObject().put("amount", 1200).put("currency", "EUR")));
    assertThat(made.statusCode()).as(made.bodyAsString()).isEqualTo(201);
    String product = made.bodyAsJsonObject().getString("id");
    String listing = "/products?seller=" + seller;

    awaitLag("the replica answers the probe", 0);
    assertThat(ids(listing)).contains(product);
    assertThat(relay.sent("FROM products")).as("the visitor's listing went through the replica").isTrue();

    relay.cut();
    for (int i = 0; i < 20; i++) {
      assertThat(ids(listing)).as("listing %d after the replica went away", i).contains(product);
    }
    awaitLag("the probe finds the replica gone", -1);

    relay.forget();
    relay.restore();
    awaitLag("the replica is back", 0);
    assertThat(ids(listing)).contains(product);
    assertThat(relay.sent("FROM products")).as("browsing came back to the replica (a new connection prepares the listing)").isTrue();
  }

  private static void awaitLag(String what, double value) {
    Await.until(what, Duration.ofSeconds(20), () -> Scrape.of(app)
        .samples("mercato_db_replica_lag_milliseconds", "domain", "catalog").stream().anyMatch(s -> s.value() == value));
  }

  private static List<String> ids(String path) {
    HttpResponse<Buffer> page = app.api.get(path, null);
    assertThat(page.statusCode()).as(page.bodyAsString()).isEqualTo(200);
    return page.bodyAsJsonObject().getJsonArray("items").stream().map(item -> ((JsonObject) item).getString("id")).toList();
  }
}
