package mercato.search;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Cursors;
import mercato.platform.bus.Problem;
import mercato.platform.ids.Ids;

/**
 * {@code GET /search-logs}: the newest logged searches first (keyset on time and id), only the
 * zero-result ones with {@code zeroResults=true}, and the summary merchandisers work from: the
 * queries that found nothing, most frequent first, with their count and when last seen.
 */
final class SearchLogReport {
  static final int ZERO_SUMMARY = 50;
  static final String RECENT = """
      SELECT id, query, account_id, principal_type, result_count, latency_ms, fuzzy, at FROM search_log
       WHERE ($1::bool IS NOT TRUE OR result_count = 0)
         AND ($2::timestamptz IS NULL OR (at, id) < ($2, $3))
       ORDER BY at DESC, id DESC LIMIT $4
      """;
  static final String ZERO_QUERIES = """
      SELECT query, zero_results, last_zero_at FROM query_stats WHERE zero_results > 0
       ORDER BY zero_results DESC, last_zero_at DESC LIMIT $1
      """;

  private final Pool pool;
  private final int defaultLimit;
  private final int maxLimit;

  SearchLogReport(Pool pool, int defaultLimit, int maxLimit) {
    this.pool = pool;
    this.defaultLimit = defaultLimit;
    this.maxLimit = maxLimit;
  }

  Future<?> list(Envelope envelope) {
    Inputs in = new Inputs(envelope.query());
    boolean zero = in.flag("zeroResults");
    Long limit = in.whole("limit", 1, maxLimit);
    int size = limit == null ? defaultLimit : limit.intValue();
    OffsetDateTime afterAt = null;
    UUID afterId = null;
    String cursor = in.text("cursor", 200);
    if (cursor != null) {
      JsonObject decoded = Cursors.decode(cursor);
      afterId = Cursors.id(decoded, "i");
      try {
        afterAt = Cursors.bounded(OffsetDateTime.ofInstant(Instant.parse(Cursors.text(decoded, "t")), ZoneOffset.UTC));
      } catch (java.time.DateTimeException e) {
        throw Cursors.notOurs();
      }
    }
    Future<List<Row>> recent = pool.preparedQuery(RECENT).execute(Tuple.of(zero, afterAt, afterId, size + 1)).map(rows -> {
      List<Row> out = new ArrayList<>();
      rows.forEach(out::add);
      return out;
    });
    Future<JsonArray> summary = pool.preparedQuery(ZERO_QUERIES).execute(Tuple.of(ZERO_SUMMARY)).map(rows -> {
      JsonArray out = new JsonArray();
      rows.forEach(row -> out.add(new JsonObject().put("query", row.getString("query"))
          .put("count", row.getLong("zero_results"))
          .put("lastSeen", row.getOffsetDateTime("last_zero_at").toInstant().toString())));
      return out;
    });
    return Future.all(recent, summary).map(both -> {
      List<Row> rows = recent.result();
      List<Row> page = rows.size() > size ? rows.subList(0, size) : rows;
      JsonArray items = new JsonArray();
      page.forEach(row -> items.add(new JsonObject()
          .put("id", row.getUUID("id").toString())
          .put("query", row.getString("query"))
          .put("accountId", row.getString("account_id"))
          .put("principalType", row.getString("principal_type"))
          .put("resultCount", row.getInteger("result_count"))
          .put("latencyMs", row.getInteger("latency_ms"))
          .put("fuzzy", row.getBoolean("fuzzy"))
          .put("at", row.getOffsetDateTime("at").toInstant().toString())));
      String next = null;
      if (rows.size() > size) {
        Row last = page.get(page.size() - 1);
        next = Cursors.encode(new JsonObject()
            .put("t", last.getOffsetDateTime("at").toInstant().toString()).put("i", last.getUUID("id").toString()));
      }
      return new JsonObject().put("items", items).put("nextCursor", next).put("zeroResultQueries", summary.result());
    });
  }
}
