package mercato.notification;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.ThreadLocalRandom;
import mercato.platform.config.ConfigException;
import mercato.platform.config.ConfigReader;

/**
 * The {@code notification:} section, read and validated when the verticle starts (a bad
 * value fails the start with the key's full name).
 *
 * @param allowPrivateNetworks webhook targets may be loopback, private, link-local... and plain http
 * @param timeoutMs            one webhook attempt's budget, connect to last byte
 * @param maxAttempts          attempts before a webhook delivery is failed
 * @param backoffBaseMs        the delay after the first failed attempt, doubled each time
 * @param backoffMaxMs         the longest delay between attempts
 * @param sweepMs              how often the webhook worker looks for due deliveries
 * @param disableAfterFailures an endpoint whose deliveries failed for good this many times in a row is disabled
 * @param endpointsRefreshMs   the longest the fan-out uses its copy of the enabled endpoints when no change was heard
 */
record NotificationConfig(
    boolean allowPrivateNetworks,
    int timeoutMs,
    int maxAttempts,
    long backoffBaseMs,
    long backoffMaxMs,
    long sweepMs,
    int disableAfterFailures,
    long endpointsRefreshMs) {

  static NotificationConfig read(JsonObject section) {
    ConfigReader notification = new ConfigReader(section, "notification");
    ConfigReader webhooks = notification.section("webhooks");
    boolean allowPrivate = webhooks.bool("allowPrivateNetworks");
    int timeoutMs = webhooks.integer("timeoutMs", 100, 120_000);
    int maxAttempts = webhooks.integer("maxAttempts", 1, 100);
    long backoffBaseMs = webhooks.number("backoffBaseMs", 1, 86_400_000);
    long backoffMaxMs = webhooks.number("backoffMaxMs", 1, 86_400_000);
    if (backoffMaxMs < backoffBaseMs) {
      throw new ConfigException(webhooks.key("backoffMaxMs"),
          "must be at least " + webhooks.key("backoffBaseMs") + " (" + backoffBaseMs + "), got " + backoffMaxMs);
    }
    long sweepMs = notification.number("sweepMs", 10, 3_600_000);
    int disableAfter = webhooks.integer("disableAfterFailures", 1, 100_000);
    long refreshMs = webhooks.number("endpointsRefreshMs", 0, 600_000);
    return new NotificationConfig(allowPrivate, timeoutMs, maxAttempts, backoffBaseMs, backoffMaxMs, sweepMs,
        disableAfter, refreshMs);
  }

  /** The longest delay after failed attempt number {@code attempt} (1-based): base * 2^(attempt-1), capped. */
  long backoffCeilingMs(int attempt) {
    int doublings = Math.min(Math.max(attempt - 1, 0), 40);
    double delay = backoffBaseMs * Math.pow(2, doublings);
    return (long) Math.min(delay, backoffMaxMs);
  }

  /**
   * The delay before the next attempt: between half the ceiling and the ceiling, so many
   * endpoints failing together (one receiver down) do not retry in lockstep.
   */
  long backoffMs(int attempt) {
    long ceiling = backoffCeilingMs(attempt);
    long half = ceiling / 2;
    return half + ThreadLocalRandom.current().nextLong(ceiling - half + 1);
  }

  /**
   * How long a claimed delivery stays claimed: name resolution, the attempt itself and
   * recording the result all fit well inside it, so a live worker never loses its claim,
   * while a crashed one's deliveries come back soon after.
   */
  long leaseMs() {
    return 3L * timeoutMs + 30_000;
  }
}
