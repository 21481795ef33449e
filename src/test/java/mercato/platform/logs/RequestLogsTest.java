package mercato.platform.logs;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import mercato.auth.AuthDomain;
import mercato.testing.LogCapture;
import mercato.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * JSON log lines on a whole node: a request with a known X-Request-Id makes the auth domain
 * warn (a reused refresh token) after a bus hop and PostgreSQL queries, and that line, like
 * the edge's access line, carries the request's id, never another request's.
 */
class RequestLogsTest {
  static final String PASSWORD = "correct horse battery staple";
  static TestNode app;
  static LogCapture logs;
  static Logger access = (Logger) LoggerFactory.getLogger("mercato.access");
  static Level accessLevel;

  @BeforeAll
  static void start() {
    app = TestNode.of(AuthDomain.domain()).withKeys().quickAuth().start();
    accessLevel = access.getLevel();
    access.setLevel(Level.INFO);
    logs = new LogCapture();
  }

  @AfterAll
  static void stop() {
    if (logs != null) {
      logs.close();
    }
    access.setLevel(accessLevel);
    if (app != null) {
      app.close();
    }
  }

  @Test
  void aDomainsLineAfterABusHopAndQueriesCarriesTheRequestId() {
    String first = "logs-" + UUID.randomUUID();
    String second = "logs-" + UUID.randomUUID();
    String firstToken = rotatedRefreshToken();
    String secondToken = rotatedRefreshToken();
    // Both at once: their hops interleave on the domain's event loop, where a thread-local
    // set at the start of each would label one request's lines with the other's id.
    CompletableFuture<Void> one = CompletableFuture.runAsync(() -> reuse(firstToken, first));
    CompletableFuture<Void> two = CompletableFuture.runAsync(() -> reuse(secondToken, second));
    CompletableFuture.allOf(one, two).join();

    for (String requestId : List.of(first, second)) {
      JsonObject warning = logs.of("mercato.auth.Sessions", requestId);
      assertThat(warning.getString("level")).isEqualTo("WARN");
      assertThat(warning.getString("formattedMessage")).startsWith("refresh token reused in session ");
      assertThat(warning.getString("threadName")).startsWith("vert.x-eventloop-thread-");
      assertThat(warning.getLong("timestamp")).isPositive();

      JsonObject accessLine = logs.of("mercato.access", requestId);
      assertThat(accessLine.getString("formattedMessage")).contains("POST /auth/refresh-token 401");
    }
    // Each request's warning names its own session: the id did not leak from one to the other.
    String firstSession = sessionOf(logs.of("mercato.auth.Sessions", first));
    String secondSession = sessionOf(logs.of("mercato.auth.Sessions", second));
    assertThat(firstSession).isNotEqualTo(secondSession);
    assertThat(logs.lines()).allSatisfy(line -> assertThat(line.getJsonObject("mdc")).isNotNull());
  }

  @Test
  void withTracingOffNoTracerIsInstalledAndLinesHaveNoTraceIds() {
    assertThat(((io.vertx.core.internal.VertxInternal) app.node.vertx()).tracer()).isNull();
    String requestId = "logs-" + UUID.randomUUID();
    reuse(rotatedRefreshToken(), requestId);
    JsonObject mdc = logs.of("mercato.auth.Sessions", requestId).getJsonObject("mdc");
    assertThat(mdc.fieldNames()).containsExactly("requestId");
  }

  @Test
  void linesOutsideARequestCarryNoRequestId() {
    LoggerFactory.getLogger(RequestLogsTest.class).info("a line of the test thread");
    JsonObject line = logs.first("the test thread's line", l -> "a line of the test thread".equals(l.getString("formattedMessage")));
    assertThat(line.getJsonObject("mdc").containsKey("requestId")).isFalse();
  }

  /** Signs up and rotates the refresh token once: the old one, presented again, is a reuse. */
  private static String rotatedRefreshToken() {
    String email = "logs-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    assertThat(app.api.post("/auth/register", null, new JsonObject().put("email", email).put("password", PASSWORD))
        .statusCode()).isEqualTo(201);
    JsonObject grant = app.api.post("/auth/login", null, new JsonObject().put("email", email).put("password", PASSWORD))
        .bodyAsJsonObject();
    String old = grant.getString("refreshToken");
    assertThat(app.api.post("/auth/refresh-token", null, new JsonObject().put("refreshToken", old)).statusCode())
        .isEqualTo(200);
    return old;
  }

  /** Presents a rotated refresh token under {@code requestId}: 401, and the domain warns. */
  private static void reuse(String old, String requestId) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .add("Content-Type", "application/json").add("X-Request-Id", requestId);
    HttpResponse<Buffer> reuse = app.http().send(HttpMethod.POST, "/auth/refresh-token", headers,
        new JsonObject().put("refreshToken", old).toBuffer());
    assertThat(reuse.statusCode()).isEqualTo(401);
    assertThat(reuse.getHeader("X-Request-Id")).isEqualTo(requestId);
  }

  private static String sessionOf(JsonObject warning) {
    return warning.getString("formattedMessage").replaceFirst("^refresh token reused in session (\\S+):.*$", "$1");
  }
}
