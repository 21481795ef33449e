package mercato.order;

import io.vertx.core.json.JsonObject;
import mercato.platform.config.ConfigReader;

/** The {@code order:} section, read and validated when the order verticle starts. */
record OrderConfig(int maxLines, int maxQuantity, int maxBatch, int reservationTtlSeconds, long peerTimeoutMs,
    long idempotencyWaitMs, long idempotencyLeaseMs, int idempotencyRetentionHours, long sweepMs) {
  static OrderConfig read(JsonObject section) {
    ConfigReader order = new ConfigReader(section, "order");
    return new OrderConfig(
        order.integer("maxLines", 1, 100),
        order.integer("maxQuantity", 1, 1_000_000),
        order.integer("maxBatch", 1, 50),
        order.integer("reservationTtlSeconds", 10, 86_400),
        order.number("peerTimeoutMs", 100, 120_000),
        order.number("idempotencyWaitMs", 100, 120_000),
        order.number("idempotencyLeaseMs", 1_000, 3_600_000),
        // Keys are kept at least a day: a client retrying after a night still gets its answer.
        order.integer("idempotencyRetentionHours", 24, 24 * 90),
        order.number("sweepMs", 10, 86_400_000));
  }
}
