package mercato.catalog;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import mercato.platform.bus.Fields;
import mercato.platform.money.Money;

/**
 * A product as stored. {@link #apply} yields the product with a create or update body
 * applied and checked by {@link ProductRules}; the owner and the rating never come from a body.
 */
record Product(
    UUID id,
    UUID sellerId,
    String name,
    String slug,
    String description,
    Money price,
    String status,
    UUID categoryId,
    List<String> tags,
    JsonObject attributes,
    JsonArray images,
    String sku,
    int lowStockThreshold,
    Double ratingAverage,
    int ratingCount,
    JsonObject ratingDistribution,
    int version,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt,
    OffsetDateTime deletedAt) {

  static final int DEFAULT_LOW_STOCK_THRESHOLD = 5;

  /** A new product of {@code sellerId} from a create body: name, price and sku are required. */
  static Product create(UUID id, UUID sellerId, JsonObject body) {
    ProductRules.requireFields(body, "name", "price", "sku");
    Product blank = new Product(id, sellerId, null, null, null, null, "draft", null, List.of(), new JsonObject(),
        new JsonArray(), null, DEFAULT_LOW_STOCK_THRESHOLD, null, 0, ProductRatings.noRatings(), 1, null, null, null);
    Product created = blank.apply(body);
    return created.slug() == null ? created.withSlug(ProductRules.slugOf(created.name())) : created;
  }

  /** This product with the fields of {@code body} replaced; {@code null} clears description and categoryId. */
  Product apply(JsonObject body) {
    // The owner, rating and ids are not writable: a body naming them is refused, never trusted.
    Fields.only(body, ProductRules.FIELDS, "is not a writable product field");
    String newName = body.containsKey("name") ? ProductRules.name(body) : name;
    String newSlug = body.containsKey("slug") ? ProductRules.slug(body) : slug;
    String newDescription = body.containsKey("description") ? ProductRules.description(body) : description;
    Money newPrice = body.containsKey("price") ? ProductRules.price(body) : price;
    String newStatus = body.containsKey("status") ? ProductRules.status(body) : status;
    UUID newCategory = body.containsKey("categoryId") ? ProductRules.categoryId(body) : categoryId;
    List<String> newTags = body.containsKey("tags") ? ProductRules.tags(body) : tags;
    JsonObject newAttributes = body.containsKey("attributes") ? ProductRules.attributes(body) : attributes;
    JsonArray newImages = body.containsKey("images") ? ProductRules.images(body) : images;
    String newSku = body.containsKey("sku") ? ProductRules.sku(body) : sku;
    int newThreshold = body.containsKey("lowStockThreshold") ? ProductRules.lowStockThreshold(body) : lowStockThreshold;
    return new Product(id, sellerId, newName, newSlug, newDescription, newPrice, newStatus, newCategory, newTags,
        newAttributes, newImages, newSku, newThreshold, ratingAverage, ratingCount, ratingDistribution, version,
        createdAt, updatedAt, deletedAt);
  }

  Product withSlug(String newSlug) {
    return new Product(id, sellerId, name, newSlug, description, price, status, categoryId, tags, attributes, images,
        sku, lowStockThreshold, ratingAverage, ratingCount, ratingDistribution, version, createdAt, updatedAt,
        deletedAt);
  }

  boolean deleted() {
    return deletedAt != null;
  }

  boolean ownedBy(String sub) {
    return sellerId.toString().equals(sub);
  }

  static Product from(Row row) {
    String[] tagArray = row.getArrayOfStrings("tags");
    Object rating = row.getValue("rating_average");
    return new Product(
        row.getUUID("id"),
        row.getUUID("seller_id"),
        row.getString("name"),
        row.getString("slug"),
        row.getString("description"),
        new Money(row.getLong("price_amount"), row.getString("price_currency")),
        row.getString("status"),
        row.getUUID("category_id"),
        tagArray == null ? List.of() : Arrays.asList(tagArray),
        (JsonObject) row.getJson("attributes"),
        (JsonArray) row.getJson("images"),
        row.getString("sku"),
        row.getInteger("low_stock_threshold"),
        rating == null ? null : ((Number) rating).doubleValue(),
        row.getInteger("rating_count"),
        (JsonObject) row.getJson("rating_distribution"),
        row.getInteger("version"),
        row.getOffsetDateTime("created_at"),
        row.getOffsetDateTime("updated_at"),
        row.getOffsetDateTime("deleted_at"));
  }

  /** What clients read. */
  JsonObject toJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("sellerId", sellerId.toString())
        .put("name", name)
        .put("slug", slug)
        .put("description", description)
        .put("price", price.toJson())
        .put("status", status)
        .put("categoryId", categoryId == null ? null : categoryId.toString())
        .put("tags", new JsonArray(tags))
        .put("attributes", attributes)
        .put("images", images)
        .put("sku", sku)
        .put("lowStockThreshold", lowStockThreshold)
        .put("rating", new JsonObject().put("average", ratingAverage).put("count", ratingCount)
            .put("distribution", ratingDistribution))
        .put("version", version)
        .put("createdAt", utc(createdAt))
        .put("updatedAt", utc(updatedAt));
  }

  /**
   * The event payload of product-created and product-updated, and one item of the export: the
   * product as readers index it, with its category's trail (root first) and its version.
   */
  JsonObject snapshot(CategoryTrail trail) {
    JsonObject snapshot = new JsonObject()
        .put("productId", id.toString())
        .put("sellerId", sellerId.toString())
        .put("sku", sku)
        .put("name", name)
        .put("slug", slug)
        .put("status", status)
        .put("price", price.toJson())
        .put("categoryId", categoryId == null ? null : categoryId.toString())
        .put("tags", new JsonArray(tags))
        .put("images", images)
        .put("lowStockThreshold", lowStockThreshold)
        .put("description", description)
        .put("version", version)
        .put("createdAt", utc(createdAt))
        .put("updatedAt", utc(updatedAt));
    trail.into(snapshot);
    return snapshot;
  }

  /** One item of the get-products answer. */
  JsonObject lookup() {
    return new JsonObject()
        .put("id", id.toString())
        .put("sellerId", sellerId.toString())
        .put("sku", sku)
        .put("name", name)
        .put("status", status)
        .put("price", price.toJson())
        .put("lowStockThreshold", lowStockThreshold)
        .put("deleted", deleted());
  }

  private static String utc(OffsetDateTime time) {
    return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC).toInstant().toString();
  }
}
