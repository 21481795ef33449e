package mercato.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import mercato.platform.metrics.NodeMetrics;
import mercato.testing.PingDomain;
import mercato.testing.Scrape;
import mercato.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The request latencies on /metrics are Prometheus histograms with the shared buckets, per
 * route template (never the raw path), so histogram_quantile gives p95/p99; the domain's
 * side of each bus operation has its own; no other timer publishes buckets.
 */
class RequestMetricsTest {
  static final String HTTP = "vertx_http_server_response_time_seconds";
  static final String OPERATION = "mercato_operation_duration_seconds";
  static TestNode app;

  @BeforeAll
  static void start() {
    app = TestNode.of(PingDomain.domain()).start();
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  /** The bucket bounds (seconds) of the samples, in order, +Inf last. */
  private static List<Double> bounds(List<Scrape.Sample> buckets) {
    return buckets.stream().map(b -> b.labels().get("le"))
        .map(le -> le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le)).sorted().toList();
  }

  private static List<Double> expectedBounds() {
    List<Double> bounds = new java.util.ArrayList<>(Arrays.stream(NodeMetrics.LATENCY_BUCKETS)
        .map(d -> d.toNanos() / 1e9).toList());
    bounds.add(Double.POSITIVE_INFINITY);
    return bounds;
  }

  @Test
  void httpRequestsHaveLatencyBucketsPerRouteTemplate() {
    String item = UUID.randomUUID().toString();
    for (int i = 0; i < 3; i++) {
      assertThat(app.http().get("/ping/items/" + item).statusCode()).isEqualTo(200);
    }
    assertThat(app.http().get("/item/" + item).statusCode()).isEqualTo(200);
    assertThat(app.http().get("/ping/delay?ms=300").statusCode()).isEqualTo(200);

    Scrape scrape = Scrape.of(app);
    String[] items = {"route", "/ping/items/:item_id", "method", "GET", "code", "200"};
    List<Scrape.Sample> buckets = scrape.samples(HTTP + "_bucket", items);
    assertThat(bounds(buckets)).containsExactlyElementsOf(expectedBounds());
    assertThat(scrape.value(HTTP + "_bucket", concat(items, "le", "+Inf"))).isEqualTo(3);
    assertThat(scrape.value(HTTP + "_count", items)).isEqualTo(3);
    assertThat(scrape.value(HTTP + "_count", "route", "/item/:item_id", "code", "200")).isEqualTo(1);
    assertThat(scrape.text()).as("no raw path is a label").doesNotContain(item);

    // A 300 ms answer is above the 250 ms bound and inside the 10 s one: the buckets are real.
    String[] delay = {"route", "/ping/delay", "method", "GET", "code", "200"};
    assertThat(scrape.value(HTTP + "_bucket", concat(delay, "le", "0.25"))).isEqualTo(0);
    assertThat(scrape.value(HTTP + "_bucket", concat(delay, "le", "10.0"))).isEqualTo(1);
    assertThat(scrape.value(HTTP + "_sum", delay)).isGreaterThanOrEqualTo(0.3);
  }

  @Test
  void busOperationsHaveTheirOwnLatencyBucketsPerAddressAndOutcome() {
    double before = Scrape.of(app).sum(OPERATION + "_count", "address", "mercato.ping.delay", "outcome", "ok");
    assertThat(app.http().get("/ping/delay?ms=300").statusCode()).isEqualTo(200);
    Scrape scrape = Scrape.of(app);
    String[] delay = {"address", "mercato.ping.delay", "outcome", "ok"};
    assertThat(scrape.value(OPERATION + "_count", delay)).isEqualTo(before + 1);
    assertThat(bounds(scrape.samples(OPERATION + "_bucket", delay))).containsExactlyElementsOf(expectedBounds());
    assertThat(scrape.value(OPERATION + "_bucket", concat(delay, "le", "0.25"))).isEqualTo(0);
    assertThat(scrape.value(OPERATION + "_bucket", concat(delay, "le", "+Inf"))).isEqualTo(before + 1);
  }

  @Test
  void onlyTheTwoLatenciesPublishBuckets() {
    app.http().get("/ping/items/" + UUID.randomUUID());
    assertThat(Scrape.of(app).names().stream().filter(name -> name.endsWith("_bucket")))
        .containsExactlyInAnyOrder(HTTP + "_bucket", OPERATION + "_bucket");
  }

  private static String[] concat(String[] pairs, String... more) {
    String[] all = Arrays.copyOf(pairs, pairs.length + more.length);
    System.arraycopy(more, 0, all, pairs.length, more.length);
    return all;
  }
}
