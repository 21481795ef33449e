package mercato.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import mercato.testing.Await;
import mercato.testing.Services;
import org.junit.jupiter.api.Test;

/** Through nginx in front of two nodes: requests reach both, nginx keeps the body limit, and X-Forwarded-For counts only from nginx. */
class NginxFrontTest extends NginxFront {
  @Test
  void requestsThroughNginxReachBothNodes() {
    double beforeA = answered(nodes.get(0));
    double beforeB = answered(nodes.get(1));
    for (int i = 0; i < 20; i++) {
      HttpResponse<Buffer> response = get(viaNginx(), "/ping/wide", MultiMap.caseInsensitiveMultiMap());
      assertThat(response.statusCode()).as("request %d through nginx", i).isEqualTo(200);
      assertThat(response.getHeader("X-Request-Id")).as("the id nginx made reaches the node and comes back").matches("[0-9a-f]{32}");
    }
    double a = answered(nodes.get(0)) - beforeA;
    double b = answered(nodes.get(1)) - beforeB;
    assertThat(a).as("requests node A's edge answered").isGreaterThan(0);
    assertThat(b).as("requests node B's edge answered").isGreaterThan(0);
    assertThat(a + b).as("every request reached one edge").isGreaterThanOrEqualTo(20);
    // A client's own request id passes through to the node and back.
    HttpResponse<Buffer> named = get(viaNginx(), "/ping/wide", MultiMap.caseInsensitiveMultiMap().add("X-Request-Id", "client-id-1"));
    assertThat(named.getHeader("X-Request-Id")).isEqualTo("client-id-1");
  }

  @Test
  void aBodyOverHttpBodyLimitIsRefusedByNginxAsTheNodeWould() {
    int limit = nodes.get(0).config.http().bodyLimit();
    WebClient client = WebClient.create(vertx);
    Buffer body = Buffer.buffer("{\"name\":\"" + "x".repeat(limit) + "\"}");
    HttpResponse<Buffer> refused = Await.result(client.post(nginxPort, Services.HOST, "/ping/echo")
        .putHeader("Content-Type", "application/json").sendBuffer(body));
    assertThat(refused.statusCode()).isEqualTo(413);
    assertThat(refused.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(refused.bodyAsJsonObject().getString("type")).isEqualTo("/problems/payload-too-large");
    assertThat(refused.bodyAsJsonObject().getString("requestId")).isEqualTo(refused.getHeader("X-Request-Id"));
    HttpResponse<Buffer> fits = Await.result(client.post(nginxPort, Services.HOST, "/ping/echo")
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{\"name\":\"" + "x".repeat(limit - 100) + "\"}")));
    // A body under the limit reaches the node, which reads it whole (and refuses the over-long field itself).
    assertThat(fits.statusCode()).as("a body under the limit: %s", fits.bodyAsString()).isNotEqualTo(413);
    assertThat(fits.getHeader("X-Content-Type-Options")).as("the node's own answer").isEqualTo("nosniff");
    assertThat(refused.getHeader("X-Content-Type-Options")).as("nginx's own answer").isNull();
  }

  @Test
  void forwardedForCountsFromNginxOnlyAsTheRateLimiterSees() {
    // Sent to a node directly, X-Forwarded-For is ignored: four requests naming four
    // addresses share the sender's one bucket of three (tight: capacity 3, 1 per second).
    Target direct = new Target(nodes.get(0).node.httpPort(), loopbackAddress());
    List<Integer> directStatuses = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      directStatuses.add(get(direct, "/ping/limited", MultiMap.caseInsensitiveMultiMap()
          .add("X-Forwarded-For", "203.0.113." + (10 + i))).statusCode());
    }
    assertThat(directStatuses).as("direct requests from %s with four forged X-Forwarded-For", direct.source())
        .containsExactly(200, 200, 200, 429);

    // Through nginx the nodes key on the address nginx saw: client a spends its bucket, and
    // client b right after still has all of its own, though both forge the same address
    // and both reach the nodes from nginx's one address.
    String forged = "198.51.100." + ThreadLocalRandom.current().nextInt(1, 250);
    MultiMap forging = MultiMap.caseInsensitiveMultiMap().add("X-Forwarded-For", forged);
    Target a = viaNginx(loopbackAddress());
    Target b = viaNginx(loopbackAddress());
    List<Integer> fromA = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      fromA.add(get(a, "/ping/limited", forging).statusCode());
    }
    List<Integer> fromB = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      fromB.add(get(b, "/ping/limited", forging).statusCode());
    }
    assertThat(fromA).as("client %s through nginx", a.source()).containsExactly(200, 200, 200, 429);
    assertThat(fromB).as("client %s through nginx, right after %s spent its bucket", b.source(), a.source())
        .containsExactly(200, 200, 200);
  }
}
