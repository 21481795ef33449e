package mercato.analytics;

import io.vertx.core.json.JsonObject;
import mercato.analytics.api.TrafficKeys;
import mercato.platform.config.ConfigReader;
import mercato.platform.config.TrafficConfig;

/**
 * The {@code analytics:} section, read and validated when the analytics verticle starts,
 * with the traffic counters' keys from the shared {@code traffic:} section.
 */
record AnalyticsConfig(int maxRangeDays, int maxHourRangeDays, int maxMinuteRangeDays, int defaultLimit, int maxLimit,
    TrafficKeys traffic) {

  static AnalyticsConfig read(JsonObject section, TrafficConfig traffic) {
    ConfigReader analytics = new ConfigReader(section, "analytics");
    int maxLimit = analytics.integer("maxLimit", 1, 1000);
    return new AnalyticsConfig(
        analytics.integer("maxRangeDays", 1, 3660),
        analytics.integer("maxHourRangeDays", 1, 366),
        analytics.integer("maxMinuteRangeDays", 1, 14),
        analytics.integer("defaultLimit", 1, maxLimit),
        maxLimit,
        TrafficKeys.of(traffic));
  }
}
