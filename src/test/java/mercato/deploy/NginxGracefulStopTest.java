package mercato.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import mercato.testing.Await;
import mercato.testing.Services;
import mercato.testing.TestNode;
import org.junit.jupiter.api.Test;

/** A node's graceful stop behind nginx, under a steady stream of requests, loses none (its own nodes and nginx: it stops one). */
class NginxGracefulStopTest extends NginxFront {
  @Test
  void aGracefulStopOfOneNodeLosesNoRequestThroughNginx() throws Exception {
    TestNode leaving = nodes.get(0);
    double leavingBefore = answered(leaving);
    java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nginxPort + "/ping/wide"))
        .timeout(Duration.ofSeconds(30)).GET().build();
    AtomicBoolean streaming = new AtomicBoolean(true);
    AtomicInteger sent = new AtomicInteger();
    Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    ExecutorService senders = Executors.newFixedThreadPool(4);
    try {
      for (int t = 0; t < 4; t++) {
        senders.submit(() -> {
          while (streaming.get()) {
            sent.incrementAndGet();
            String outcome;
            try {
              outcome = String.valueOf(client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode());
            } catch (IOException e) {
              outcome = e.getClass().getSimpleName() + ": " + e.getMessage();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
            }
            outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
          }
        });
      }
      Await.until("the leaving node answers part of the stream", Duration.ofSeconds(15),
          () -> answered(leaving) - leavingBefore >= 20);
      int beforeStop = sent.get();
      Future<Void> stopped = leaving.stop();
      Await.result(stopped, Duration.ofSeconds(30));
      int atStop = sent.get();
      Await.until("200 more requests after the stop", Duration.ofSeconds(20), () -> sent.get() >= atStop + 200);
      streaming.set(false);
      senders.shutdown();
      assertThat(senders.awaitTermination(40, TimeUnit.SECONDS)).as("the senders finished").isTrue();
      Map<String, Integer> seen = new java.util.TreeMap<>();
      outcomes.forEach((k, v) -> seen.put(k, v.get()));
      assertThat(seen).as("outcomes of %d requests, %d of them sent while the node stopped", sent.get(), atStop - beforeStop)
          .containsOnlyKeys("200");
      assertThat(seen.get("200")).isEqualTo(sent.get());
      assertThat(Services.open(leaving.node.httpPort())).as("the stopped node's port").isFalse();
    } finally {
      streaming.set(false);
      senders.shutdownNow();
    }
  }
}
