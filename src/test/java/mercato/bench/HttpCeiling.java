package mercato.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * The C-http ceiling for benchmarks: the least a Vert.x HTTP server can do (a fixed JSON
 * body), with as many instances as Mercato's edge, so a ratio to it says what Mercato's
 * own work costs. {@code java -cp ... mercato.bench.HttpCeiling PORT INSTANCES}
 */
public final class HttpCeiling extends VerticleBase {
  private static final Buffer BODY = Buffer.buffer("{\"status\":\"UP\"}");
  private final int port;

  HttpCeiling(int port) {
    this.port = port;
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer()
        .requestHandler(request -> request.response().putHeader("Content-Type", "application/json").end(BODY))
        .listen(port, "127.0.0.1");
  }

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    int instances = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
    Vertx vertx = Vertx.vertx();
    vertx.deployVerticle(() -> new HttpCeiling(port), new DeploymentOptions().setInstances(instances))
        .onFailure(e -> {
          e.printStackTrace();
          vertx.close();
        });
  }
}
