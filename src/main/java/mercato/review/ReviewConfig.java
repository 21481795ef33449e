package mercato.review;

import io.vertx.core.json.JsonObject;
import mercato.platform.config.ConfigReader;

/** The {@code review:} section, read and validated when the review verticle starts. */
record ReviewConfig(boolean acceptUnverified, int titleMaxLength, int textMaxLength, int defaultPageSize,
    long peerTimeoutMs) {
  static ReviewConfig read(JsonObject section) {
    ConfigReader review = new ConfigReader(section, "review");
    return new ReviewConfig(
        review.bool("acceptUnverified"),
        review.integer("titleMaxLength", 1, 1_000),
        review.integer("textMaxLength", 1, 100_000),
        review.integer("defaultPageSize", 1, 10_000),
        review.number("peerTimeoutMs", 100, 60_000));
  }
}
