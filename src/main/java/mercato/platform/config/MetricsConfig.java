package mercato.platform.config;

/**
 * The {@code metrics:} section: how often the gauges that come from the database (outbox
 * backlog, dead deliveries, mail queue, active reservations) are read. Each read is one
 * cheap query per table on a timer; a scrape only returns the values last read.
 *
 * @param refreshMs how often those gauges are read
 */
public record MetricsConfig(long refreshMs) {
  static MetricsConfig read(ConfigReader metrics) {
    return new MetricsConfig(metrics.number("refreshMs", 100, 3_600_000));
  }
}
