package mercato;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.MultiMap;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.micrometer.MicrometerMetricsFactory;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP server metrics a node uses, called the way Vert.x 5.0.7 calls them for a
 * connection accepted while the server was still binding (no socket metric).
 */
class UnmeasuredConnectionsTest {
  static final SocketAddress LOCAL = SocketAddress.inetSocketAddress(8080, "127.0.0.1");
  static final SocketAddress REMOTE = SocketAddress.inetSocketAddress(40000, "127.0.0.1");
  VertxMetrics metrics;

  /** The parts of a request the metrics read. */
  record Request(String uri, HttpMethod method) implements HttpRequest {
    public int id() {
      return 1;
    }

    public String absoluteURI() {
      return "http://127.0.0.1:8080" + uri;
    }

    public MultiMap headers() {
      return MultiMap.caseInsensitiveMultiMap();
    }

    public SocketAddress remoteAddress() {
      return REMOTE;
    }
  }

  static VertxOptions options() {
    return new VertxOptions().setMetricsOptions(Node.metricsOptions("unmeasured-" + UUID.randomUUID()));
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  static HttpServerMetrics http(VertxMetrics metrics) {
    return metrics.createHttpServerMetrics(new HttpServerOptions(), LOCAL);
  }

  @AfterEach
  void close() {
    if (metrics != null) {
      metrics.close();
    }
  }

  @Test
  void micrometerAloneFailsARequestOnAConnectionWithoutSocketMetric() {
    // The cause: this NullPointerException left the request unanswered. If a Vert.x upgrade
    // makes this pass, StartupSafeMetrics can go.
    metrics = new MicrometerMetricsFactory().metrics(options());
    assertThatThrownBy(() -> http(metrics).requestBegin(null, new Request("/health/ready", HttpMethod.GET)))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("socketMetric");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aRequestOnAConnectionWithoutSocketMetricGoesUnmeasured() {
    metrics = new StartupSafeMetrics().metrics(options());
    HttpServerMetrics<Object, Object, Object> http = http(metrics);
    Request request = new Request("/health/ready", HttpMethod.GET);

    Object requestMetric = http.requestBegin(null, request);
    http.requestRouted(requestMetric, "/health/ready");
    http.requestEnd(requestMetric, request, 0);
    http.responseEnd(requestMetric, null, 10);
    http.bytesRead(null, REMOTE, 100);
    http.bytesWritten(null, REMOTE, 10);
    http.disconnected(null, REMOTE);

    assertThat(requestMetric).isNull();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aConnectionWithItsSocketMetricIsStillMeasured() {
    metrics = new StartupSafeMetrics().metrics(options());
    HttpServerMetrics<Object, Object, Object> http = http(metrics);

    Object socket = http.connected(REMOTE, "127.0.0.1");
    Object requestMetric = http.requestBegin(socket, new Request("/health/live", HttpMethod.GET));

    assertThat(socket).isNotNull();
    assertThat(requestMetric).isNotNull();
  }
}
