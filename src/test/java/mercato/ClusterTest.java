package mercato;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import mercato.platform.domain.Domain;
import mercato.testing.Await;
import mercato.testing.HttpClient;
import mercato.testing.PingDomain;
import mercato.testing.Services;
import mercato.testing.TestConfig;
import mercato.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two clustered nodes in one JVM over Hazelcast on loopback: an edge-only node (A) and a
 * node that runs the ping domain and no edge (B). Requests to A's edge are answered by B
 * over the clustered event bus.
 */
class ClusterTest {
  static TestDatabase db;
  static Node edge;
  static Node worker;
  static int edgePort;
  static int workerPort;
  static HttpClient http;

  @BeforeAll
  static void start() {
    Services.require("postgres", "redis");
    db = TestDatabase.create();
    edgePort = Services.freePort();
    do {
      workerPort = Services.freePort();
    } while (workerPort == edgePort);
    Map<String, String> cluster = Map.of(
        "kafka.enabled", "false",
        "cluster.enabled", "true",
        "cluster.name", "test-" + UUID.randomUUID(),
        "cluster.members", "127.0.0.1:" + edgePort + ",127.0.0.1:" + workerPort,
        "cluster.joinWaitSeconds", "0",
        "cluster.eventBusPort", "0");
    // Started together: each member looks for the other while it starts.
    Future<Node> a = Node.start(TestConfig.of(db, with(cluster, "roles", "http", "cluster.port", edgePort)),
        List.<Domain>of(PingDomain.routesOnly()));
    Future<Node> b = Node.start(TestConfig.of(db, with(cluster, "roles", "ping", "cluster.port", workerPort)),
        List.of(PingDomain.domain()));
    Await.result(Future.join(a, b).transform(x -> Future.succeededFuture()));
    edge = a.succeeded() ? a.result() : null;
    worker = b.succeeded() ? b.result() : null;
    if (a.failed()) {
      throw new AssertionError("node A (edge) did not start", a.cause());
    }
    if (b.failed()) {
      throw new AssertionError("node B (ping) did not start", b.cause());
    }
    http = new HttpClient(edge.httpPort());
  }

  @AfterAll
  static void stop() {
    if (http != null) {
      http.close();
    }
    try {
      if (worker != null) {
        Await.result(worker.stop());
      }
    } finally {
      try {
        if (edge != null) {
          Await.result(edge.stop());
        }
      } finally {
        if (db != null) {
          db.close();
        }
      }
    }
  }

  private static Map<String, String> with(Map<String, String> base, String roleKey, String roles, String portKey,
      int port) {
    Map<String, String> all = new HashMap<>(base);
    all.put(roleKey, roles);
    all.put(portKey, String.valueOf(port));
    return all;
  }

  @Test
  void theEdgeNodeForwardsToTheDomainNodeOverTheClusteredBus() {
    assertThat(worker.httpPort()).as("node B runs no edge").isEqualTo(-1);
    AtomicReference<HttpResponse<Buffer>> last = new AtomicReference<>();
    try {
      // B's consumer registration reaches A's view of the cluster a moment after start.
      Await.until("POST /ping/echo on A answers 200", Duration.ofSeconds(20), () -> {
        last.set(http.postJson("/ping/echo", new JsonObject().put("name", "x")));
        return last.get().statusCode() == 200;
      });
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; last answer " + (last.get() == null ? "none"
          : last.get().statusCode() + " " + last.get().bodyAsString()), e);
    }
    JsonObject body = last.get().bodyAsJsonObject();
    assertThat(body.getString("node")).isEqualTo("port-" + workerPort);
    assertThat(body.getJsonObject("body").getString("name")).isEqualTo("x");
    assertThat(body.getString("requestId")).isEqualTo(last.get().getHeader("X-Request-Id"));
  }

  @Test
  void readinessOnTheEdgeNodeReportsTheClusterWithBothMembers() {
    AtomicReference<JsonObject> last = new AtomicReference<>();
    try {
      Await.until("/health/ready on A reports 2 cluster members", Duration.ofSeconds(20), () -> {
        HttpResponse<Buffer> response = http.get("/health/ready");
        last.set(new JsonObject().put("statusCode", response.statusCode()).put("body", response.bodyAsString()));
        return response.statusCode() == 200
            && response.bodyAsJsonObject().getJsonObject("checks").getJsonObject("cluster").getInteger("members") == 2;
      });
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; last answer " + last.get(), e);
    }
    JsonObject ready = new JsonObject(last.get().getString("body"));
    assertThat(ready.getString("status")).isEqualTo("UP");
    assertThat(ready.getJsonArray("down")).isEmpty();
    JsonObject checks = ready.getJsonObject("checks");
    assertThat(checks.getJsonObject("cluster").getString("status")).isEqualTo("UP");
    assertThat(checks.getJsonObject("cluster").getInteger("members")).isEqualTo(2);
    assertThat(checks.getJsonObject("cluster").getString("node")).isNotBlank();
    assertThat(checks.getJsonObject("postgres").getString("status")).isEqualTo("UP");
    assertThat(checks.getJsonObject("redis").getString("status")).isEqualTo("UP");
    assertThat(checks.fieldNames()).doesNotContain("kafka");
  }
}
