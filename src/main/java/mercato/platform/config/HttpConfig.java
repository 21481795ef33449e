package mercato.platform.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code http:} section: the edge's listener, limits, CORS, rate limits, the actions
 * that need a verified email, how it counts traffic, and the management listener.
 */
public record HttpConfig(
    String host,
    int port,
    int instances,
    int bodyLimit,
    int maxHeaderSize,
    long busTimeoutMs,
    int maxPageSize,
    long shutdownTimeoutMs,
    String contract,
    List<String> corsOrigins,
    int corsMaxAgeSeconds,
    Map<String, RateLimit> rateLimits,
    boolean trustForwardedFor,
    TrustedProxies trustedProxies,
    Set<String> requireVerifiedEmailFor,
    Traffic traffic,
    Management management) {

  /** The operator's listener ({@code http.management}): {@code /metrics} and the health checks. */
  public record Management(String host, int port) {}

  /**
   * How each edge instance counts traffic ({@code http.traffic}) into the counters of the
   * {@code traffic:} section: whether at all, how often it writes them, and how many distinct
   * visitors and viewed products it remembers between writes (more are not counted).
   */
  public record Traffic(boolean enabled, long flushMs, int maxVisitorsPerFlush, int maxProductsPerFlush) {
    static Traffic read(ConfigReader traffic) {
      return new Traffic(
          traffic.bool("enabled"),
          traffic.number("flushMs", 100, 60_000),
          traffic.integer("maxVisitorsPerFlush", 1, 1_000_000),
          traffic.integer("maxProductsPerFlush", 1, 1_000_000));
    }
  }

  /**
   * A token bucket: {@code capacity} requests at once, refilled at {@code refillPerSecond}.
   * {@code closedWhenRedisDown}: while the buckets cannot be read the group's routes answer
   * 503 (closed) instead of being let through unlimited (open).
   */
  public record RateLimit(int capacity, int refillPerSecond, boolean closedWhenRedisDown) {}

  public static HttpConfig read(ConfigReader http) {
    ConfigReader cors = http.section("cors");
    ConfigReader limits = http.section("rateLimits");
    if (!limits.has("default")) {
      throw new ConfigException(limits.key("default"), "is missing");
    }
    boolean defaultClosed = whenRedisDown(limits.section("default"), null);
    Map<String, RateLimit> rateLimits = new LinkedHashMap<>();
    for (String group : limits.raw().fieldNames()) {
      ConfigReader bucket = limits.section(group);
      rateLimits.put(group, new RateLimit(bucket.integer("capacity", 1, 1_000_000),
          bucket.integer("refillPerSecond", 1, 1_000_000), whenRedisDown(bucket, defaultClosed)));
    }
    int instances = http.integer("instances", 0, 256);
    return new HttpConfig(
        http.string("host"),
        http.port("port", true),
        instances == 0 ? Runtime.getRuntime().availableProcessors() : instances,
        http.integer("bodyLimit", 1024, 1 << 30),
        http.integer("maxHeaderSize", 1024, 1 << 20),
        http.number("busTimeoutMs", 100, 600_000),
        http.integer("maxPageSize", 1, mercato.platform.bus.Pages.CEILING),
        http.number("shutdownTimeoutMs", 0, 600_000),
        http.string("contract"),
        cors.strings("origins"),
        cors.integer("maxAgeSeconds", 0, 86_400),
        Map.copyOf(rateLimits),
        http.bool("trustForwardedFor"),
        TrustedProxies.parse(http.key("trustedProxies"), http.strings("trustedProxies")),
        Set.copyOf(http.strings("requireVerifiedEmailFor")),
        Traffic.read(http.section("traffic")),
        new Management(http.section("management").string("host"), http.section("management").port("port", true)));
  }

  /** {@code whenRedisDown: open | closed}; a group that does not say follows the default group. */
  private static boolean whenRedisDown(ConfigReader bucket, Boolean inherited) {
    if (inherited != null && !bucket.has("whenRedisDown")) {
      return inherited;
    }
    String policy = bucket.string("whenRedisDown");
    return switch (policy) {
      case "open" -> false;
      case "closed" -> true;
      default -> throw new ConfigException(bucket.key("whenRedisDown"), "must be open or closed, not '" + policy + "'");
    };
  }

  public RateLimit rateLimit(String group) {
    return rateLimits.getOrDefault(group, rateLimits.get("default"));
  }
}
