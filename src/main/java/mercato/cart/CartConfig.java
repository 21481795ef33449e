package mercato.cart;

import io.vertx.core.json.JsonObject;
import mercato.platform.config.ConfigReader;

/** The {@code cart:} section, read and validated when the cart verticle starts. */
record CartConfig(int maxLines, int maxQuantity, int abandonAfterHours, long sweepMs, int referralWindowHours,
    long peerTimeoutMs) {
  /** Catalog answers at most this many ids in one lookup. */
  static final int MAX_LINES = 100;

  static CartConfig read(JsonObject section) {
    ConfigReader cart = new ConfigReader(section, "cart");
    return new CartConfig(
        cart.integer("maxLines", 1, MAX_LINES),
        cart.integer("maxQuantity", 1, 1_000_000),
        cart.integer("abandonAfterHours", 1, 24 * 365),
        cart.number("sweepMs", 10, 86_400_000),
        cart.integer("referralWindowHours", 1, 24 * 365),
        cart.number("peerTimeoutMs", 100, 60_000));
  }
}
