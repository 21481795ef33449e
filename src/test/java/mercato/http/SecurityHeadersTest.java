package mercato.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.UUID;
import mercato.testing.HttpClient;
import mercato.testing.PingDomain;
import mercato.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The headers RFC 9110 and browsers expect: a challenge on every 401, the served methods on
 * every 405, no-store on authenticated and personal answers, nosniff everywhere, and docs
 * that cannot be framed.
 */
class SecurityHeadersTest {
  static final String ITEM = "/ping/items/0190b4c2-52c8-7cc3-8a33-3f0e7e2b4a11";

  static TestNode app;
  static HttpClient http;

  @BeforeAll
  static void start() {
    app = TestNode.of(PingDomain.domain()).withKeys().start();
    http = app.api.http();
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  private static HttpResponse<Buffer> status(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    return response;
  }

  @Test
  void every401ChallengesForABearerTokenAndSaysWhenTheGivenOneWasRefused() {
    assertThat(status(http.get("/ping/me"), 401).getHeader("WWW-Authenticate")).isEqualTo("Bearer");
    assertThat(status(http.get("/ping/me", "not.a.jwt"), 401).getHeader("WWW-Authenticate"))
        .isEqualTo("Bearer error=\"invalid_token\"");
    String expired = app.tokens.sign(new JsonObject().put("sub", UUID.randomUUID().toString()).put("typ", "customer"), -60);
    assertThat(status(http.get("/ping/me", expired), 401).getHeader("WWW-Authenticate"))
        .isEqualTo("Bearer error=\"invalid_token\"");
    MultiMap basic = MultiMap.caseInsensitiveMultiMap().add("Authorization", "Basic Zm9vOmJhcg==");
    assertThat(status(http.send(HttpMethod.GET, "/ping/me", basic, null), 401).getHeader("WWW-Authenticate"))
        .isEqualTo("Bearer error=\"invalid_token\"");
  }

  @Test
  void every405ListsTheMethodsServedOnThePath() {
    HttpResponse<Buffer> echo = status(http.send(HttpMethod.DELETE, "/ping/echo", null, null), 405);
    assertThat(echo.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(echo.getHeader("Allow")).isEqualTo("POST");
    assertThat(status(http.send(HttpMethod.PUT, ITEM, null, null), 405).getHeader("Allow")).isEqualTo("GET");
    assertThat(status(http.send(HttpMethod.POST, "/health/live", null, null), 405).getHeader("Allow")).isEqualTo("GET");
  }

  @Test
  void authenticatedAndPersonalAnswersAreNeverStored() {
    String token = app.tokens.issue(UUID.randomUUID().toString(), "customer", List.of());
    assertThat(status(http.get("/ping/me", token), 200).getHeader("Cache-Control")).isEqualTo("no-store");
    assertThat(status(http.get(ITEM, token), 200).getHeader("Cache-Control")).isEqualTo("no-store");
    MultiMap cart = MultiMap.caseInsensitiveMultiMap().add("X-Cart-Token", "guest-cart-token");
    assertThat(status(http.send(HttpMethod.GET, ITEM, cart, null), 200).getHeader("Cache-Control")).isEqualTo("no-store");
    assertThat(http.get(ITEM + "?token=mailed").getHeader("Cache-Control")).isEqualTo("no-store");
    assertThat(status(http.postJson("/ping/echo", new JsonObject().put("name", "x")), 200).getHeader("Cache-Control"))
        .isEqualTo("no-store");
    // Anonymous reads of public data stay cacheable.
    assertThat(status(http.get(ITEM), 200).getHeader("Cache-Control")).isNull();
    assertThat(status(http.get("/openapi.yaml"), 200).getHeader("Cache-Control")).isNull();
  }

  @Test
  void theDocsCannotBeFramedAndProblemsAreNotSniffed() {
    assertThat(status(http.get("/docs"), 200).getHeader("Content-Security-Policy")).isEqualTo("frame-ancestors 'none'");
    assertThat(status(http.get("/no/such/route"), 404).getHeader("Content-Type")).isEqualTo("application/problem+json");
  }

  @Test
  void metricsAreServedOnTheLoopbackManagementPortOnly() {
    status(http.get("/metrics"), 404);
    try (HttpClient management = new HttpClient(app.node.managementPort())) {
      HttpResponse<Buffer> metrics = status(management.get("/metrics"), 200);
      assertThat(metrics.bodyAsString()).contains("vertx_http_server_requests_total");
      assertThat(status(management.get("/health/ready"), 200).bodyAsJsonObject().getString("status")).isEqualTo("UP");
    }
    assertThat(app.node.managementPort()).isNotEqualTo(app.node.httpPort()).isPositive();
  }
}
