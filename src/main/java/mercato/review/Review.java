package mercato.review;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** A review as stored. Title and text are kept exactly as sent; whoever renders them escapes them. */
record Review(
    UUID id,
    UUID authorId,
    UUID productId,
    UUID companyId,
    int rating,
    String title,
    String text,
    boolean verifiedPurchase,
    String status,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt) {

  static final String PUBLISHED = "published";
  static final String HIDDEN = "hidden";

  Target target() {
    return productId != null ? Target.product(productId) : Target.company(companyId);
  }

  boolean published() {
    return PUBLISHED.equals(status);
  }

  boolean writtenBy(String sub) {
    return authorId.toString().equals(sub);
  }

  static Review from(Row row) {
    return new Review(
        row.getUUID("id"),
        row.getUUID("author_id"),
        row.getUUID("product_id"),
        row.getUUID("company_id"),
        row.getInteger("rating"),
        row.getString("title"),
        row.getString("body"),
        row.getBoolean("verified_purchase"),
        row.getString("status"),
        row.getOffsetDateTime("created_at"),
        row.getOffsetDateTime("updated_at"));
  }

  /** What clients read. */
  JsonObject toJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("authorId", authorId.toString())
        .put("productId", productId == null ? null : productId.toString())
        .put("companyId", companyId == null ? null : companyId.toString())
        .put("rating", rating)
        .put("title", title)
        .put("text", text)
        .put("verifiedPurchase", verifiedPurchase)
        .put("status", status)
        .put("createdAt", utc(createdAt))
        .put("updatedAt", utc(updatedAt));
  }

  /** The payload of the review events: no title or text. */
  JsonObject eventData() {
    return new JsonObject()
        .put("reviewId", id.toString())
        .put("authorId", authorId.toString())
        .put("productId", productId == null ? null : productId.toString())
        .put("companyId", companyId == null ? null : companyId.toString())
        .put("rating", rating)
        .put("verifiedPurchase", verifiedPurchase)
        .put("status", status);
  }

  static String utc(OffsetDateTime time) {
    return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC).toInstant().toString();
  }
}
