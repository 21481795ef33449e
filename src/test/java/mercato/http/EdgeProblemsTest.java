package mercato.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import mercato.testing.HttpClient;
import mercato.testing.PingDomain;
import mercato.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every error the edge can give is problem+json; requests reach the bus with their envelope. */
class EdgeProblemsTest {
  static TestNode app;
  static HttpClient http;

  @BeforeAll
  static void start() {
    app = TestNode.of(PingDomain.domain()).set("http.busTimeoutMs", "300").set("http.bodyLimit", "2048").start();
    http = app.api.http();
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  private static MultiMap json() {
    return MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json");
  }

  private static JsonObject problem(HttpResponse<Buffer> response, int status, String slug) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("type")).isEqualTo("/problems/" + slug);
    assertThat(body.getInteger("status")).isEqualTo(status);
    assertThat(body.getString("title")).isNotBlank();
    assertThat(body.getString("detail")).isNotBlank();
    assertThat(body.getString("requestId")).isEqualTo(response.getHeader("X-Request-Id"));
    return body;
  }

  @Test
  void echoesTheEnvelopeThroughTheBus() {
    MultiMap headers = json().add("Idempotency-Key", "k-1").add("X-Request-Id", "req-123");
    HttpResponse<Buffer> response = http.send(HttpMethod.POST, "/ping/echo?n=7", headers,
        new JsonObject().put("name", "x").toBuffer());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("X-Request-Id")).isEqualTo("req-123");
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getJsonObject("body").getString("name")).isEqualTo("x");
    assertThat(body.getJsonObject("query").getValue("n")).isEqualTo(7);
    assertThat(body.getString("idempotencyKey")).isEqualTo("k-1");
    assertThat(body.getString("requestId")).isEqualTo("req-123");
    assertThat(body.getValue("principal")).isNull();
  }

  @Test
  void aliasesReachTheSameOperationAndForceTheirFields() {
    HttpResponse<Buffer> plain = http.send(HttpMethod.POST, "/echo", json(),
        new JsonObject().put("name", "x").put("type", "customer").toBuffer());
    assertThat(plain.bodyAsJsonObject().getJsonObject("body").getString("type")).isEqualTo("customer");
    HttpResponse<Buffer> forced = http.send(HttpMethod.POST, "/company/echo", json(),
        new JsonObject().put("name", "x").put("type", "customer").toBuffer());
    assertThat(forced.bodyAsJsonObject().getJsonObject("body").getString("type")).isEqualTo("company");
    String id = "0190b4c2-52c8-7cc3-8a33-3f0e7e2b4a11";
    HttpResponse<Buffer> shallow = http.get("/item/" + id);
    assertThat(shallow.statusCode()).isEqualTo(200);
    assertThat(shallow.bodyAsJsonObject().getJsonObject("params").getString("item_id")).isEqualTo(id);
    assertThat(http.get("/ping/items/" + id).bodyAsJsonObject().getJsonObject("params").getString("item_id")).isEqualTo(id);
  }

  @Test
  void generatesARequestIdWhenNoneIsGiven() {
    HttpResponse<Buffer> response = http.get("/health/live");
    assertThat(response.getHeader("X-Request-Id")).hasSizeGreaterThan(20);
  }

  @Test
  void unknownRouteIs404() {
    problem(http.get("/no/such/route"), 404, "not-found");
  }

  @Test
  void wrongMethodIs405() {
    problem(http.send(HttpMethod.DELETE, "/ping/echo", null, null), 405, "method-not-allowed");
  }

  @Test
  void malformedJsonIs400() {
    problem(http.send(HttpMethod.POST, "/ping/echo", json(), Buffer.buffer("{\"name\": ")), 400, "malformed-json");
  }

  @Test
  void schemaViolationIs400WithPointers() {
    JsonObject body = problem(http.send(HttpMethod.POST, "/ping/echo", json(),
        new JsonObject().put("name", "x").put("count", -1).toBuffer()), 400, "validation");
    assertThat(body.getJsonArray("errors").getJsonObject(0).getString("pointer")).isEqualTo("/count");
    JsonObject nested = problem(http.send(HttpMethod.POST, "/ping/echo", json(),
        new JsonObject().put("name", "x").put("tags", List.of("ok", "far-too-long")).toBuffer()), 400, "validation");
    assertThat(nested.getJsonArray("errors").getJsonObject(0).getString("pointer")).isEqualTo("/tags/1");
    JsonObject missing = problem(http.send(HttpMethod.POST, "/ping/echo", json(),
        new JsonObject().put("count", 1).toBuffer()), 400, "validation");
    assertThat(missing.getJsonArray("errors")).isNotEmpty();
    JsonObject query = problem(http.send(HttpMethod.POST, "/ping/echo?n=-3", json(),
        new JsonObject().put("name", "x").toBuffer()), 400, "validation");
    assertThat(query.getJsonArray("errors").getJsonObject(0).getString("pointer")).startsWith("/n");
    problem(http.get("/ping/items/not-a-uuid"), 400, "validation");
  }

  @Test
  void oversizedBodyIs413() {
    String big = "x".repeat(4096);
    problem(http.send(HttpMethod.POST, "/ping/echo", json(), new JsonObject().put("name", big).toBuffer()),
        413, "payload-too-large");
  }

  @Test
  void wrongContentTypeIs415() {
    MultiMap text = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "text/plain");
    problem(http.send(HttpMethod.POST, "/ping/echo", text, Buffer.buffer("{\"name\":\"x\"}")), 415, "unsupported-media-type");
  }

  @Test
  void busTimeoutIs504() {
    problem(http.get("/ping/slow"), 504, "timeout");
  }

  @Test
  void noHandlerIs503() {
    problem(http.get("/ping/nowhere"), 503, "unavailable");
  }

  @Test
  void protectedRouteWithoutTokenIs401AndWithGarbageTokenToo() {
    problem(http.get("/ping/me"), 401, "unauthenticated");
    problem(http.get("/ping/me", "not.a.jwt"), 401, "unauthenticated");
    MultiMap basic = MultiMap.caseInsensitiveMultiMap().add("Authorization", "Basic Zm9vOmJhcg==");
    problem(http.send(HttpMethod.GET, "/ping/me", basic, null), 401, "unauthenticated");
  }

  @Test
  void oversizedPageIs400() {
    JsonObject body = problem(http.get("/ping/limited?limit=100000"), 400, "validation");
    assertThat(body.getJsonArray("errors").getJsonObject(0).getString("pointer")).isEqualTo("/limit");
  }

  @Test
  void corsPreflightAllowsTheConfiguredOrigin() {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .add("Origin", "http://localhost:3000")
        .add("Access-Control-Request-Method", "POST")
        .add("Access-Control-Request-Headers", "Content-Type, Authorization");
    HttpResponse<Buffer> response = http.send(HttpMethod.OPTIONS, "/ping/echo", headers, null);
    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.getHeader("Access-Control-Allow-Origin")).isEqualTo("http://localhost:3000");
    MultiMap stranger = MultiMap.caseInsensitiveMultiMap().add("Origin", "http://evil.example")
        .add("Access-Control-Request-Method", "POST");
    assertThat(http.send(HttpMethod.OPTIONS, "/ping/echo", stranger, null).getHeader("Access-Control-Allow-Origin")).isNull();
  }

  @Test
  void servesTheContractAndTheDocsAndMetricsOnTheManagementPortOnly() {
    HttpResponse<Buffer> contract = http.get("/openapi.yaml");
    assertThat(contract.statusCode()).isEqualTo(200);
    assertThat(contract.bodyAsString()).contains("pingEcho");
    assertThat(http.get("/docs").bodyAsString()).contains("/openapi.yaml").contains("swagger-ui-bundle.js");
    assertThat(http.get("/docs/assets/swagger-ui-bundle.js").statusCode()).isEqualTo(200);
    http.get("/ping/nowhere");
    problem(http.get("/metrics"), 404, "not-found");
    String metrics;
    try (HttpClient management = new HttpClient(app.node.managementPort())) {
      assertThat(management.get("/health/live").statusCode()).isEqualTo(200);
      metrics = management.get("/metrics").bodyAsString();
    }
    assertThat(metrics).contains("vertx_http_server_requests_total").contains("route=\"/ping/nowhere\"");
    assertThat(metrics).contains("vertx_eventbus_").contains("address=\"mercato.ping.echo\"");
    assertThat(metrics).contains("jvm_memory_used_bytes");
  }
}
