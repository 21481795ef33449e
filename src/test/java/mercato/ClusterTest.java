package mercato;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import mercato.testing.Await;
import mercato.testing.HttpClient;
import mercato.testing.PingDomain;
import mercato.testing.Services;
import mercato.testing.TestDatabase;
import mercato.testing.TestNode;
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
  static TestNode edge;
  static TestNode worker;
  static HttpClient http;

  @BeforeAll
  static void start() {
    Services.require("postgres", "redis");
    db = TestDatabase.create();
    List<TestNode> nodes = TestNode.cluster(TestNode.of(PingDomain.routesOnly()).roles("http").on(db),
        TestNode.of(PingDomain.domain()).roles("ping").on(db));
    edge = nodes.get(0);
    worker = nodes.get(1);
    http = edge.http();
  }

  @AfterAll
  static void stop() {
    TestNode.closeAll(worker, edge, db);
  }

  @Test
  void theEdgeNodeForwardsToTheDomainNodeOverTheClusteredBus() {
    assertThat(worker.node.httpPort()).as("node B runs no edge").isEqualTo(-1);
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
    assertThat(body.getString("node")).isEqualTo("port-" + worker.config.cluster().port());
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
    assertThat(checks.fieldNames()).as("an edge-only node runs no domain, so it checks no database").doesNotContain("postgres");
    assertThat(checks.getJsonObject("redis").getString("status")).isEqualTo("UP");
    assertThat(checks.fieldNames()).doesNotContain("kafka");
  }
}
