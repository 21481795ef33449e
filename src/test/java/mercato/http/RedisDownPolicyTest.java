package mercato.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.UUID;
import mercato.testing.HttpClient;
import mercato.testing.PingDomain;
import mercato.testing.Services;
import mercato.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The edge with its Redis unreachable (a closed port; the shared Redis is never stopped):
 * groups that fail open keep serving, groups that fail closed answer 503 fast.
 */
class RedisDownPolicyTest {
  static TestNode app;
  static HttpClient http;

  @BeforeAll
  static void start() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(Services.HOST))) {
      closed = socket.getLocalPort();
    }
    app = TestNode.of(PingDomain.domain()).withKeys().requiring("postgres")
        .set("redis.uri", "redis://" + Services.HOST + ":" + closed + "/0")
        .yaml("http:\n  rateLimits:\n    tight: { capacity: 3, refillPerSecond: 1, whenRedisDown: closed }\n")
        .start();
    http = app.api.http();
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void openGroupsServeWithoutLimitsAndAcceptedTokensStillWork() {
    for (int i = 0; i < 5; i++) {
      assertThat(http.get("/ping/items/" + UUID.randomUUID()).statusCode()).as("request %d", i).isEqualTo(200);
    }
    String token = app.tokens.issue(UUID.randomUUID().toString(), "customer", List.of());
    assertThat(http.get("/ping/me", token).statusCode()).isEqualTo(200);
  }

  @Test
  void closedGroupsAnswer503() {
    HttpResponse<Buffer> refused = http.get("/ping/limited");
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(refused.bodyAsJsonObject().getString("type")).isEqualTo("/problems/unavailable");
  }

  @Test
  void readinessReportsRedisDown() {
    HttpResponse<Buffer> ready = http.get("/health/ready");
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(ready.bodyAsString()).contains("redis");
  }
}
