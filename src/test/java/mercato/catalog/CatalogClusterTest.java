package mercato.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import mercato.Node;
import mercato.platform.db.Migrations;
import mercato.platform.domain.Domain;
import mercato.testing.Await;
import mercato.testing.HttpClient;
import mercato.testing.Services;
import mercato.testing.TestConfig;
import mercato.testing.TestDatabase;
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
  static Node a;
  static Node b;
  static HttpClient httpA;
  static HttpClient httpB;

  @BeforeAll
  static void start() {
    Services.require("postgres", "redis");
    db = TestDatabase.create();
    tokens = new TestTokens("cluster-" + UUID.randomUUID().toString().substring(0, 6));
    int portA = Services.freePort();
    int portB;
    do {
      portB = Services.freePort();
    } while (portB == portA);
    Map<String, String> cluster = new HashMap<>(Map.of(
        "kafka.enabled", "false",
        "roles", "http,catalog",
        "http.contract", "openapi.yaml",
        "cluster.enabled", "true",
        "cluster.name", "test-" + UUID.randomUUID(),
        "cluster.members", "127.0.0.1:" + portA + ",127.0.0.1:" + portB,
        "cluster.joinWaitSeconds", "0",
        "cluster.eventBusPort", "0"));
    // Migrated once up front, so the two nodes do not race to create the schema.
    var config = TestConfig.of(db, cluster, tokens.yaml());
    Migrations.migrate(config.db(), "catalog");
    Map<String, String> forA = new HashMap<>(cluster);
    forA.put("cluster.port", String.valueOf(portA));
    Map<String, String> forB = new HashMap<>(cluster);
    forB.put("cluster.port", String.valueOf(portB));
    List<Domain> domains = List.of(CatalogDomain.domain());
    Future<Node> startA = Node.start(TestConfig.of(db, forA, tokens.yaml()), domains);
    Future<Node> startB = Node.start(TestConfig.of(db, forB, tokens.yaml()), domains);
    Await.result(Future.join(startA, startB).transform(x -> Future.succeededFuture()));
    a = startA.succeeded() ? startA.result() : null;
    b = startB.succeeded() ? startB.result() : null;
    if (startA.failed() || startB.failed()) {
      throw new AssertionError("a node did not start", startA.failed() ? startA.cause() : startB.cause());
    }
    httpA = new HttpClient(a.httpPort());
    httpB = new HttpClient(b.httpPort());
  }

  @AfterAll
  static void stop() {
    for (HttpClient client : new HttpClient[] {httpA, httpB}) {
      if (client != null) {
        client.close();
      }
    }
    for (Node node : new Node[] {b, a}) {
      if (node != null) {
        Await.result(node.stop());
      }
    }
    if (tokens != null) {
      tokens.close();
    }
    if (db != null) {
      db.close();
    }
  }

  static HttpResponse<Buffer> call(HttpClient http, HttpMethod method, String uri, String token, JsonObject body) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (token != null) {
      headers.add("Authorization", "Bearer " + token);
    }
    if (body != null) {
      headers.add("Content-Type", "application/json");
    }
    return http.send(method, uri, headers, body == null ? null : body.toBuffer());
  }

  static long price(HttpClient http, String id) {
    HttpResponse<Buffer> response = call(http, HttpMethod.GET, "/products/" + id, null, null);
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
        () -> call(httpB, HttpMethod.GET, "/products", null, null).statusCode() == 200
            && call(httpA, HttpMethod.GET, "/products", null, null).statusCode() == 200);
    HttpResponse<Buffer> created = call(httpA, HttpMethod.POST, "/products", token, new JsonObject()
        .put("name", "Clustered clock").put("sku", "CLK-1").put("status", "active")
        .put("price", new JsonObject().put("amount", 1000).put("currency", "EUR")));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    String id = created.bodyAsJsonObject().getString("id");

    long expected = 1000;
    for (int round = 1; round <= 3; round++) {
      // Requests are spread over both nodes' catalog verticles: several reads fill both memories.
      for (int i = 0; i < 4; i++) {
        assertThat(price(httpA, id)).isEqualTo(expected);
        assertThat(price(httpB, id)).isEqualTo(expected);
      }
      expected += 250;
      HttpResponse<Buffer> put = call(httpA, HttpMethod.PUT, "/products/" + id, token, new JsonObject()
          .put("price", new JsonObject().put("amount", expected).put("currency", "EUR")));
      assertThat(put.statusCode()).as(put.bodyAsString()).isEqualTo(200);
      for (int i = 0; i < 4; i++) {
        assertThat(price(httpB, id)).as("round %d, read %d on B", round, i).isEqualTo(expected);
        assertThat(price(httpA, id)).as("round %d, read %d on A", round, i).isEqualTo(expected);
      }
      // A listing page travels as encoded JSON; from the other node it crosses the cluster.
      for (int i = 0; i < 4; i++) {
        for (HttpClient http : new HttpClient[] {httpA, httpB}) {
          HttpResponse<Buffer> page = call(http, HttpMethod.GET, "/products?seller=" + seller, null, null);
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
