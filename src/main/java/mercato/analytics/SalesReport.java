package mercato.analytics;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import mercato.platform.bus.Envelope;

/**
 * GET /analytics/sales: per currency, the figures by period (day, week from Monday, month)
 * or, with {@code groupBy}, ranked by product or by seller over the range, and the totals.
 * A seller's report reads only its own groups and lines.
 */
final class SalesReport {
  private static final String SUMS = """
      sum(orders)::bigint AS orders, sum(units)::bigint AS units, sum(gross)::bigint AS gross,
      sum(refunds)::bigint AS refunds
      """;
  private static final String ORDER_SUMS = SUMS + """
      , sum(placed_orders)::bigint AS placed_orders, sum(placed_amount)::bigint AS placed_amount,
      sum(cancelled)::bigint AS cancelled
      """;
  // $1 from, $2 to, $3 currency or null, $4 seller or null, $5 interval or limit
  private static final String FILTER = """
      day BETWEEN $1 AND $2 AND ($3::text IS NULL OR currency = $3) AND ($4::text IS NULL OR seller_id = $4)
      """;
  private static final String SERIES = """
      SELECT date_trunc($5, day::timestamp)::date AS period, currency, %s FROM %s
       WHERE %s GROUP BY 1, 2 ORDER BY 1, 2
      """;
  private static final String TOTALS = """
      SELECT currency, %s FROM %s WHERE %s GROUP BY currency ORDER BY currency
      """;
  private static final String BY_SELLER = """
      SELECT seller_id, currency, %s FROM seller_sales_daily WHERE %s
       GROUP BY seller_id, currency ORDER BY sum(gross) - sum(refunds) DESC, seller_id, currency LIMIT $5
      """.formatted(ORDER_SUMS, FILTER);
  private static final String BY_PRODUCT = """
      SELECT product_id, seller_id, currency, %s FROM product_sales_daily WHERE %s
         AND ($6::text IS NULL OR product_id = $6)
       GROUP BY product_id, seller_id, currency
       ORDER BY sum(gross) - sum(refunds) DESC, sum(units) DESC, product_id, currency LIMIT $5
      """.formatted(SUMS, FILTER);
  // The whole marketplace's figures live in sales_daily (no seller column): the filter's seller test is dropped.
  private static final String ALL_FILTER = FILTER.replace("AND ($4::text IS NULL OR seller_id = $4)", "AND $4::text IS NULL");

  private final Pool pool;
  private final AnalyticsConfig config;

  SalesReport(Pool pool, AnalyticsConfig config) {
    this.pool = pool;
    this.config = config;
  }

  Future<?> handle(Envelope envelope) {
    ReportQuery query = ReportQuery.read(envelope, config, ReportQuery.SALES_INTERVALS, "day")
        .scopedTo(envelope.requirePrincipal());
    boolean seller = query.sellerId() != null;
    String table = seller ? "seller_sales_daily" : "sales_daily";
    String filter = seller ? FILTER : ALL_FILTER;
    Tuple base = Tuple.of(query.from(), query.to(), query.currency(), query.sellerId());
    Future<JsonArray> items;
    if ("seller".equals(query.groupBy())) {
      items = rows(BY_SELLER, base.addLong((long) query.limit()), "seller_id", "sellerId");
    } else if ("product".equals(query.groupBy())) {
      items = rows(BY_PRODUCT, base.addLong((long) query.limit()).addString(query.productId()), "product_id", "productId");
    } else {
      items = rows(SERIES.formatted(ORDER_SUMS, table, filter), base.addString(query.interval()), "period", "period");
    }
    Future<JsonArray> totals = rows(TOTALS.formatted(ORDER_SUMS, table, filter),
        Tuple.of(query.from(), query.to(), query.currency(), query.sellerId()), null, null);
    return Future.all(items, totals).map(all -> new JsonObject()
        .put("from", query.from().toString())
        .put("to", query.to().toString())
        .put("interval", query.groupBy() == null ? query.interval() : null)
        .put("groupBy", query.groupBy())
        .put("currency", query.currency())
        .put("sellerId", query.sellerId())
        .put("items", items.result())
        .put("totals", totals.result()));
  }

  private Future<JsonArray> rows(String sql, Tuple args, String keyColumn, String keyField) {
    return pool.preparedQuery(sql).execute(args).map(result -> toJson(result, keyColumn, keyField));
  }

  private static JsonArray toJson(RowSet<Row> result, String keyColumn, String keyField) {
    JsonArray out = new JsonArray();
    for (Row row : result) {
      JsonObject figures = SalesFigures.of(row);
      JsonObject item = new JsonObject();
      if (keyColumn != null) {
        item.put(keyField, String.valueOf(row.getValue(keyColumn)));
      }
      if (keyColumn != null && keyColumn.equals("product_id")) {
        item.put("sellerId", row.getString("seller_id"));
      }
      out.add(item.mergeIn(figures));
    }
    return out;
  }
}
