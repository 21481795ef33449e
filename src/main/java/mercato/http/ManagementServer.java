package mercato.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.tracing.TracingPolicy;
import io.vertx.ext.web.Router;
import mercato.platform.config.HttpConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's listener, one per node, apart from the public port: {@code /metrics}
 * (hundreds of kilobytes of internals: routes, bus addresses, pools, the JVM) and the
 * health checks. It binds to {@code http.management} (loopback by default), so only the
 * machine itself, or whatever the operator exposes it to, can scrape it.
 */
public final class ManagementServer extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ManagementServer.class);

  private final Edge edge;
  private HttpServer server;

  public ManagementServer(Edge edge) {
    this.edge = edge;
  }

  @Override
  public Future<?> start() {
    HttpConfig.Management management = edge.http().management();
    Router router = Router.router(vertx);
    router.route().handler(RequestIds::handle);
    router.route().handler(SecurityHeaders::handle);
    OperationsRoutes.mountManagement(router, edge);
    router.route().failureHandler(ProblemResponses::handle);
    for (int status : new int[] {404, 405, 500}) {
      router.errorHandler(status, ProblemResponses::handle);
    }
    server = vertx.createHttpServer(new HttpServerOptions()
            .setHost(management.host()).setPort(management.port()).setCompressionSupported(true)
            // Scrapes and probes are not requests anyone follows: no trace each time.
            .setTracingPolicy(TracingPolicy.IGNORE))
        .requestHandler(router);
    return server.listen()
        .onSuccess(s -> LOG.info("management listening on {}:{}", management.host(), s.actualPort()));
  }

  @Override
  public Future<?> stop() {
    return server.close();
  }

  /** The port actually bound (useful when the configuration says 0). */
  public int port() {
    return server.actualPort();
  }
}
