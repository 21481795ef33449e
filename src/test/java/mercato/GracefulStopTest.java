package mercato;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import mercato.testing.Await;
import mercato.testing.PingDomain;
import mercato.testing.Services;
import mercato.testing.TestConfig;
import mercato.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/** Stopping a node lets the request in flight finish, then refuses new connections. */
class GracefulStopTest {
  @Test
  void inFlightRequestsFinishAndNewOnesAreRefused() throws Exception {
    Services.require("postgres", "redis");
    try (TestDatabase db = TestDatabase.create()) {
      Node node = Await.result(Node.start(TestConfig.of(db, Map.of("roles", "http,ping", "kafka.enabled", "false")),
          List.of(PingDomain.domain())));
      int port = node.httpPort();
      Vertx client = Vertx.vertx();
      try {
        WebClient web = WebClient.create(client);
        int started = PingDomain.DELAYS_STARTED.get();
        Future<HttpResponse<Buffer>> inFlight = web.get(port, Services.HOST, "/ping/delay?ms=800").send();
        Await.until("the request is in flight", Duration.ofSeconds(30), () -> PingDomain.DELAYS_STARTED.get() > started);
        Future<Void> stopped = node.stop();
        HttpResponse<Buffer> response = Await.result(inFlight);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.bodyAsJsonObject().getBoolean("late")).isTrue();
        Await.result(stopped);
        assertThat(Services.open(port)).isFalse();
      } finally {
        client.close();
      }
    }
  }
}
