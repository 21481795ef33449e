package mercato.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import mercato.platform.bus.Problem;
import mercato.platform.bus.ProblemType;

/**
 * The edge's own routes: liveness and readiness, the OpenAPI contract and its
 * human-readable rendering (Swagger UI served from the jar, nothing fetched, never framed)
 * on the public port, with the pages problem types name ({@link ProblemPages}); Prometheus
 * metrics, with the health checks again, on the management
 * port only ({@link ManagementServer}), since they describe the internals.
 */
final class OperationsRoutes {
  private static final String SWAGGER = "META-INF/resources/webjars/swagger-ui/";

  private OperationsRoutes() {}

  static void mount(Router router, Edge edge) {
    health(router, edge);
    Buffer contract = Buffer.buffer(edge.contractYaml());
    router.get("/openapi.yaml").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/yaml; charset=utf-8").end(contract));
    Buffer page = Buffer.buffer(read("docs/index.html"));
    router.get("/docs").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Content-Security-Policy", "frame-ancestors 'none'")
        .end(page));
    router.get("/docs/assets/*").handler(StaticHandler.create(SWAGGER + swaggerVersion()).setCachingEnabled(true));
    ProblemPages.mount(router);
  }

  /** The management port's routes: the metrics and the same health checks (for probes kept off the public port). */
  static void mountManagement(Router router, Edge edge) {
    health(router, edge);
    router.get("/metrics").handler(PrometheusScrapingHandler.create(edge.metricsRegistry()));
  }

  private static void health(Router router, Edge edge) {
    router.get("/health/live").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "UP")));
    router.get("/health/ready").handler(ctx -> edge.readiness().check().onSuccess(result -> {
      if ("UP".equals(result.getString("status"))) {
        json(ctx, 200, result);
      } else {
        Problem down = new Problem(ProblemType.UNAVAILABLE,
            String.join(", ", result.getJsonArray("down").stream().map(String::valueOf).toList()) + " down",
            null, new JsonObject().put("checks", result.getJsonObject("checks")));
        ProblemResponses.write(ctx, down);
      }
    }).onFailure(ctx::fail));
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }

  /** A classpath resource, or a file when no resource has that name. */
  static byte[] read(String name) {
    try (InputStream in = OperationsRoutes.class.getClassLoader().getResourceAsStream(name)) {
      if (in != null) {
        return in.readAllBytes();
      }
      return Files.readAllBytes(Path.of(name));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }

  private static String swaggerVersion() {
    Properties properties = new Properties();
    try (InputStream in = OperationsRoutes.class.getClassLoader()
        .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
      if (in == null) {
        throw new IllegalStateException("the swagger-ui webjar is missing from the classpath");
      }
      properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version");
  }
}
