package mercato.platform.config;

/** The {@code events:} section: how the outbox relay claims, delivers and retries events. */
public record EventsConfig(
    int batchSize, long sweepMs, long leaseMs, long deliveryTimeoutMs, int maxAttempts,
    long backoffBaseMs, long backoffMaxMs, int retentionHours) {

  public static EventsConfig read(ConfigReader events) {
    EventsConfig config = new EventsConfig(
        events.integer("batchSize", 1, 10_000),
        events.number("sweepMs", 10, 3_600_000),
        events.number("leaseMs", 100, 3_600_000),
        events.number("deliveryTimeoutMs", 100, 3_600_000),
        events.integer("maxAttempts", 1, 1000),
        events.number("backoffBaseMs", 1, 3_600_000),
        events.number("backoffMaxMs", 1, 86_400_000),
        events.integer("retentionHours", 1, 24 * 365));
    if (config.leaseMs <= config.deliveryTimeoutMs) {
      throw new ConfigException(events.key("leaseMs"), "must be longer than events.deliveryTimeoutMs");
    }
    return config;
  }

  /** Exponential backoff after {@code attempts} failures, capped. */
  public long backoffMs(int attempts) {
    long delay = backoffBaseMs << Math.min(Math.max(attempts - 1, 0), 30);
    return Math.min(delay < 0 ? backoffMaxMs : delay, backoffMaxMs);
  }
}
