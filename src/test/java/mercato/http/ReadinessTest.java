package mercato.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mercato.Node;
import mercato.testing.Await;
import mercato.testing.HttpClient;
import mercato.testing.PingDomain;
import mercato.testing.Services;
import mercato.testing.TestConfig;
import mercato.testing.TestDatabase;
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
  final List<Node> nodes = new ArrayList<>();
  final List<HttpClient> clients = new ArrayList<>();

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
    clients.forEach(HttpClient::close);
    nodes.forEach(node -> Await.result(node.stop()));
  }

  /** An edge-only node with the given overrides; its readiness is all it is asked about. */
  private HttpClient edge(Map<String, String> overrides) {
    Map<String, String> all = new HashMap<>(Map.of("roles", "http"));
    all.putAll(overrides);
    Node node = Await.result(Node.start(TestConfig.of(db, all), List.of(PingDomain.routesOnly())));
    nodes.add(node);
    HttpClient client = new HttpClient(node.httpPort());
    clients.add(client);
    return client;
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

    HttpResponse<Buffer> response = http.get("/health/ready");

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
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

    long started = System.nanoTime();
    HttpResponse<Buffer> response = http.get("/health/ready");
    long tookMs = (System.nanoTime() - started) / 1_000_000;

    JsonObject checks = unavailable(response, "redis");
    assertThat(checks.getJsonObject("postgres").getString("status")).isEqualTo("UP");
    assertThat(tookMs).as("readiness answer time in ms").isLessThan(5000);
  }

  @Test
  void kafkaOnAClosedPortIs503NamingKafkaWithinTheBound() {
    HttpClient http = edge(Map.of("kafka.enabled", "true",
        "kafka.bootstrapServers", Services.HOST + ":" + Services.freePort()));

    long started = System.nanoTime();
    HttpResponse<Buffer> response = http.get("/health/ready");
    long tookMs = (System.nanoTime() - started) / 1_000_000;

    JsonObject checks = unavailable(response, "kafka");
    assertThat(checks.getJsonObject("postgres").getString("status")).isEqualTo("UP");
    assertThat(checks.getJsonObject("redis").getString("status")).isEqualTo("UP");
    assertThat(tookMs).as("readiness answer time in ms").isLessThan(5000);
  }
}
