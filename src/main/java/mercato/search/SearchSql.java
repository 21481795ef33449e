package mercato.search;

import io.vertx.sqlclient.Tuple;
import java.util.List;

/**
 * The SQL of one search, built only from fixed fragments (every value is a parameter): the
 * page (ordered, keyset after the cursor, one row more than the page) and the facets (counted
 * over the whole matching set). A facet's counts apply every filter but its own, so a count
 * is exactly what the result total becomes when that value is chosen.
 *
 * <p>The text matches the weighted document (folded: lower case, no accents) as an AND of
 * its words, the last one as a prefix; in fuzzy mode a name whose trigram word similarity to
 * the text reaches {@code pg_trgm.word_similarity_threshold} (set per connection) also matches.
 */
final class SearchSql {
  /** The text as a tsquery: each word folded and quoted, AND-ed, the last one a prefix. */
  private static final String QUERY = """
      WITH q AS (
        SELECT (SELECT to_tsquery('simple', string_agg(quote_literal(fold(w))
                         || CASE WHEN i = cardinality(%1$s::text[]) THEN ':*' ELSE '' END, ' & ' ORDER BY i))
                  FROM unnest(%1$s::text[]) WITH ORDINALITY AS t (w, i)) AS tsq,
               fold(%2$s::text) AS phrase)
      """;
  /** The filters that are also facets; each facet counts under all the others. */
  static final List<String> FILTERS = List.of("category", "tag", "price", "rating", "seller", "stock");
  /** The tags facet lists this many tags at most, the most frequent first. */
  static final int TAG_FACET_SIZE = 20;
  static final String ITEM_COLUMNS = """
      p.product_id, p.seller_id, p.name, p.description, p.tags, p.category_id, p.category_names, p.price_amount,
      p.price_currency, p.rating_average, p.rating_count, p.available, p.created_at, p.image""";

  private final SearchRequest request;
  private final boolean fuzzy;
  private final List<Long> buckets;
  private final int sellerFacetSize;
  private final Tuple params = Tuple.tuple();
  private String sql;

  private SearchSql(SearchRequest request, boolean fuzzy, List<Long> buckets, int sellerFacetSize) {
    this.request = request;
    this.fuzzy = fuzzy;
    this.buckets = buckets;
    this.sellerFacetSize = sellerFacetSize;
  }

  /** The page: matching rows in the sort's order after the cursor, {@code limit + 1} of them. */
  static SearchSql page(SearchRequest request, boolean fuzzy) {
    SearchSql page = new SearchSql(request, fuzzy, List.of(), 0);
    page.sql = page.buildPage();
    return page;
  }

  /** One row: total, category, tag, price, rating, seller and in-stock counts. */
  static SearchSql facets(SearchRequest request, boolean fuzzy, List<Long> buckets, int sellerFacetSize) {
    SearchSql facets = new SearchSql(request, fuzzy, buckets, sellerFacetSize);
    facets.sql = facets.buildFacets();
    return facets;
  }

  String sql() {
    return sql;
  }

  Tuple params() {
    return params;
  }

  private String buildPage() {
    String score = request.hasText()
        ? "ts_rank(p.document, q.tsq)" + (fuzzy ? " + 0.5 * word_similarity(q.phrase, p.name_folded)" : "")
        : "0";
    // The rating lifts a product a little (at most 0.05): text relevance comes first.
    String select = "SELECT " + ITEM_COLUMNS + ", round((" + score + " + 0.01 * p.rating_average)::numeric, 6) AS score"
        + " FROM products p, q WHERE " + searchable() + " AND " + filters();
    SortKey key = SortKey.of(request.sort());
    String after = "";
    if (request.after() != null) {
      after = " WHERE " + key.after(param(key.value(request.after().key())), param(request.after().id()));
    }
    return query() + "SELECT * FROM (" + select + ") r" + after + " ORDER BY " + key.orderBy()
        + " LIMIT " + (request.limit() + 1);
  }

