package mercato.catalog;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import mercato.platform.bus.Cursors;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Pages;
import mercato.platform.bus.Principal;
import mercato.platform.bus.Problem;
import mercato.platform.bus.QueryParams;
import mercato.platform.ids.Ids;

/**
 * One {@code GET /products} query: filters, sort and keyset cursor, turned into one SQL
 * statement built only from fixed fragments (values are always parameters). The cursor is
 * opaque to clients: base64url of {@code {"s": sort, "k": last sort key, "i": last id}},
 * so the next page starts strictly after the last row and a row never repeats or goes missing
 * because of inserts on earlier pages.
 */
final class ProductListing {
  static final Set<String> SORTS = Set.of("newest", "price", "-price", "name", "rating");
  /** Best rated first; products without reviews rank as 0. The key travels as text to keep its decimals. */
  private static final String RATING_KEY = "coalesce(p.rating_average, 0)";

  private final String sort;
  private final int limit;
  private final StringBuilder where = new StringBuilder("p.deleted_at IS NULL");
  private final Tuple params = Tuple.tuple();

  private ProductListing(String sort, int limit) {
    this.sort = sort;
    this.limit = limit;
  }

  static ProductListing of(Envelope envelope, int defaultLimit) {
    JsonObject query = envelope.query();
    String sort = QueryParams.text(query, "sort");
    sort = sort == null ? "newest" : sort;
    if (!SORTS.contains(sort)) {
      throw Problem.invalidField("/sort", "must be one of newest, price, -price, name, rating");
    }
    ProductListing listing = new ProductListing(sort, Pages.limit(query, defaultLimit, Pages.CEILING));
    listing.filter(envelope.principal(), query);
    String cursor = QueryParams.text(query, "cursor");
    if (cursor != null) {
      listing.after(cursor);
    }
    return listing;
  }

  private void filter(Principal principal, JsonObject query) {
    UUID seller = QueryParams.id(query, "seller");
    String status = QueryParams.text(query, "status");
    boolean own = principal != null && seller != null && principal.isSeller() && seller.toString().equals(principal.sub());
    boolean admin = principal != null && principal.isAdmin();
    if (status != null) {
      if (!ProductRules.STATUSES.contains(status)) {
        throw Problem.invalidField("/status", "must be one of draft, active, archived");
      }
      if (!own && !admin) {
        throw Problem.invalidField("/status", "only a seller listing its own products (seller=<own id>) may filter by status");
      }
      where.append(" AND p.status = ").append(param(status));
    } else if (!own) {
      // Everyone else sees active products only; an owner listing its own sees every status.
      where.append(" AND p.status = 'active'");
    }
    if (seller != null) {
      where.append(" AND p.seller_id = ").append(param(seller));
    }
    UUID category = QueryParams.id(query, "category");
    if (category != null) {
      where.append(" AND p.category_id IN (").append(ProductRepository.SUBTREE.formatted(param(category))).append(")");
    }
    String tag = QueryParams.text(query, "tag");
    if (tag != null) {
      where.append(" AND p.tags @> ARRAY[").append(param(tag)).append("]::text[]");
    }
    Long min = number(query, "minPrice");
    Long max = number(query, "maxPrice");
    if (min != null && max != null && min > max) {
      throw Problem.invalidField("/minPrice", "must not be greater than maxPrice");
    }
    if (min != null) {
      where.append(" AND p.price_amount >= ").append(param(min));
    }
    if (max != null) {
      where.append(" AND p.price_amount <= ").append(param(max));
    }
    String currency = QueryParams.text(query, "currency");
    if (currency != null) {
      if (!ProductRules.isCurrency(currency)) {
        throw Problem.invalidField("/currency", "must be an ISO 4217 currency code such as EUR");
      }
      where.append(" AND p.price_currency = ").append(param(currency));
    }
  }

