package mercato.platform.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.micrometer.backends.BackendRegistries;
import java.time.Duration;
import java.util.Set;

/**
 * The node's Micrometer registry, which every part of a node registers its meters in, and
 * the latency histograms it publishes. Each domain registers its own meters in its own
 * package (see docs/metrics.md for the list); this class only finds the registry and knows
 * the bucket layout every latency histogram shares.
 */
public final class NodeMetrics {
  /** The node writes its Micrometer registry's name here (a local map: one per Vert.x instance). */
  public static final String METRICS_MAP = "mercato.metrics";
  public static final String REGISTRY_KEY = "registry";

  /** Vert.x's HTTP server request duration ({@code vertx_http_server_response_time_seconds}). */
  public static final String HTTP_SERVER_DURATION = "vertx.http.server.response.time";
  /** A bus operation's handling time in its domain ({@code mercato_operation_duration_seconds}). */
  public static final String OPERATION_DURATION = "mercato.operation.duration";

  /**
   * The histogram buckets (upper bounds) of every latency: enough resolution for p95/p99
   * with histogram_quantile from 5 ms to 10 s, and few enough that a route with a method and
   * a status code costs 14 series (11 buckets, +Inf, count, sum).
   */
  public static final Duration[] LATENCY_BUCKETS = {
      Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
      Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
      Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

  private NodeMetrics() {}

  /**
   * A Prometheus registry whose latency timers ({@link #HTTP_SERVER_DURATION},
   * {@link #OPERATION_DURATION}) publish {@link #LATENCY_BUCKETS} as {@code _bucket} series.
   * Every other timer and distribution keeps Vert.x's default (count, sum and max only), so
   * pools, clients and byte sizes add no buckets.
   */
  public static PrometheusMeterRegistry prometheus() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(latencyHistograms(Set.of(HTTP_SERVER_DURATION, OPERATION_DURATION)));
    return registry;
  }

  /** Explicit buckets (no percentile histogram, no client-side percentiles) for the timers named. */
  static MeterFilter latencyHistograms(Set<String> names) {
    DistributionStatisticConfig buckets = DistributionStatisticConfig.builder()
        .percentilesHistogram(false)
        .serviceLevelObjectives(java.util.Arrays.stream(LATENCY_BUCKETS).mapToDouble(d -> d.toNanos()).toArray())
        .build();
    return new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        return names.contains(id.getName()) ? buckets.merge(config) : config;
      }
    };
  }

  /**
   * The registry of the node {@code vertx} belongs to; when metrics are off (a bare Vert.x in a
   * unit test), an empty composite whose meters record nothing, so callers need no null checks.
   */
  public static MeterRegistry registry(Vertx vertx) {
    Object name = vertx.sharedData().getLocalMap(METRICS_MAP).get(REGISTRY_KEY);
    MeterRegistry registry = name == null ? null : BackendRegistries.getNow(name.toString());
    return registry != null ? registry : new CompositeMeterRegistry();
  }
}
