package mercato.review;

import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.UUID;
import mercato.platform.bus.Fields;
import mercato.platform.bus.Problem;
import mercato.platform.ids.Ids;

/**
 * The body rules of reviews, beyond what the contract checks: one target, a whole rating
 * 1..5, a title and a text that are not blank and not too long. Title and text are
 * returned as sent (not trimmed, not escaped): storage keeps what the customer wrote.
 */
final class ReviewRules {
  static final Set<String> CREATE_FIELDS = Set.of("productId", "companyId", "sellerId", "rating", "title", "text");
  static final Set<String> EDIT_FIELDS = Set.of("rating", "title", "text");
  static final Set<String> STATUSES = Set.of(Review.PUBLISHED, Review.HIDDEN);

  private ReviewRules() {}

  /** The changes an author asks for; null fields stay as they are. */
  record Edit(Integer rating, String title, String text) {}

  /** Exactly one of productId, companyId (sellerId is the same as companyId). */
  static Target target(JsonObject body) {
    UUID product = id(body, "productId");
    UUID company = id(body, "companyId");
    UUID seller = id(body, "sellerId");
    if (company != null && seller != null && !company.equals(seller)) {
      throw Problem.invalidField("/sellerId", "must equal companyId when both are given");
    }
    company = company != null ? company : seller;
    if ((product == null) == (company == null)) {
      throw Problem.invalidField("/productId", "give exactly one of productId and companyId (or sellerId)");
    }
    return product != null ? Target.product(product) : Target.company(company);
  }

  static int rating(JsonObject body) {
    Object value = body.getValue("rating");
    if (!(value instanceof Integer || value instanceof Long)) {
      throw Problem.invalidField("/rating", "is required and must be a whole number from 1 to 5");
    }
    long rating = ((Number) value).longValue();
    if (rating < 1 || rating > 5) {
      throw Problem.invalidField("/rating", "must be from 1 to 5");
    }
    return (int) rating;
  }

  static String text(JsonObject body, String name, int max) {
    if (!(body.getValue(name) instanceof String text) || text.isBlank()) {
      throw Problem.invalidField("/" + name, "is required and must be a non-blank string");
    }
    if (text.codePointCount(0, text.length()) > max) {
      throw Problem.invalidField("/" + name, "must be at most " + max + " characters");
    }
    return text;
  }

  static Edit edit(JsonObject body, ReviewConfig config) {
    Fields.only(body, EDIT_FIELDS, "cannot be changed (an author edits rating, title and text)");
    if (body.isEmpty()) {
      throw Problem.invalidField("", "give at least one of rating, title, text");
    }
    return new Edit(
        body.containsKey("rating") ? rating(body) : null,
        body.containsKey("title") ? text(body, "title", config.titleMaxLength()) : null,
        body.containsKey("text") ? text(body, "text", config.textMaxLength()) : null);
  }

  /** An admin's moderation body: {status: published | hidden} and nothing else. */
  static String status(JsonObject body) {
    Fields.only(body, Set.of("status"), "admins moderate a review by its status only");
    Object value = body.getValue("status");
    if (!(value instanceof String status) || !STATUSES.contains(status)) {
      throw Problem.invalidField("/status", "must be published or hidden");
    }
    return status;
  }

  private static UUID id(JsonObject body, String name) {
    Object value = body.getValue(name);
    if (value == null) {
      return null;
    }
    UUID id = value instanceof String text ? Ids.parse(text) : null;
    if (id == null) {
      throw Problem.invalidField("/" + name, "must be a UUID");
    }
    return id;
  }
}
