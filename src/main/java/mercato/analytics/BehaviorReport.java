package mercato.analytics;

import static mercato.analytics.api.AnalyticsEvents.*;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import mercato.platform.bus.Envelope;

/**
 * GET /analytics/user-behavior: events by type and by period, product views (the edge's
 * counters), active accounts, the accounts' funnel (registered, added to cart, placed,
 * paid), the most frequent searches; with {@code accountId}, one account's activity.
 */
final class BehaviorReport {
  // $1 from, $2 to, $3 account or null, $4 interval
  private static final String BY_PERIOD = """
      SELECT date_trunc($4, day::timestamp)::date AS period, type, count(*)::bigint AS events
        FROM activity_fact WHERE day BETWEEN $1 AND $2 AND account_id = $3
       GROUP BY 1, 2 ORDER BY 1, 2
      """;
  private static final String BY_PERIOD_ALL = """
      SELECT date_trunc($3, day::timestamp)::date AS period, type, sum(events)::bigint AS events
        FROM activity_daily WHERE day BETWEEN $1 AND $2
       GROUP BY 1, 2 ORDER BY 1, 2
      """;
  private static final String ACCOUNTS = """
      SELECT count(DISTINCT account_id) AS active,
             count(DISTINCT account_id) FILTER (WHERE type = '%s') AS registered,
             count(DISTINCT account_id) FILTER (WHERE type = '%s') AS carted,
             count(DISTINCT account_id) FILTER (WHERE type = '%s') AS placed,
             count(DISTINCT account_id) FILTER (WHERE type = '%s') AS paid
        FROM activity_fact WHERE day BETWEEN $1 AND $2 AND ($3::text IS NULL OR account_id = $3)
      """.formatted(ACCOUNT_REGISTERED, CART_ITEM_ADDED, ORDER_PLACED, ORDER_PAID);
  private static final String SEARCHES = """
      SELECT lower(search_query) AS query, count(*)::bigint AS searches,
             count(*) FILTER (WHERE result_count = 0)::bigint AS zero_results
        FROM activity_fact
       WHERE type = '%s' AND day BETWEEN $1 AND $2 AND ($3::text IS NULL OR account_id = $3)
       GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT $4
      """.formatted(SEARCH_PERFORMED);

  private final Pool pool;
  private final TrafficStore traffic;
  private final AnalyticsConfig config;

  BehaviorReport(Pool pool, TrafficStore traffic, AnalyticsConfig config) {
    this.pool = pool;
    this.traffic = traffic;
    this.config = config;
  }

  Future<?> handle(Envelope envelope) {
    ReportQuery query = ReportQuery.read(envelope, config, ReportQuery.SALES_INTERVALS, "day");
    envelope.requirePrincipal();
    Future<JsonArray> periods = (query.accountId() == null
        ? pool.preparedQuery(BY_PERIOD_ALL).execute(Tuple.of(query.from(), query.to(), query.interval()))
        : pool.preparedQuery(BY_PERIOD).execute(Tuple.of(query.from(), query.to(), query.accountId(), query.interval())))
        .map(rows -> {
          Map<String, JsonObject> byPeriod = new TreeMap<>();
          for (Row row : rows) {
            byPeriod.computeIfAbsent(row.getLocalDate("period").toString(), p -> new JsonObject())
                .put(row.getString("type"), row.getLong("events"));
          }
          JsonArray out = new JsonArray();
          byPeriod.forEach((period, events) -> out.add(new JsonObject().put("period", period).put("events", events)));
          return out;
        });
    Future<JsonObject> accounts = pool.preparedQuery(ACCOUNTS)
        .execute(Tuple.of(query.from(), query.to(), query.accountId()))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new JsonObject()
              .put("activeAccounts", row.getLong("active"))
              .put("funnel", new JsonObject()
                  .put("registered", row.getLong("registered"))
                  .put("addedToCart", row.getLong("carted"))
                  .put("placedOrder", row.getLong("placed"))
                  .put("paidOrder", row.getLong("paid")));
        });
    Future<JsonArray> searches = pool.preparedQuery(SEARCHES)
        .execute(Tuple.of(query.from(), query.to(), query.accountId(), (long) query.limit()))
        .map(rows -> {
          JsonArray out = new JsonArray();
          rows.forEach(row -> out.add(new JsonObject().put("query", row.getString("query"))
              .put("searches", row.getLong("searches")).put("zeroResults", row.getLong("zero_results"))));
          return out;
        });
    List<LocalDate> days = query.dayList();
    Future<List<Long>> views = query.accountId() == null ? traffic.viewsPerDay(days) : Future.succeededFuture(List.of());
    return Future.all(periods, accounts, searches, views).map(all -> {
      JsonObject byType = new JsonObject();
      periods.result().forEach(p -> ((JsonObject) p).getJsonObject("events")
          .forEach(e -> byType.put(e.getKey(), byType.getLong(e.getKey(), 0L) + ((Number) e.getValue()).longValue())));
      JsonObject body = new JsonObject()
          .put("from", query.from().toString())
          .put("to", query.to().toString())
          .put("interval", query.interval())
          .put("accountId", query.accountId())
          .put("eventsByType", byType)
          .put("items", periods.result())
          .put("topSearches", searches.result())
          .mergeIn(accounts.result());
      if (query.accountId() == null) {
        body.put("productViews", views.result().stream().mapToLong(Long::longValue).sum());
      }
      return body;
    });
  }
}
