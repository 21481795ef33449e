package mercato.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import mercato.platform.db.Migrations;
import mercato.testing.Api;
import mercato.testing.Await;
import mercato.testing.Services;
import mercato.testing.TestConfig;
import mercato.testing.TestDatabase;
import mercato.testing.TestNode;
import mercato.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two clustered nodes in one JVM, each running the edge and the catalog: a price changed
 * through node A is what node B serves next, although both nodes held the product in memory.
 */
class CatalogClusterTest {
  static TestDatabase db;
  static TestTokens tokens;
  static TestNode a;
  static TestNode b;
  static Api apiA;
  static Api apiB;

  @BeforeAll
  static void start() {
    Services.require("postgres", "redis");
    db = TestDatabase.create();
    tokens = new TestTokens("cluster-" + UUID.randomUUID().toString().substring(0, 6));
    // Migrated once up front, so the two nodes do not race to create the schema.
    Migrations.migrate(TestConfig.of(db, Map.of()).db(), "catalog");
    List<TestNode> nodes = TestNode.cluster(member(), member());
    a = nodes.get(0);
    b = nodes.get(1);
    apiA = a.api;
    apiB = b.api;
  }

  /** A node running the edge and the catalog, on the shared database and keys. */
  private static TestNode.Builder member() {
    return TestNode.of(CatalogDomain.domain()).on(db).withKeys(tokens).set("http.contract", "openapi.yaml");
  }

  @AfterAll
  static void stop() {
    for (TestNode node : new TestNode[] {b, a}) {
      if (node != null) {
        node.close();
      }
    }
    if (tokens != null) {
      tokens.close();
    }
    if (db != null) {
      db.close();
    }
  }

  static long price(Api api, String id) {
    HttpResponse<Buffer> response = api.get("/products/" + id, null);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject().getJsonObject("price").getLong("amount");
  }

  @Test
  void aPriceChangedOnNodeAIsServedAtOnceByNodeB() {
    String seller = UUID.randomUUID().toString();
    String token = tokens.sign(new JsonObject().put("sub", seller).put("typ", "shop").put("roles", new JsonArray())
        .put("email_verified", true), 300);
    // B's catalog registrations reach A's view of the cluster a moment after start.
    Await.until("both catalog nodes are known to each other", Duration.ofSeconds(20),
        () -> apiB.call(HttpMethod.GET, "/products", null, null).statusCode() == 200
            && apiA.call(HttpMethod.GET, "/products", null, null).statusCode() == 200);
    HttpResponse<Buffer> created = apiA.call(HttpMethod.POST, "/products", token, new JsonObject()
        .put("name", "Clustered clock").put("sku", "CLK-1").put("status", "active")
        .put("price", new JsonObject().put("amount", 1000).put("currency", "EUR")));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    String id = created.bodyAsJsonObject().getString("id");

    long expected = 1000;
    for (int round = 1; round <= 3; round++) {
      // Requests are spread over both nodes' catalog verticles: several reads fill both memories.
      for (int i = 0; i < 4; i++) {
        assertThat(price(apiA, id)).isEqualTo(expected);
        assertThat(price(apiB, id)).isEqualTo(expected);
      }
      expected += 250;
      HttpResponse<Buffer> put = apiA.call(HttpMethod.PUT, "/products/" + id, token, new JsonObject()
          .put("price", new JsonObject().put("amount", expected).put("currency", "EUR")));
      assertThat(put.statusCode()).as(put.bodyAsString()).isEqualTo(200);
      for (int i = 0; i < 4; i++) {
        assertThat(price(apiB, id)).as("round %d, read %d on B", round, i).isEqualTo(expected);
        assertThat(price(apiA, id)).as("round %d, read %d on A", round, i).isEqualTo(expected);
      }
      // A listing page travels as encoded JSON; from the other node it crosses the cluster.
      for (int i = 0; i < 4; i++) {
        for (Api api : new Api[] {apiA, apiB}) {
          HttpResponse<Buffer> page = api.call(HttpMethod.GET, "/products?seller=" + seller, null, null);
          assertThat(page.statusCode()).as(page.bodyAsString()).isEqualTo(200);
          assertThat(page.getHeader("Content-Type")).isEqualTo("application/json");
          JsonArray items = page.bodyAsJsonObject().getJsonArray("items");
          assertThat(items).hasSize(1);
          assertThat(items.getJsonObject(0).getJsonObject("price").getLong("amount")).isEqualTo(expected);
          assertThat(page.bodyAsJsonObject().containsKey("nextCursor")).isTrue();
        }
      }
    }
  }
}
