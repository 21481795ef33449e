package mercato.analytics;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import mercato.platform.bus.Envelope;

/**
 * GET /analytics/products: the top products by revenue (per currency), and the funnel per
 * product: views (the edge's counters) -> cart adds (cart events) -> purchases (paid orders
 * containing the product). A seller sees its own products only: those its order lines name.
 */
final class ProductReport {
  // $1 from, $2 to, $3 currency or null, $4 seller or null, $5 product or null, $6 limit
  private static final String TOP = """
      SELECT product_id, seller_id, currency, sum(orders)::bigint AS orders, sum(units)::bigint AS units,
             sum(gross)::bigint AS gross, sum(refunds)::bigint AS refunds
        FROM product_sales_daily
       WHERE day BETWEEN $1 AND $2 AND ($3::text IS NULL OR currency = $3) AND ($4::text IS NULL OR seller_id = $4)
         AND ($5::text IS NULL OR product_id = $5)
       GROUP BY product_id, seller_id, currency
       ORDER BY sum(gross) - sum(refunds) DESC, sum(units) DESC, product_id, currency
       LIMIT $6
      """;
  private static final String PURCHASES = """
      SELECT product_id, sum(orders)::bigint AS orders, sum(units)::bigint AS units FROM product_sales_daily
       WHERE day BETWEEN $1 AND $2 AND ($3::text IS NULL OR seller_id = $3) AND ($4::text IS NULL OR product_id = $4)
       GROUP BY product_id
      """;
  private static final String CART_ADDS = """
      SELECT product_id, sum(adds)::bigint AS adds, sum(units)::bigint AS units FROM product_cart_daily
       WHERE day BETWEEN $1 AND $2 AND ($3::text IS NULL OR product_id = $3)
       GROUP BY product_id
      """;
  private static final String OWNED = "SELECT product_id FROM product_seller WHERE seller_id = $1";

  private final Pool pool;
  private final TrafficStore traffic;
  private final AnalyticsConfig config;

  ProductReport(Pool pool, TrafficStore traffic, AnalyticsConfig config) {
    this.pool = pool;
    this.traffic = traffic;
    this.config = config;
  }

  /** One product's step counts. */
  private static final class Step {
    long views;
    long cartAdds;
    long cartUnits;
    long purchases;
    long units;
  }

  Future<?> handle(Envelope envelope) {
    ReportQuery query = ReportQuery.read(envelope, config, ReportQuery.SALES_INTERVALS, "day")
        .scopedTo(envelope.requirePrincipal());
    Future<JsonArray> top = pool.preparedQuery(TOP)
        .execute(Tuple.of(query.from(), query.to(), query.currency(), query.sellerId(), query.productId(),
            (long) query.limit()))
        .map(rows -> {
          JsonArray out = new JsonArray();
          rows.forEach(row -> out.add(new JsonObject().put("productId", row.getString("product_id"))
              .put("sellerId", row.getString("seller_id")).mergeIn(SalesFigures.of(row))));
          return out;
        });
    Future<Set<String>> owned = query.sellerId() == null
        ? Future.succeededFuture(null)
        : pool.preparedQuery(OWNED).execute(Tuple.of(query.sellerId())).map(rows -> {
          Set<String> ids = new HashSet<>();
          rows.forEach(row -> ids.add(row.getString("product_id")));
          return ids;
        });
    Future<Map<String, Step>> funnel = owned.compose(mine -> funnel(query, mine));
    return Future.all(top, funnel).map(all -> new JsonObject()
        .put("from", query.from().toString())
        .put("to", query.to().toString())
        .put("currency", query.currency())
        .put("sellerId", query.sellerId())
        .put("topProducts", top.result())
        .put("funnel", funnelJson(funnel.result(), query.limit())));
  }

  private Future<Map<String, Step>> funnel(ReportQuery query, Set<String> mine) {
    Map<String, Step> steps = new HashMap<>();
    Future<Void> views = traffic.views(query.dayList()).map(perProduct -> {
      perProduct.forEach((product, n) -> {
        if (visible(product, query, mine)) {
          steps.computeIfAbsent(product, p -> new Step()).views = n;
        }
      });
      return null;
    });
    Future<Void> carts = pool.preparedQuery(CART_ADDS).execute(Tuple.of(query.from(), query.to(), query.productId()))
        .map(rows -> {
          for (Row row : rows) {
            if (visible(row.getString("product_id"), query, mine)) {
              Step step = steps.computeIfAbsent(row.getString("product_id"), p -> new Step());
              step.cartAdds = row.getLong("adds");
              step.cartUnits = row.getLong("units");
            }
          }
          return null;
        });
    return Future.all(views, carts)
        .compose(v -> pool.preparedQuery(PURCHASES)
            .execute(Tuple.of(query.from(), query.to(), query.sellerId(), query.productId())))
        .map(rows -> {
          for (Row row : rows) {
            Step step = steps.computeIfAbsent(row.getString("product_id"), p -> new Step());
            step.purchases = row.getLong("orders");
            step.units = row.getLong("units");
          }
          return steps;
        });
  }

  private static boolean visible(String product, ReportQuery query, Set<String> mine) {
    return (query.productId() == null || query.productId().equals(product)) && (mine == null || mine.contains(product));
  }

  private static JsonObject funnelJson(Map<String, Step> steps, int limit) {
    Step total = new Step();
    steps.values().forEach(s -> {
      total.views += s.views;
      total.cartAdds += s.cartAdds;
      total.cartUnits += s.cartUnits;
      total.purchases += s.purchases;
      total.units += s.units;
    });
    JsonArray products = new JsonArray();
    steps.entrySet().stream()
        .sorted(Comparator.<Map.Entry<String, Step>>comparingLong(e -> -e.getValue().views)
            .thenComparingLong(e -> -e.getValue().cartAdds)
            .thenComparingLong(e -> -e.getValue().purchases)
            .thenComparing(Map.Entry::getKey))
        .limit(limit)
        .forEach(e -> products.add(new JsonObject().put("productId", e.getKey()).mergeIn(stepJson(e.getValue()))));
    return new JsonObject().put("totals", stepJson(total)).put("products", products);
  }

  private static JsonObject stepJson(Step step) {
    return new JsonObject()
        .put("views", step.views)
        .put("cartAdds", step.cartAdds)
        .put("cartUnits", step.cartUnits)
        .put("purchases", step.purchases)
        .put("units", step.units)
        .put("viewToCart", rate(step.cartAdds, step.views))
        .put("cartToPurchase", rate(step.purchases, step.cartAdds))
        .put("viewToPurchase", rate(step.purchases, step.views));
  }

  /** A ratio rounded to 4 decimals (a share, not money); null when nothing came before. */
  static Double rate(long part, long whole) {
    return whole == 0 ? null : Math.round(part * 10_000.0 / whole) / 10_000.0;
  }
}
