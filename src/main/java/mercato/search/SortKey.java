package mercato.search;

import io.vertx.sqlclient.Row;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import mercato.platform.bus.Cursors;
import mercato.platform.bus.Problem;

/**
 * What each sort orders by: a column of the matching rows, its direction and SQL type, with
 * the product id as the tie-breaker, so the keyset {@code (key, id)} is a total order and a
 * page never repeats or skips a row. Keys travel in cursors as text.
 */
enum SortKey {
  RELEVANCE("score", false, "numeric"),
  PRICE("price_amount", true, "bigint"),
  PRICE_DESC("price_amount", false, "bigint"),
  RATING("rating_average", false, "numeric"),
  NEWEST("created_at", false, "timestamptz");

  final String column;
  final boolean ascending;
  final String type;

  SortKey(String column, boolean ascending, String type) {
    this.column = column;
    this.ascending = ascending;
    this.type = type;
  }

  static SortKey of(String sort) {
    return switch (sort) {
      case "price" -> PRICE;
      case "-price" -> PRICE_DESC;
      case "rating" -> RATING;
      case "newest" -> NEWEST;
      default -> RELEVANCE;
    };
  }

  String orderBy() {
    String direction = ascending ? " ASC" : " DESC";
    return "r." + column + direction + ", r.product_id" + direction;
  }

  /** Strictly after {@code (key, id)} in this order; the two parameters are given by name. */
  String after(String key, String id) {
    return "(r." + column + ", r.product_id) " + (ascending ? ">" : "<") + " (" + key + "::" + type + ", " + id + ")";
  }

  String keyOf(Row row) {
    Object value = row.getValue(column);
    return value instanceof OffsetDateTime time ? time.toInstant().toString() : value.toString();
  }

  /** A cursor's key as this sort's SQL parameter; one that does not parse is a 400. */
  Object value(String key) {
    try {
      return switch (type) {
        case "bigint" -> Long.parseLong(key);
        case "timestamptz" -> Cursors.bounded(OffsetDateTime.ofInstant(Instant.parse(key), ZoneOffset.UTC));
        default -> Cursors.decimal(key);
      };
    } catch (RuntimeException e) {
      throw Cursors.notOurs();
    }
  }
}
