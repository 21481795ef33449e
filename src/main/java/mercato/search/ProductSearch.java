package mercato.search;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import mercato.platform.db.ReadPools;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Principal;

/**
 * {@code GET /search/products} and {@code POST /search}: the page and the facets run side by
 * side; when the full-text match finds fewer than {@code search.fuzzyBelow} products, both run
 * again in fuzzy mode (trigram name matches too), and the cursor remembers the mode. A first
 * page is logged (buffered, off the critical path); following pages are not new searches.
 */
final class ProductSearch {
  private final ReadPools reads;
  private final SearchConfig config;
  private final int maxPageSize;
  private final SearchLog log;

  ProductSearch(ReadPools reads, SearchConfig config, int maxPageSize, SearchLog log) {
    this.reads = reads;
    this.config = config;
    this.maxPageSize = maxPageSize;
    this.log = log;
  }

  private record Result(boolean fuzzy, Row facets, RowSet<Row> page) {}

  Future<?> find(Envelope envelope) {
    long started = System.nanoTime();
    SearchRequest request = SearchRequest.of(envelope, config, maxPageSize);
    Future<Result> result = reads.read(envelope, pool -> request.after() != null
        ? run(pool, request, request.after().fuzzy())
        : run(pool, request, false).compose(exact -> request.hasText() && total(exact) < config.fuzzyBelow()
            ? run(pool, request, true) : Future.succeededFuture(exact)));
    return result.map(done -> {
      JsonObject body = reply(request, done);
      if (request.after() == null) {
        Principal principal = envelope.principal();
        log.record(request.text(), principal, (int) total(done), (System.nanoTime() - started) / 1_000_000, done.fuzzy());
      }
      return body;
    });
  }

  private Future<Result> run(Pool pool, SearchRequest request, boolean fuzzy) {
    SearchSql page = SearchSql.page(request, fuzzy);
    SearchSql facets = SearchSql.facets(request, fuzzy, config.priceBuckets(), config.sellerFacetSize());
    Future<RowSet<Row>> rows = pool.preparedQuery(page.sql()).execute(page.params());
    Future<RowSet<Row>> counts = pool.preparedQuery(facets.sql()).execute(facets.params());
    return Future.all(rows, counts).map(both -> new Result(fuzzy, counts.result().iterator().next(), rows.result()));
  }

  private static long total(Result result) {
    return result.facets().getLong("total");
  }

  private JsonObject reply(SearchRequest request, Result result) {
    List<Row> rows = new ArrayList<>();
    result.page().forEach(rows::add);
    List<Row> items = rows.size() > request.limit() ? rows.subList(0, request.limit()) : rows;
    String next = null;
    if (rows.size() > request.limit()) {
      Row last = items.get(items.size() - 1);
      next = request.cursor(result.fuzzy(), SortKey.of(request.sort()).keyOf(last), last.getUUID("product_id"));
    }
    JsonArray out = new JsonArray();
    items.forEach(row -> out.add(item(row)));
    return new JsonObject()
        .put("items", out)
        .put("nextCursor", next)
        .put("total", total(result))
        .put("fuzzy", result.fuzzy())
        .put("facets", facets(result.facets()));
  }

  static JsonObject item(Row row) {
    String[] names = row.getArrayOfStrings("category_names");
    long available = row.getLong("available");
    return new JsonObject()
        .put("id", row.getUUID("product_id").toString())
        .put("sellerId", row.getUUID("seller_id").toString())
        .put("name", row.getString("name"))
        .put("description", row.getString("description"))
        .put("tags", new JsonArray(List.of(row.getArrayOfStrings("tags"))))
        .put("categoryId", row.getUUID("category_id") == null ? null : row.getUUID("category_id").toString())
        .put("categoryName", names == null || names.length == 0 ? null : names[names.length - 1])
        .put("price", new JsonObject().put("amount", row.getLong("price_amount")).put("currency", row.getString("price_currency")))
        .put("rating", new JsonObject().put("average", decimal(row.getValue("rating_average")))
            .put("count", row.getInteger("rating_count")))
        .put("available", available)
        .put("inStock", available > 0)
        .put("image", row.getJsonObject("image"))
        .put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString())
        .put("score", decimal(row.getValue("score")));
  }

  private JsonObject facets(Row row) {
    JsonArray prices = new JsonArray();
    List<Long> edges = config.priceBuckets();
    JsonArray buckets = array(row.getValue("prices"));
    for (int i = 0; i < buckets.size(); i++) {
      JsonObject bucket = buckets.getJsonObject(i);
      int b = bucket.getInteger("bucket");
      prices.add(new JsonObject()
          .put("from", b == 0 ? 0L : edges.get(b - 1))
          .put("to", b < edges.size() ? edges.get(b) : null)
          .put("count", bucket.getLong("count")));
    }
    JsonArray counts = array(row.getValue("ratings"));
    JsonArray ratings = new JsonArray();
    for (int i = 0; i < counts.size(); i++) {
      ratings.add(new JsonObject().put("min", 4 - i).put("count", ((Number) counts.getValue(i)).longValue()));
    }
    return new JsonObject()
        .put("categories", array(row.getValue("categories")))
        .put("tags", array(row.getValue("tags")))
        .put("price", prices)
        .put("rating", ratings)
        .put("sellers", array(row.getValue("sellers")))
        .put("inStock", row.getLong("in_stock"));
  }

  private static JsonArray array(Object value) {
    if (value instanceof JsonArray array) {
      return array;
    }
    return value == null ? new JsonArray() : new JsonArray(value.toString());
  }

  private static Double decimal(Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    return value == null ? null : new BigDecimal(value.toString()).doubleValue();
  }
}
