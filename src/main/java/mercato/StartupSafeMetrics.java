package mercato;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.metrics.MetricsOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.core.spi.metrics.ClientMetrics;
import io.vertx.core.spi.metrics.DatagramSocketMetrics;
import io.vertx.core.spi.metrics.EventBusMetrics;
import io.vertx.core.spi.metrics.HttpClientMetrics;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.metrics.PoolMetrics;
import io.vertx.core.spi.metrics.TCPMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;
import io.vertx.micrometer.MicrometerMetricsFactory;

/**
 * Vert.x's Micrometer metrics, with the HTTP server part made to tolerate a connection
 * that has no socket metric.
 *
 * <p>Why: in Vert.x 5.0.7 a server's metrics are assigned by a listener added to the bind
 * future after the bind was started, so a connection the acceptor takes in between (a
 * readiness probe polling a starting node) carries a null socket metric; the HTTP layer
 * reads the metrics later, finds them set, and {@code requestBegin} throws a
 * NullPointerException that leaves the request unanswered forever. Such a connection now
 * goes unmeasured instead ({@link UnmeasuredConnections}).
 */
final class StartupSafeMetrics implements VertxMetricsFactory {
  private final MicrometerMetricsFactory micrometer;

  /** Vert.x's metrics in a registry of Vert.x's own making (the Prometheus options say which). */
  StartupSafeMetrics() {
    this.micrometer = new MicrometerMetricsFactory();
  }

  /** Vert.x's metrics in {@code registry} (set up beforehand, with its meter filters). */
  StartupSafeMetrics(MeterRegistry registry) {
    this.micrometer = new MicrometerMetricsFactory(registry);
  }

  @Override
  public VertxMetrics metrics(VertxOptions options) {
    VertxMetrics metrics = micrometer.metrics(options);
    return new VertxMetrics() {
      @Override
      public EventBusMetrics createEventBusMetrics() {
        return metrics.createEventBusMetrics();
      }

      @Override
      public HttpServerMetrics<?, ?, ?> createHttpServerMetrics(HttpServerOptions server,
          SocketAddress localAddress) {
        return UnmeasuredConnections.around(metrics.createHttpServerMetrics(server, localAddress));
      }

      @Override
      public ClientMetrics<?, ?, ?> createClientMetrics(SocketAddress remoteAddress,
          String type, String namespace) {
        return metrics.createClientMetrics(remoteAddress, type, namespace);
      }

      @Override
      public HttpClientMetrics<?, ?, ?> createHttpClientMetrics(
          HttpClientOptions client) {
        return metrics.createHttpClientMetrics(client);
      }

      @Override
      public TCPMetrics<?> createNetServerMetrics(NetServerOptions server,
          SocketAddress localAddress) {
        return metrics.createNetServerMetrics(server, localAddress);
      }

      @Override
      public TCPMetrics<?> createNetClientMetrics(NetClientOptions client) {
        return metrics.createNetClientMetrics(client);
      }

      @Override
      public DatagramSocketMetrics createDatagramSocketMetrics(
          DatagramSocketOptions socket) {
        return metrics.createDatagramSocketMetrics(socket);
      }

      @Override
      public PoolMetrics<?, ?> createPoolMetrics(String type, String name, int maxSize) {
        return metrics.createPoolMetrics(type, name, maxSize);
      }

      @Override
      public void vertxCreated(Vertx vertx) {
        metrics.vertxCreated(vertx);
      }

      @Override
      public boolean isMetricsEnabled() {
        return metrics.isMetricsEnabled();
      }

      @Override
      public void close() {
        metrics.close();
      }
    };
  }

  @Override
  public MetricsOptions newOptions(MetricsOptions options) {
    return micrometer.newOptions(options);
  }

  @Override
  public MetricsOptions newOptions() {
    return micrometer.newOptions();
  }

  @Override
  public MetricsOptions newOptions(JsonObject json) {
    return micrometer.newOptions(json);
  }
}
