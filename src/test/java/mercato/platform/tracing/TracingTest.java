package mercato.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import mercato.auth.AuthDomain;
import mercato.testing.Await;
import mercato.testing.LogCapture;
import mercato.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tracing on a whole node, spans kept in memory: one request that reaches the auth domain
 * and PostgreSQL is one trace (the edge's server span, the bus send and receive, the
 * queries), a caller's traceparent is continued, and the request's log lines name the trace.
 */
class TracingTest {
  static final String PASSWORD = "correct horse battery staple";
  static final InMemorySpanExporter spans = InMemorySpanExporter.create();
  static TestNode app;
  static LogCapture logs;

  @BeforeAll
  static void start() {
    app = TestNode.of(AuthDomain.domain()).withKeys().quickAuth().tracedTo(spans).start();
    logs = new LogCapture();
  }

  @AfterAll
  static void stop() {
    if (logs != null) {
      logs.close();
    }
    if (app != null) {
      app.close();
    }
  }

  @Test
  void oneRequestIsOneTraceFromTheEdgeThroughTheBusToPostgres() {
    String requestId = "trace-" + UUID.randomUUID();
    String old = rotatedRefreshToken();
    HttpResponse<Buffer> reuse = post("/auth/refresh-token", new JsonObject().put("refreshToken", old),
        MultiMap.caseInsensitiveMultiMap().add("X-Request-Id", requestId));
    assertThat(reuse.statusCode()).isEqualTo(401);

    JsonObject warning = logs.of("mercato.auth.Sessions", requestId);
    JsonObject mdc = warning.getJsonObject("mdc");
    String traceId = mdc.getString("traceId");
    assertThat(traceId).as(warning.encode()).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));

    SpanData server = awaitSpan(traceId, s -> s.getKind() == SpanKind.SERVER && s.getName().equals("POST"));
    assertThat(server.getAttributes().get(AttributeKey.stringKey("http.url"))).endsWith("/auth/refresh-token");
    assertThat(server.getParentSpanContext().isValid()).as("a new trace starts at the edge").isFalse();

    SpanData send = awaitSpan(traceId, s -> s.getKind() == SpanKind.CLIENT && isBusSend(s));
    SpanData receive = awaitSpan(traceId, s -> s.getKind() == SpanKind.SERVER && isBusSend(s));
    assertThat(send.getAttributes().get(AttributeKey.stringKey("messaging.destination.name")))
        .isEqualTo("mercato.auth.refresh-token");
    assertThat(send.getParentSpanId()).isEqualTo(server.getSpanId());
    assertThat(receive.getParentSpanId()).isEqualTo(send.getSpanId());

    SpanData query = awaitSpan(traceId, s -> s.getKind() == SpanKind.CLIENT && s.getName().equals("Query")
        && String.valueOf(s.getAttributes().get(AttributeKey.stringKey("db.query.text"))).startsWith("SELECT status, session_id"));
    assertThat(query.getParentSpanId()).as("a query of the domain, inside its receive span").isEqualTo(receive.getSpanId());
    assertThat(query.getAttributes().get(AttributeKey.stringKey("db.system"))).isEqualTo("postgresql");

    // The domain's line was logged inside the bus receive span, after the hop and the queries.
    assertThat(mdc.getString("spanId")).isEqualTo(receive.getSpanId());
    assertThat(mdc.getString("requestId")).isEqualTo(requestId);
  }

  @Test
  void aCallersTraceparentIsContinued() {
    String traceId = UUID.randomUUID().toString().replace("-", "");
    String parent = "00f067aa0ba902b7";
    HttpResponse<Buffer> response = post("/auth/refresh-token", new JsonObject().put("refreshToken", "not-a-token"),
        MultiMap.caseInsensitiveMultiMap().add("traceparent", "00-" + traceId + "-" + parent + "-01"));
    assertThat(response.statusCode()).isEqualTo(401);
    SpanData server = awaitSpan(traceId, s -> s.getKind() == SpanKind.SERVER && s.getName().equals("POST"));
    assertThat(server.getParentSpanId()).isEqualTo(parent);
    awaitSpan(traceId, s -> s.getKind() == SpanKind.SERVER && isBusSend(s));
  }

  /** A request/reply hop on the bus (the domain also publishes, to the edges, that the session's tokens are denied). */
  private static boolean isBusSend(SpanData span) {
    return span.getName().equals("send")
        && "vertx-eventbus".equals(span.getAttributes().get(AttributeKey.stringKey("messaging.system")));
  }

  private static SpanData awaitSpan(String traceId, java.util.function.Predicate<SpanData> matches) {
    Await.until("a matching span of trace " + traceId, Duration.ofSeconds(10), () -> find(traceId, matches).isPresent());
    return find(traceId, matches).orElseThrow();
  }

  private static Optional<SpanData> find(String traceId, java.util.function.Predicate<SpanData> matches) {
    List<SpanData> finished = spans.getFinishedSpanItems();
    return finished.stream().filter(s -> s.getTraceId().equals(traceId)).filter(matches).findFirst();
  }

  private static String rotatedRefreshToken() {
    String email = "trace-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    assertThat(app.api.post("/auth/register", null, new JsonObject().put("email", email).put("password", PASSWORD))
        .statusCode()).isEqualTo(201);
    String old = app.api.post("/auth/login", null, new JsonObject().put("email", email).put("password", PASSWORD))
        .bodyAsJsonObject().getString("refreshToken");
    assertThat(app.api.post("/auth/refresh-token", null, new JsonObject().put("refreshToken", old)).statusCode())
        .isEqualTo(200);
    return old;
  }

  private static HttpResponse<Buffer> post(String uri, JsonObject body, MultiMap headers) {
    headers.add("Content-Type", "application/json");
    return app.http().send(HttpMethod.POST, uri, headers, body.toBuffer());
  }
}
