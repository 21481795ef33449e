package mercato.catalog;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.UUID;
import mercato.platform.events.Event;
import mercato.platform.ids.Ids;

/**
 * Keeps each product's rating summary (average, count, distribution) as the review domain
 * last computed it. The event carries the whole summary, never a delta, and its revision:
 * a redelivered or late event sets the same or an older summary, which the revision
 * condition skips, so nothing is counted twice.
 */
final class ProductRatings {
  static final String SET_SUMMARY = """
      UPDATE products SET rating_average = $2, rating_count = $3, rating_distribution = $4, rating_revision = $5
       WHERE id = $1 AND rating_revision < $5
      RETURNING id
      """;

  private final ProductCache cache;

  ProductRatings(ProductCache cache) {
    this.cache = cache;
  }

  static JsonObject noRatings() {
    return new JsonObject().put("1", 0).put("2", 0).put("3", 0).put("4", 0).put("5", 0);
  }

  /**
   * review.rating-changed: stores the summary and drops the cached product. The eviction runs
   * before the inbox commits; the cache's second eviction a moment later removes a copy that a
   * read may have loaded in between.
   */
  Future<?> changed(Event event, SqlConnection tx) {
    JsonObject data = event.data();
    UUID id = Ids.parse(data.getString("productId"));
    int count = data.getInteger("count", 0);
    long revision = data.getLong("revision", 0L);
    if (id == null || count < 0 || revision <= 0) {
      return Future.succeededFuture();
    }
    JsonObject distribution = noRatings();
    JsonObject given = data.getJsonObject("distribution", new JsonObject());
    for (int rating = 1; rating <= 5; rating++) {
      distribution.put(String.valueOf(rating), given.getInteger(String.valueOf(rating), 0));
    }
    BigDecimal average = count == 0 ? null
        : BigDecimal.valueOf(data.getLong("sum", 0L)).divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
    return tx.preparedQuery(SET_SUMMARY).execute(Tuple.of(id, average, count, distribution, revision))
        .compose(rows -> rows.size() == 0 ? Future.succeededFuture() : cache.evict(id));
  }
}