  private String buildFacets() {
    String prices = param(buckets.toArray(Long[]::new));
    String m = "SELECT p.product_id, p.seller_id, p.category_path, p.tags, p.price_amount, p.rating_average, p.available, "
        + filter("category") + " AS f_category, " + filter("tag") + " AS f_tag, " + filter("price") + " AS f_price, " + filter("rating") + " AS f_rating, "
        + filter("seller") + " AS f_seller, " + filter("stock") + " AS f_stock"
        + " FROM products p, q WHERE " + searchable();
    return query() + ", m AS MATERIALIZED (" + m + ")\nSELECT "
        + "(SELECT count(*) FROM m WHERE " + but(null) + ") AS total, "
        + "(SELECT coalesce(json_agg(json_build_object('id', c.id, 'name', k.name, 'count', c.n) ORDER BY c.n DESC, c.id), '[]')"
        + " FROM (SELECT unnest(category_path) AS id, count(*) AS n FROM m WHERE " + but("category") + " GROUP BY 1) c"
        + " LEFT JOIN categories k ON k.category_id = c.id) AS categories, "
        + "(SELECT coalesce(json_agg(json_build_object('tag', t.tag, 'count', t.n) ORDER BY t.n DESC, t.tag), '[]')"
        + " FROM (SELECT unnest(tags) AS tag, count(*) AS n FROM m WHERE " + but("tag") + " GROUP BY 1 ORDER BY 2 DESC, 1"
        + " LIMIT " + TAG_FACET_SIZE + ") t) AS tags, "
        + "(SELECT coalesce(json_agg(json_build_object('bucket', b.b, 'count', b.n) ORDER BY b.b), '[]')"
        + " FROM (SELECT width_bucket(price_amount, " + prices + "::bigint[]) AS b, count(*) AS n FROM m WHERE "
        + but("price") + " GROUP BY 1) b) AS prices, "
        + "(SELECT json_build_array(count(*) FILTER (WHERE rating_average >= 4), count(*) FILTER (WHERE rating_average >= 3),"
        + " count(*) FILTER (WHERE rating_average >= 2), count(*) FILTER (WHERE rating_average >= 1)) FROM m WHERE "
        + but("rating") + ") AS ratings, "
        + "(SELECT coalesce(json_agg(json_build_object('id', s.seller_id, 'count', s.n) ORDER BY s.n DESC, s.seller_id), '[]')"
        + " FROM (SELECT seller_id, count(*) AS n FROM m WHERE " + but("seller") + " GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT "
        + sellerFacetSize + ") s) AS sellers, "
        + "(SELECT count(*) FROM m WHERE " + but("stock") + " AND available > 0) AS in_stock";
  }

  private String query() {
    return QUERY.formatted(param(request.words().toArray(String[]::new)), param(request.phrase()));
  }

  /** Found at all: active, not deleted, matching the text (when there is one), in the currency asked for. */
  private String searchable() {
    StringBuilder where = new StringBuilder("p.status = 'active' AND NOT p.deleted");
    if (request.hasText()) {
      where.append(fuzzy ? " AND (p.document @@ q.tsq OR q.phrase <% p.name_folded)" : " AND p.document @@ q.tsq");
    }
    if (request.currency() != null) {
      where.append(" AND p.price_currency = ").append(param(request.currency()));
    }
    return where.toString();
  }

  /** Every filter except {@code skipped} (null: all), over the facet rows' flags. */
  private static String but(String skipped) {
    StringBuilder out = new StringBuilder("true");
    for (String name : FILTERS) {
      if (!name.equals(skipped)) {
        out.append(" AND f_").append(name);
      }
    }
    return out.toString();
  }

  private String filters() {
    StringBuilder out = new StringBuilder("true");
    for (String name : FILTERS) {
      out.append(" AND ").append(filter(name));
    }
    return out.toString();
  }

  /** One filter as a condition on {@code p}; {@code true} when not asked for. */
  private String filter(String name) {
    return switch (name) {
      case "category" -> request.category() == null ? "true"
          : "p.category_path @> ARRAY[" + param(request.category()) + "::uuid]";
      case "tag" -> request.tag() == null ? "true" : "p.tags @> ARRAY[" + param(request.tag()) + "::text]";
      case "price" -> {
        String out = "true";
        if (request.minPrice() != null) {
          out += " AND p.price_amount >= " + param(request.minPrice());
        }
        if (request.maxPrice() != null) {
          out += " AND p.price_amount <= " + param(request.maxPrice());
        }
        yield "(" + out + ")";
      }
      case "rating" -> request.minRating() == null ? "true" : "p.rating_average >= " + param(request.minRating()) + "::numeric";
      case "seller" -> request.seller() == null ? "true" : "p.seller_id = " + param(request.seller());
      case "stock" -> request.inStock() ? "p.available > 0" : "true";
      default -> throw new IllegalArgumentException(name);
    };
  }

  private String param(Object value) {
    params.addValue(value);
    return "$" + params.size();
  }
}
