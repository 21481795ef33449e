package mercato;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.core.spi.observability.HttpResponse;

/**
 * HTTP server metrics that pass everything to Micrometer's, except the calls about a
 * connection or request that has no metric (a connection accepted before the server's
 * metrics were set, see {@link StartupSafeMetrics}): those are skipped, so the request is
 * served, just not counted.
 */
@SuppressWarnings({"rawtypes", "unchecked"})
final class UnmeasuredConnections implements HttpServerMetrics<Object, Object, Object> {
  private final HttpServerMetrics metrics;

  private UnmeasuredConnections(HttpServerMetrics<?, ?, ?> metrics) {
    this.metrics = metrics;
  }

  static HttpServerMetrics<?, ?, ?> around(HttpServerMetrics<?, ?, ?> metrics) {
    return metrics == null ? null : new UnmeasuredConnections(metrics);
  }

  @Override
  public Object requestBegin(Object socketMetric, HttpRequest request) {
    return socketMetric == null ? null : metrics.requestBegin(socketMetric, request);
  }

  @Override
  public void requestEnd(Object requestMetric, HttpRequest request, long bytesRead) {
    if (requestMetric != null) {
      metrics.requestEnd(requestMetric, request, bytesRead);
    }
  }

  @Override
  public void requestReset(Object requestMetric) {
    if (requestMetric != null) {
      metrics.requestReset(requestMetric);
    }
  }

  @Override
  public void responseBegin(Object requestMetric, HttpResponse response) {
    if (requestMetric != null) {
      metrics.responseBegin(requestMetric, response);
    }
  }

  @Override
  public Object responsePushed(Object socketMetric, HttpMethod method, String uri, HttpResponse response) {
    return socketMetric == null ? null : metrics.responsePushed(socketMetric, method, uri, response);
  }

  @Override
  public void responseEnd(Object requestMetric, HttpResponse response, long bytesWritten) {
    if (requestMetric != null) {
      metrics.responseEnd(requestMetric, response, bytesWritten);
    }
  }

  @Override
  public Object connected(Object socketMetric, Object requestMetric, ServerWebSocket serverWebSocket) {
    return socketMetric == null ? null : metrics.connected(socketMetric, requestMetric, serverWebSocket);
  }

  @Override
  public void disconnected(Object webSocketMetric) {
    if (webSocketMetric != null) {
      metrics.disconnected(webSocketMetric);
    }
  }

  @Override
  public void requestRouted(Object requestMetric, String route) {
    if (requestMetric != null) {
      metrics.requestRouted(requestMetric, route);
    }
  }

  @Override
  public Object connected(SocketAddress remoteAddress, String remoteName) {
    return metrics.connected(remoteAddress, remoteName);
  }

  @Override
  public void disconnected(Object socketMetric, SocketAddress remoteAddress) {
    if (socketMetric != null) {
      metrics.disconnected(socketMetric, remoteAddress);
    }
  }

  @Override
  public void bytesRead(Object socketMetric, SocketAddress remoteAddress, long numberOfBytes) {
    if (socketMetric != null) {
      metrics.bytesRead(socketMetric, remoteAddress, numberOfBytes);
    }
  }

  @Override
  public void bytesWritten(Object socketMetric, SocketAddress remoteAddress, long numberOfBytes) {
    if (socketMetric != null) {
      metrics.bytesWritten(socketMetric, remoteAddress, numberOfBytes);
    }
  }

  @Override
  public void exceptionOccurred(Object socketMetric, SocketAddress remoteAddress, Throwable t) {
    if (socketMetric != null) {
      metrics.exceptionOccurred(socketMetric, remoteAddress, t);
    }
  }

  @Override
  public void close() {
    metrics.close();
  }
}
