package mercato.review;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import mercato.platform.bus.Principal;
import mercato.platform.bus.Cursors;
import mercato.platform.bus.Pages;
import mercato.platform.bus.Problem;
import mercato.platform.bus.QueryParams;
import mercato.platform.ids.Ids;

/**
 * One {@code GET /reviews} query, newest first: filters by product, company (or sellerId),
 * author and rating; published reviews only, except that an admin may ask for a status and
 * an author listing its own reviews ({@code authorId} = itself) sees its hidden ones too.
 * The cursor is base64url of {@code {"t": createdAt, "i": id}} of the last row: the next page
 * starts strictly after it. SQL is built from fixed fragments only; values are parameters.
 */
final class ReviewListing {
  private final int limit;
  private final StringBuilder where = new StringBuilder("TRUE");
  private final Tuple params = Tuple.tuple();
  private Target target;

  private ReviewListing(int limit) {
    this.limit = limit;
  }

  static ReviewListing of(Principal principal, JsonObject query, int defaultLimit) {
    ReviewListing listing = new ReviewListing(Pages.limit(query, defaultLimit, Pages.CEILING));
    listing.filter(principal, query);
    String cursor = QueryParams.text(query, "cursor");
    if (cursor != null) {
      listing.after(cursor);
    }
    return listing;
  }

  /** The one product or company the listing is about, or null. */
  Target target() {
    return target;
  }

  private void filter(Principal principal, JsonObject query) {
    UUID product = QueryParams.id(query, "productId");
    UUID company = QueryParams.id(query, "companyId");
    UUID seller = QueryParams.id(query, "sellerId");
    if (company != null && seller != null && !company.equals(seller)) {
      throw Problem.invalidField("/sellerId", "must equal companyId when both are given");
    }
    company = company != null ? company : seller;
    if (product != null && company != null) {
      throw Problem.invalidField("/companyId", "filter by a product or by a company, not both");
    }
    if (product != null) {
      target = Target.product(product);
      where.append(" AND product_id = ").append(param(product));
    }
    if (company != null) {
      target = Target.company(company);
      where.append(" AND company_id = ").append(param(company));
    }
    UUID author = QueryParams.id(query, "authorId");
    if (author != null) {
      where.append(" AND author_id = ").append(param(author));
    }
    Long rating = QueryParams.number(query, "rating");
    if (rating != null) {
      if (rating < 1 || rating > 5) {
        throw Problem.invalidField("/rating", "must be from 1 to 5");
      }
      where.append(" AND rating = ").append(param(rating.shortValue()));
    }
    String status = QueryParams.text(query, "status");
    boolean admin = principal != null && principal.isAdmin();
    boolean own = principal != null && author != null && author.toString().equals(principal.sub());
    if (status != null) {
      if (!ReviewRules.STATUSES.contains(status)) {
        throw Problem.invalidField("/status", "must be published or hidden");
      }
      if (!admin && !own) {
        throw Problem.invalidField("/status", "only admins (or an author listing its own reviews) filter by status");
      }
      where.append(" AND status = ").append(param(status));
    } else if (!own) {
      where.append(" AND status = 'published'");
    }
  }

  private void after(String cursor) {
    JsonObject decoded = Cursors.decode(cursor);
    UUID id = Cursors.id(decoded, "i");
    OffsetDateTime time = Cursors.time(Cursors.text(decoded, "t"));
    where.append(" AND (created_at, id) < (").append(param(time)).append(", ").append(param(id)).append(")");
  }

  String sql() {
    // One row more than the page tells whether a next page exists.
    return "SELECT " + ReviewRepository.COLUMNS + " FROM reviews WHERE " + where
        + " ORDER BY created_at DESC, id DESC LIMIT " + (limit + 1);
  }

  Tuple params() {
    return params;
  }

  /** The page: at most {@code limit} items and the cursor after the last, or null at the end. */
  JsonObject page(List<Review> rows) {
    List<Review> items = rows.size() > limit ? rows.subList(0, limit) : rows;
    String next = null;
    if (rows.size() > limit) {
      Review last = items.get(items.size() - 1);
      next = Cursors.encode(new JsonObject().put("t", last.createdAt().toString()).put("i", last.id().toString()));
    }
    JsonArray out = new JsonArray();
    items.forEach(r -> out.add(r.toJson()));
    return new JsonObject().put("items", out).put("nextCursor", next);
  }

  private String param(Object value) {
    params.addValue(value);
    return "$" + params.size();
  }
}
