package mercato.review;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** A target's rating figures over its published reviews; {@code counts[r - 1]} reviews rated r. */
record RatingSummary(int count, int sum, int[] counts, long revision) {
  static final RatingSummary EMPTY = new RatingSummary(0, 0, new int[5], 0);

  /** The mean rating rounded half up to 2 decimals; 0 without reviews. */
  double average() {
    return count == 0 ? 0 : BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP)
        .doubleValue();
  }

  JsonObject distribution() {
    JsonObject out = new JsonObject();
    for (int r = 1; r <= 5; r++) {
      out.put(String.valueOf(r), counts[r - 1]);
    }
    return out;
  }

  /** What clients read next to a filtered listing. */
  JsonObject toJson() {
    return new JsonObject().put("count", count).put("average", average()).put("distribution", distribution());
  }

  /** The rating-changed payload (the order contract's shape, plus the revision). */
  JsonObject eventData(String productId) {
    return new JsonObject()
        .put("productId", productId)
        .put("count", count)
        .put("sum", sum)
        .put("average", average())
        .put("distribution", distribution())
        .put("revision", revision);
  }

  static RatingSummary from(Row row) {
    int[] counts = new int[5];
    for (int r = 1; r <= 5; r++) {
      counts[r - 1] = row.getInteger("c" + r);
    }
    return new RatingSummary(row.getInteger("count"), row.getInteger("sum"), counts, row.getLong("revision"));
  }
}
