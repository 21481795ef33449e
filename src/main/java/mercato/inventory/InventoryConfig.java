package mercato.inventory;

import io.vertx.core.json.JsonObject;
import mercato.platform.config.ConfigReader;

/** The {@code inventory:} section, read and validated when the inventory verticle starts. */
record InventoryConfig(int reservationTtlSeconds, long sweepMs, String inboundTopic, String inboundGroup,
    boolean inboundEnabled, long peerTimeoutMs) {
  static final int MAX_TTL_SECONDS = 7 * 24 * 3600;

  static InventoryConfig read(JsonObject section) {
    ConfigReader inventory = new ConfigReader(section, "inventory");
    return new InventoryConfig(
        inventory.integer("reservationTtlSeconds", 1, MAX_TTL_SECONDS),
        inventory.number("sweepMs", 10, 3_600_000),
        inventory.string("inboundTopic"),
        inventory.string("inboundGroup"),
        inventory.bool("inboundEnabled"),
        inventory.number("peerTimeoutMs", 100, 60_000));
  }
}
