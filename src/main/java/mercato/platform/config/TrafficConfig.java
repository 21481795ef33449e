package mercato.platform.config;

/**
 * The {@code traffic:} section: where the traffic counters live in Redis and how long they
 * are kept. The edge writes them ({@code http.traffic} says whether and how often) and
 * analytics reports from them, so both read this one section.
 *
 * @param keyPrefix      the prefix of every counter key (tests give each node its own)
 * @param minuteTtlHours how long per-minute keys live
 * @param hourTtlDays    how long per-hour keys live
 * @param dayTtlDays     how long per-day keys live
 */
public record TrafficConfig(String keyPrefix, int minuteTtlHours, int hourTtlDays, int dayTtlDays) {
  static TrafficConfig read(ConfigReader traffic) {
    return new TrafficConfig(
        traffic.string("keyPrefix"),
        traffic.integer("minuteTtlHours", 1, 24 * 14),
        traffic.integer("hourTtlDays", 1, 366),
        traffic.integer("dayTtlDays", 1, 3660));
  }
}
