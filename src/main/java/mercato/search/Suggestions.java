package mercato.search;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import mercato.platform.db.ReadPools;
import io.vertx.sqlclient.Tuple;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Problem;

/**
 * {@code GET /search/suggestions?q=pre}: popular past queries that found something and
 * product names, both starting with the (folded) prefix, then names with a later word
 * starting with it. One statement of index range scans (btree {@code text_pattern_ops} for
 * the starts; the trigram index for inner words, tried from three characters on), so it is
 * cheap enough for every keystroke.
 */
final class Suggestions {
  static final int MAX_PREFIX = 100;
  static final String SUGGEST = """
      WITH p AS (SELECT replace(replace(replace(fold($1), '\\', '\\\\'), '%', '\\%'), '_', '\\_') AS prefix)
      SELECT kind, text, product_id FROM (
      (SELECT 0 AS rank, row_number() OVER (ORDER BY s.searches DESC, s.query_folded) AS ord, 'query' AS kind,
              s.query AS text, NULL::uuid AS product_id
         FROM query_stats s, p
        WHERE s.last_result_count > 0 AND s.query_folded LIKE p.prefix || '%'
        ORDER BY s.searches DESC, s.query_folded LIMIT $2)
      UNION ALL
      (SELECT 1, row_number() OVER (ORDER BY x.name_folded, x.product_id), 'product', x.name, x.product_id
         FROM products x, p
        WHERE x.status = 'active' AND NOT x.deleted AND x.name_folded LIKE p.prefix || '%'
        ORDER BY x.name_folded, x.product_id LIMIT $3)
      UNION ALL
      (SELECT 2, row_number() OVER (ORDER BY x.rating_count DESC, x.name_folded, x.product_id), 'product', x.name,
              x.product_id
         FROM products x, p
        WHERE $4 AND x.status = 'active' AND NOT x.deleted AND x.name_folded LIKE '% ' || p.prefix || '%'
        ORDER BY x.rating_count DESC, x.name_folded, x.product_id LIMIT $3)) u
      ORDER BY rank, ord
      """;

  private final ReadPools reads;
  private final int limit;

  Suggestions(ReadPools reads, int limit) {
    this.reads = reads;
    this.limit = limit;
  }

  Future<?> suggest(Envelope envelope) {
    Inputs in = new Inputs(envelope.query());
    String prefix = in.text("q", MAX_PREFIX);
    if (prefix == null) {
      throw Problem.invalidField("/q", "is required");
    }
    Long asked = in.whole("limit", 1, limit);
    int size = asked == null ? limit : asked.intValue();
    // Past queries take at most half the list, so product names always show.
    int queries = Math.max(1, size / 2);
    Tuple args = Tuple.of(prefix, queries, size, prefix.length() >= 3);
    return reads.read(envelope, from -> from.preparedQuery(SUGGEST).execute(args)).map(rows -> {
      JsonArray items = new JsonArray();
      Set<String> seen = new HashSet<>();
      rows.forEach(row -> {
        String text = row.getString("text");
        if (items.size() < size && seen.add(text.toLowerCase(Locale.ROOT))) {
          JsonObject item = new JsonObject().put("text", text).put("kind", row.getString("kind"));
          if (row.getUUID("product_id") != null) {
            item.put("productId", row.getUUID("product_id").toString());
          }
          items.add(item);
        }
      });
      return new JsonObject().put("q", prefix).put("items", items);
    });
  }
}
