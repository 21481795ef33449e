package mercato;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import mercato.testing.Await;
import mercato.testing.PingDomain;
import mercato.testing.Services;
import mercato.testing.TestNode;
import org.junit.jupiter.api.Test;

/** Stopping a node lets the request in flight finish, then refuses new connections. */
class GracefulStopTest {
  @Test
  void inFlightRequestsFinishAndNewOnesAreRefused() throws Exception {
    try (TestNode app = TestNode.of(PingDomain.domain()).start()) {
      int port = app.node.httpPort();
      Vertx client = Vertx.vertx();
      try {
        WebClient web = WebClient.create(client);
        int started = PingDomain.DELAYS_STARTED.get();
        Future<HttpResponse<Buffer>> inFlight = web.get(port, Services.HOST, "/ping/delay?ms=800").send();
        Await.until("the request is in flight", Duration.ofSeconds(30), () -> PingDomain.DELAYS_STARTED.get() > started);
        Future<Void> stopped = app.stop();
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
