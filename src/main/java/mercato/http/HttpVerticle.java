package mercato.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import mercato.http.RouteTable.Mount;
import mercato.payment.api.StorefrontSources;
import mercato.platform.config.HttpConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP edge (one instance per core): request ids, security headers, CORS, body limits, the route table
 * mounted once over the generic bus forwarder (each route's traffic counted), the operations
 * routes, the web client's files and pages ({@link WebAssets}), and the problem handler. On undeploy it stops accepting and lets in-flight requests finish (bounded).
 */
public final class HttpVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);

  private final Edge edge;
  private final StorefrontSources payments;
  private HttpServer server;
  private TrafficCounters traffic;

  /** {@code payments}: the payment origins the storefront's pages allow (Stripe.js, when Stripe is on). */
  public HttpVerticle(Edge edge, StorefrontSources payments) {
    this.edge = edge;
    this.payments = payments;
  }

  @Override
  public Future<?> start() {
    HttpConfig http = edge.http();
    Router router = Router.router(vertx);
    router.route().handler(RequestIds::handle);
    router.route().handler(SecurityHeaders::handle);
    CorsHandler cors = CorsHandler.create()
        .addOrigins(http.corsOrigins())
        .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.PATCH))
        .allowedHeaders(Set.of("Authorization", "Content-Type", "Idempotency-Key", "X-Request-Id", "X-Cart-Token"))
        .exposedHeaders(Set.of("X-Request-Id", "Retry-After", "Location", "X-Cart-Token"))
        .maxAgeSeconds(http.corsMaxAgeSeconds());
    // The web client this edge serves is same-origin: its module scripts and its API calls
    // carry an Origin equal to this server's own, which is no cross-origin request at all.
    router.route().handler(ctx -> {
      if (WebAssets.sameOrigin(ctx.request())) {
        ctx.next();
      } else {
        cors.handle(ctx);
      }
    });
    OperationsRoutes.mount(router, edge);
    LiveNotifications.mount(vertx, router, edge);
    PermissionCatalogue.mount(router, edge);
    WebAssets web = WebAssets.mount(vertx, router, payments);

    BodyHandler body = BodyHandler.create(false).setBodyLimit(http.bodyLimit());
    BusForwarder forwarder = new BusForwarder(vertx, edge);
    traffic = new TrafficCounters(vertx, edge);
    for (Mount mount : edge.routes().mounts()) {
      router.route(HttpMethod.valueOf(mount.alias().method()), mount.vertxPath())
          .handler(traffic.counting(mount.route()))
          .handler(body)
          .handler(ctx -> forwarder.handle(ctx, mount));
    }
    traffic.start();
    AllowedMethods allowed = new AllowedMethods(router);
    web.mountFallback(router, allowed);
    router.route().failureHandler(ProblemResponses::handle);
    for (int status : new int[] {400, 404, 413, 415, 500}) {
      router.errorHandler(status, ProblemResponses::handle);
    }
    router.errorHandler(405, ctx -> {
      ctx.put(ProblemResponses.ALLOW, allowed.on(ctx.request().path()));
      ProblemResponses.handle(ctx);
    });

    HttpServerOptions options = new HttpServerOptions()
        .setHost(http.host())
        .setPort(http.port())
        .setMaxHeaderSize(http.maxHeaderSize())
        .setCompressionSupported(true)
        .setIdleTimeout(60);
    server = vertx.createHttpServer(options).requestHandler(router);
    return server.listen().onSuccess(s -> LOG.debug("edge instance listening on {}:{}", http.host(), s.actualPort()));
  }

  @Override
  public Future<?> stop() {
    return server.shutdown(edge.http().shutdownTimeoutMs(), TimeUnit.MILLISECONDS)
        .eventually(() -> traffic.close());
  }

  /** The port actually bound (useful when the configuration says 0). */
  public int port() {
    return server.actualPort();
  }
}
