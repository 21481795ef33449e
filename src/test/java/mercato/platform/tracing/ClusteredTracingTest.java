package mercato.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import mercato.testing.Await;
import mercato.testing.PingDomain;
import mercato.testing.Services;
import mercato.testing.TestDatabase;
import mercato.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two traced nodes clustered over Hazelcast, an edge-only one and one that runs the ping
 * domain: the request's trace crosses the clustered bus (traceparent in the message
 * headers), so the domain node's receive span is a child of the edge node's send.
 */
class ClusteredTracingTest {
  static final InMemorySpanExporter spans = InMemorySpanExporter.create();
  static TestDatabase db;
  static TestNode edge;
  static TestNode worker;

  @BeforeAll
  static void start() {
    Services.require("postgres", "redis");
    db = TestDatabase.create();
    List<TestNode> nodes = TestNode.cluster(
        TestNode.of(PingDomain.routesOnly()).roles("http").on(db).tracedTo(spans).set("tracing.serviceName", "edge"),
        TestNode.of(PingDomain.domain()).roles("ping").on(db).tracedTo(spans).set("tracing.serviceName", "worker"));
    edge = nodes.get(0);
    worker = nodes.get(1);
  }

  @AfterAll
  static void stop() {
    TestNode.closeAll(worker, edge, db);
  }

  @Test
  void theTraceCrossesTheClusteredBus() {
    AtomicReference<HttpResponse<Buffer>> last = new AtomicReference<>();
    // The worker's consumer registration reaches the edge's view of the cluster a moment after start.
    Await.until("POST /ping/echo on the edge answers 200", Duration.ofSeconds(20), () -> {
      last.set(edge.http().postJson("/ping/echo", new JsonObject().put("name", "x")));
      return last.get().statusCode() == 200;
    });
    String url = "/ping/echo";
    SpanData server = awaitSpan(s -> s.getKind() == SpanKind.SERVER && s.getName().equals("POST")
        && String.valueOf(s.getAttributes().get(AttributeKey.stringKey("http.response.status_code"))).equals("200")
        && String.valueOf(s.getAttributes().get(AttributeKey.stringKey("url.path"))).equals(url));
    String traceId = server.getTraceId();
    SpanData send = awaitSpan(s -> s.getTraceId().equals(traceId) && s.getKind() == SpanKind.CLIENT && s.getName().equals("send"));
    SpanData receive = awaitSpan(s -> s.getTraceId().equals(traceId) && s.getKind() == SpanKind.SERVER && s.getName().equals("send"));
    assertThat(send.getParentSpanId()).isEqualTo(server.getSpanId());
    assertThat(receive.getParentSpanId()).isEqualTo(send.getSpanId());
    assertThat(server.getResource().getAttribute(AttributeKey.stringKey("service.name"))).isEqualTo("edge");
    assertThat(receive.getResource().getAttribute(AttributeKey.stringKey("service.name"))).as("received on the other node")
        .isEqualTo("worker");
  }

  private static SpanData awaitSpan(Predicate<SpanData> matches) {
    Await.until("a matching span", Duration.ofSeconds(10), () -> find(matches).isPresent());
    return find(matches).orElseThrow();
  }

  private static Optional<SpanData> find(Predicate<SpanData> matches) {
    return spans.getFinishedSpanItems().stream().filter(matches).findFirst();
  }
}