  /** Keyset condition: strictly after the cursor's (key, id) in this sort's order. */
  private void after(String cursor) {
    JsonObject decoded = Cursors.decode(cursor);
    UUID id = Cursors.id(decoded, "i");
    if (!sort.equals(decoded.getValue("s")) || decoded.getValue("k") == null) {
      throw Problem.invalidField("/cursor", Cursors.NOT_OURS + " (the sort must stay the same)");
    }
    switch (sort) {
      case "newest" -> where.append(" AND (p.created_at, p.id) < (")
          .append(param(Cursors.time(Cursors.text(decoded, "k")))).append(", ").append(param(id)).append(")");
      case "price" -> where.append(" AND (p.price_amount, p.id) > (")
          .append(param(Cursors.whole(decoded, "k"))).append(", ").append(param(id)).append(")");
      case "-price" -> where.append(" AND (p.price_amount, p.id) < (")
          .append(param(Cursors.whole(decoded, "k"))).append(", ").append(param(id)).append(")");
      case "rating" -> where.append(" AND (" + RATING_KEY + ", p.rating_count, p.id) < ((")
          .append(param(Cursors.decimal(Cursors.text(decoded, "k")).toPlainString())).append("::text)::numeric, ")
          .append(param(Cursors.integer(decoded, "c"))).append(", ").append(param(id)).append(")");
      default -> where.append(" AND (p.name, p.id) > (")
          .append(param(Cursors.text(decoded, "k"))).append(", ").append(param(id)).append(")");
    }
  }

  String sql() {
    String order = switch (sort) {
      case "newest" -> "p.created_at DESC, p.id DESC";
      case "price" -> "p.price_amount ASC, p.id ASC";
      case "-price" -> "p.price_amount DESC, p.id DESC";
      case "rating" -> RATING_KEY + " DESC, p.rating_count DESC, p.id DESC";
      default -> "p.name ASC, p.id ASC";
    };
    // One row more than the page tells whether a next page exists.
    return "SELECT " + ProductRepository.COLUMNS_P + " FROM products p WHERE " + where + " ORDER BY " + order
        + " LIMIT " + (limit + 1);
  }

  Tuple params() {
    return params;
  }

  /** The page: at most {@code limit} items and the cursor after the last, or null at the end. */
  /** The page as the client gets it, encoded (the cursor is URL-safe base64, so it needs no escaping). */
  Buffer page(List<Product> rows, EncodedProducts encoded) {
    List<Product> items = rows.size() > limit ? rows.subList(0, limit) : rows;
    String next = null;
    if (rows.size() > limit) {
      Product last = items.get(items.size() - 1);
      Object key = switch (sort) {
        case "newest" -> last.createdAt().toString();
        case "price", "-price" -> last.price().amount();
        case "rating" -> BigDecimal.valueOf(last.ratingAverage() == null ? 0 : last.ratingAverage())
            .toPlainString();
        default -> last.name();
      };
      JsonObject cursor = new JsonObject().put("s", sort).put("k", key).put("i", last.id().toString());
      if (sort.equals("rating")) {
        cursor.put("c", last.ratingCount());
      }
      next = Cursors.encode(cursor);
    }
    // {"items": [...], "nextCursor": ...} written as bytes from the products' encodings
    Buffer page = Buffer.buffer(1024 * Math.max(1, items.size())).appendString("{\"items\":[");
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        page.appendByte((byte) ',');
      }
      page.appendBuffer(encoded.of(items.get(i)));
    }
    return page.appendString("],\"nextCursor\":").appendString(next == null ? "null" : "\"" + next + "\"")
        .appendString("}");
  }

  private String param(Object value) {
    params.addValue(value);
    return "$" + params.size();
  }

  private static Long number(JsonObject query, String name) {
    Long value = QueryParams.number(query, name);
    if (value != null && value < 0) {
      throw Problem.invalidField("/" + name, "must not be negative");
    }
    return value;
  }
}
