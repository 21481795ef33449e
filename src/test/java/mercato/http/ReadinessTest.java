package mercato.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import mercato.testing.Await;
import mercato.testing.HttpClient;
import mercato.testing.PingDomain;
import mercato.testing.Services;
import mercato.testing.TestDatabase;
import mercato.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /health/ready} against real services, and against a Redis or Kafka that is not
 * there (a closed loopback port): 503 problem naming what is down, within the check bound.
 */
class ReadinessTest {
  static TestDatabase db;
  final List<TestNode> nodes = new ArrayList<>();

  @BeforeAll
  static void createDatabase() {
    Services.require("postgres", "redis", "kafka");
    db = TestDatabase.create();
  }

  @AfterAll
  static void dropDatabase() {
    if (db != null) {
      db.close();
    }
  }

  @AfterEach
  void stopNodes() {
    nodes.forEach(TestNode::close);
  }

  /** A node with the edge and the ping domain (so its database is checked), with the given overrides. */
  private HttpClient edge(Map<String, String> overrides) {
    TestNode node = TestNode.of(PingDomain.domain()).on(db).set(overrides).start();
    nodes.add(node);
    return node.http();
  }

  private static JsonObject unavailable(HttpResponse<Buffer> response, String down) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(503);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("type")).isEqualTo("/problems/unavailable");
    assertThat(body.getInteger("status")).isEqualTo(503);
    assertThat(body.getString("detail")).isEqualTo(down + " down");
    JsonObject checks = body.getJsonObject("checks");
    assertThat(checks.getJsonObject(down).getString("status")).isEqualTo("DOWN");
    assertThat(checks.getJsonObject(down).getString("error")).isNotBlank();
    return checks;
  }

  @Test
  void allUpIs200WithEveryCheck() {
    HttpClient http = edge(Map.of("kafka.enabled", "true"));

    // A node just started may be not ready yet (its first Kafka metadata round trip can
    // outlast the check's bound on a busy machine): ready is a state it must reach.
    AtomicReference<HttpResponse<Buffer>> last = new AtomicReference<>();
    Await.until("/health/ready answers 200", Duration.ofSeconds(60), () -> {
      last.set(http.get("/health/ready"));
      return last.get().statusCode() == 200;
    });
    HttpResponse<Buffer> response = last.get();
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/json");
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("status")).isEqualTo("UP");
    assertThat(body.getJsonArray("down")).isEmpty();
    JsonObject checks = body.getJsonObject("checks");
    assertThat(checks.fieldNames()).containsExactlyInAnyOrder("postgres", "redis", "kafka");
    for (String name : List.of("postgres", "redis", "kafka")) {
      assertThat(checks.getJsonObject(name).getString("status")).as(name).isEqualTo("UP");
    }
    assertThat(checks.getJsonObject("kafka").getInteger("brokers")).isEqualTo(1);
  }

  @Test
  void withoutKafkaThereIsNoKafkaCheck() {
    HttpClient http = edge(Map.of("kafka.enabled", "false"));

    HttpResponse<Buffer> response = http.get("/health/ready");

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getJsonObject("checks").fieldNames())
        .containsExactlyInAnyOrder("postgres", "redis");
  }

  @Test
  void redisOnAClosedPortIs503NamingRedis() {
    HttpClient http = edge(Map.of("kafka.enabled", "false",
        "redis.uri", "redis://" + Services.HOST + ":" + Services.freePort() + "/0"));

    JsonObject checks = unavailable(http.get("/health/ready"), "redis");
    assertThat(checks.getJsonObject("postgres").getString("status")).isEqualTo("UP");
  }

  @Test
  void kafkaOnAClosedPortIs503NamingKafkaWithinTheBound() {
    HttpClient http = edge(Map.of("kafka.enabled", "true",
        "kafka.bootstrapServers", Services.HOST + ":" + Services.freePort()));

    JsonObject checks = unavailable(http.get("/health/ready"), "kafka");
    assertThat(checks.getJsonObject("postgres").getString("status")).isEqualTo("UP");
    assertThat(checks.getJsonObject("redis").getString("status")).isEqualTo("UP");
    // A broker that never answers is cut off by a bound (the check's or the client's own
    // request timeout), not waited on: the answer says it timed out.
    assertThat(checks.getJsonObject("kafka").getString("error")).containsIgnoringCase("time");
  }
}
