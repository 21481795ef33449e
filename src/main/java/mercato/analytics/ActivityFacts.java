package mercato.analytics;

import static mercato.analytics.api.AnalyticsEvents.*;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import mercato.platform.events.Event;

/**
 * One activity fact per handled event: its type, day, account and (for cart adds and
 * searches) product, quantity, query and result count. Events by type and by day, active
 * accounts and the cart step of the product funnel are read from these.
 */
final class ActivityFacts {
  private static final int MAX_QUERY = 200;
  private static final String INSERT = """
      INSERT INTO activity_fact (event_id, type, day, occurred_at, account_id, product_id, quantity, search_query,
                                 result_count)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
      ON CONFLICT (event_id) DO NOTHING
      """;

  private ActivityFacts() {}

  static Future<Void> record(SqlConnection tx, Event event) {
    JsonObject data = event.data();
    Instant at = EventFields.instant(event, timeField(event.type()));
    String product = null;
    long quantity = 0;
    String query = null;
    Integer results = null;
    if (event.type().equals(CART_ITEM_ADDED)) {
      product = EventFields.text(data, "productId");
      quantity = EventFields.whole(data, "quantity");
    } else if (event.type().equals(SEARCH_PERFORMED)) {
      String text = data.getString("query", "");
      query = text.length() > MAX_QUERY ? text.substring(0, MAX_QUERY) : text;
      results = (int) Math.min(Integer.MAX_VALUE, EventFields.whole(data, "resultCount"));
    }
    return tx.preparedQuery(INSERT)
        .execute(Tuple.from(new Object[] {event.id(), event.type(), EventFields.day(at), at.atOffset(ZoneOffset.UTC),
            EventFields.optionalText(data, "accountId"), product, quantity, query, results}))
        .mapEmpty();
  }

  /** The payload field holding when the fact happened (the event's time when absent). */
  static String timeField(String type) {
    return switch (type) {
      case ORDER_PLACED -> "placedAt";
      case ORDER_PAID -> "paidAt";
      case ORDER_REFUNDED -> "refundedAt";
      case ORDER_CANCELLED -> "cancelledAt";
      case CART_ITEM_ADDED -> "addedAt";
      case SEARCH_PERFORMED -> "at";
      case ACCOUNT_REGISTERED -> "createdAt";
      default -> "time";
    };
  }
}
