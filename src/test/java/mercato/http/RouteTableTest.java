package mercato.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import mercato.DomainsAccess;
import mercato.http.RouteTable.Mount;
import mercato.platform.route.Route;
import mercato.testing.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The route table of every Mercato domain, mounted in a real Vert.x router the way the
 * edge mounts it: each canonical path and alias is reached by its own request (no route
 * shadows another), and every alias leads to its canonical route's bus address.
 */
class RouteTableTest {
  static Vertx vertx;
  static HttpServer server;
  static WebClient client;
  static RouteTable table;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    table = new RouteTable(DomainsAccess.routes());
    Router router = Router.router(vertx);
    for (Mount mount : table.mounts()) {
      router.route(HttpMethod.valueOf(mount.alias().method()), mount.vertxPath())
          .handler(ctx -> ctx.response().end(mount.route().address() + " " + mount.key()));
    }
    server = Await.result(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    client = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() {
    vertx.close();
  }

  @Test
  void everyPathReachesItsOwnRouteAndAliasesShareTheAddress() {
    for (Mount mount : table.mounts()) {
      String path = mount.alias().path().replaceAll("\\{[^}]+}", "p0123");
      String answer = Await.result(client.request(HttpMethod.valueOf(mount.alias().method()), server.actualPort(),
          "127.0.0.1", path).send()).bodyAsString();
      assertThat(answer).as(mount.key()).isEqualTo(mount.route().address() + " " + mount.key());
    }
  }

  @Test
  void everyRouteHasAnOperationAndAnAddressOfItsDomain() {
    Set<String> operations = new HashSet<>();
    for (Route route : table.routes()) {
      assertThat(route.operationId()).as(route.path()).isNotBlank();
      assertThat(operations.add(route.operationId())).as("operation " + route.operationId() + " used twice").isTrue();
      assertThat(route.address()).as(route.path()).matches("mercato\\.[a-z]+\\.[a-z]+(-[a-z]+)*");
    }
  }

  @Test
  void literalSegmentsWinOverParameters() {
    List<String> order = table.mounts().stream().map(Mount::key).toList();
    assertThat(order.indexOf("GET /profile/me")).isLessThan(order.indexOf("GET /profile/{}"));
  }
}
