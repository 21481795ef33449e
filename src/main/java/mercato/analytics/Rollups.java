package mercato.analytics;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;

/**
 * The daily rollups as sums of the facts. Each statement aggregates the facts matching a
 * filter and adds the sums to the rollup rows: in the inbox transaction the filter is the
 * one event just recorded; a rebuild empties the rollups and runs the same statements over
 * every fact, so both paths compute the same figures by construction. Rows are upserted in
 * key order, so two events touching the same rows lock them in the same order (no deadlock).
 * Each rollup row is split into {@link #SHARDS} shards and an event adds to the one its id
 * picks, so concurrent events rarely wait on each other's row locks; reads sum the shards.
 * A rebuild writes shard 0.
 */
final class Rollups {
  static final List<String> TABLES = List.of("sales_daily", "seller_sales_daily", "product_sales_daily",
      "activity_daily", "product_cart_daily", "product_seller");
  static final int SHARDS = 8;

  private static final String ORDER_SUMS = """
      count(DISTINCT order_id) FILTER (WHERE kind = 'placed'),
      coalesce(sum(amount) FILTER (WHERE kind = 'placed'), 0),
      count(DISTINCT order_id) FILTER (WHERE kind = 'paid'),
      coalesce(sum(units) FILTER (WHERE kind = 'paid'), 0),
      coalesce(sum(amount) FILTER (WHERE kind = 'paid'), 0),
      coalesce(sum(amount) FILTER (WHERE kind = 'refund'), 0),
      count(DISTINCT order_id) FILTER (WHERE kind = 'cancelled')
      """;
  private static final String ORDER_ADD = """
      placed_orders = r.placed_orders + excluded.placed_orders,
      placed_amount = r.placed_amount + excluded.placed_amount,
      orders = r.orders + excluded.orders, units = r.units + excluded.units,
      gross = r.gross + excluded.gross, refunds = r.refunds + excluded.refunds,
      cancelled = r.cancelled + excluded.cancelled
      """;

  private static final String SALES = """
      INSERT INTO sales_daily AS r
        (day, currency, shard, placed_orders, placed_amount, orders, units, gross, refunds, cancelled)
      SELECT day, currency, {shard}, %s FROM sale_fact WHERE level = 'order' AND %%s
      GROUP BY day, currency ORDER BY day, currency
      ON CONFLICT (day, currency, shard) DO UPDATE SET %s
      """.formatted(ORDER_SUMS, ORDER_ADD);
  private static final String SELLERS = """
      INSERT INTO seller_sales_daily AS r
        (day, seller_id, currency, shard, placed_orders, placed_amount, orders, units, gross, refunds, cancelled)
      SELECT day, seller_id, currency, {shard}, %s FROM sale_fact WHERE level = 'group' AND %%s
      GROUP BY day, seller_id, currency ORDER BY day, seller_id, currency
      ON CONFLICT (day, seller_id, currency, shard) DO UPDATE SET %s
      """.formatted(ORDER_SUMS, ORDER_ADD);
  private static final String PRODUCTS = """
      INSERT INTO product_sales_daily AS r (day, product_id, seller_id, currency, shard, orders, units, gross, refunds)
      SELECT day, product_id, seller_id, currency, {shard},
             count(DISTINCT order_id) FILTER (WHERE kind = 'paid'),
             coalesce(sum(units) FILTER (WHERE kind = 'paid'), 0),
             coalesce(sum(amount) FILTER (WHERE kind = 'paid'), 0),
             coalesce(sum(amount) FILTER (WHERE kind = 'refund'), 0)
        FROM sale_fact WHERE level = 'line' AND kind IN ('paid', 'refund') AND %s
       GROUP BY day, product_id, seller_id, currency ORDER BY day, product_id, seller_id, currency
      ON CONFLICT (day, product_id, seller_id, currency, shard) DO UPDATE SET
        orders = r.orders + excluded.orders, units = r.units + excluded.units,
        gross = r.gross + excluded.gross, refunds = r.refunds + excluded.refunds
      """;
  private static final String OWNERS = """
      INSERT INTO product_seller (product_id, seller_id)
      SELECT DISTINCT product_id, seller_id FROM sale_fact WHERE level = 'line' AND %s ORDER BY 1, 2
      ON CONFLICT DO NOTHING
      """;
  private static final String ACTIVITY = """
      INSERT INTO activity_daily AS r (day, type, shard, events, quantity, zero_results)
      SELECT day, type, {shard}, count(*), coalesce(sum(quantity), 0), count(*) FILTER (WHERE result_count = 0)
        FROM activity_fact WHERE %s
       GROUP BY day, type ORDER BY day, type
      ON CONFLICT (day, type, shard) DO UPDATE SET events = r.events + excluded.events,
        quantity = r.quantity + excluded.quantity, zero_results = r.zero_results + excluded.zero_results
      """;
  private static final String CARTS = """
      INSERT INTO product_cart_daily AS r (day, product_id, shard, adds, units)
      SELECT day, product_id, {shard}, count(*), coalesce(sum(quantity), 0)
        FROM activity_fact WHERE type = '%s' AND product_id IS NOT NULL AND %%s
       GROUP BY day, product_id ORDER BY day, product_id
      ON CONFLICT (day, product_id, shard) DO UPDATE SET adds = r.adds + excluded.adds, units = r.units + excluded.units
      """.formatted(mercato.analytics.api.AnalyticsEvents.CART_ITEM_ADDED);

  private static final String ONE_EVENT = "event_id = $1";
  private static final String EVENT_SHARD = "$2::smallint";
  private static final List<String> SALE_STATEMENTS = List.of(SALES, SELLERS, PRODUCTS, OWNERS);
  private static final List<String> ACTIVITY_STATEMENTS = List.of(ACTIVITY, CARTS);

  private Rollups() {}

  /** Adds one order event's facts to the sale rollups (inside the inbox transaction). */
  static Future<Void> addSale(SqlConnection tx, UUID eventId) {
    return run(tx, SALE_STATEMENTS, eventId, 0);
  }

  /** Adds one event's activity fact to the activity rollups (inside the inbox transaction). */
  static Future<Void> addActivity(SqlConnection tx, UUID eventId) {
    return run(tx, ACTIVITY_STATEMENTS, eventId, 0);
  }

  private static Future<Void> run(SqlConnection tx, List<String> statements, UUID eventId, int i) {
    if (i == statements.size()) {
      return Future.succeededFuture();
    }
    String sql = statements.get(i).formatted(ONE_EVENT);
    Tuple params = sql.contains("{shard}")
        ? Tuple.of(eventId, (short) Math.floorMod(eventId.hashCode(), SHARDS)) : Tuple.of(eventId);
    return tx.preparedQuery(sql.replace("{shard}", EVENT_SHARD)).execute(params)
        .compose(rows -> run(tx, statements, eventId, i + 1));
  }

  /** The statements that recompute every rollup from every fact, after the rollups were emptied. */
  static List<String> rebuildStatements() {
    return java.util.stream.Stream.concat(SALE_STATEMENTS.stream(), ACTIVITY_STATEMENTS.stream())
        .map(sql -> sql.formatted("true").replace("{shard}", "0::smallint")).toList();
  }
}
