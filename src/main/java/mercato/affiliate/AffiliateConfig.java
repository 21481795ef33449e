package mercato.affiliate;

import io.vertx.core.json.JsonObject;
import mercato.platform.config.ConfigReader;

/** The {@code affiliate:} section, read and validated when the affiliate verticle starts. */
record AffiliateConfig(int defaultRateBps, int returnWindowDays, long sweepMs, int sweepBatch, long peerTimeoutMs) {
  static AffiliateConfig read(JsonObject section) {
    ConfigReader affiliate = new ConfigReader(section, "affiliate");
    return new AffiliateConfig(
        affiliate.integer("defaultRateBps", 0, CommissionRules.FULL_BPS),
        affiliate.integer("returnWindowDays", 0, 365),
        affiliate.number("sweepMs", 10, 86_400_000),
        affiliate.integer("sweepBatch", 1, 10_000),
        affiliate.number("peerTimeoutMs", 100, 120_000));
  }
}
