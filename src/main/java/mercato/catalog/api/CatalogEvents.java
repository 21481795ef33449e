package mercato.catalog.api;

import mercato.review.api.ReviewEvents;

/**
 * Events the catalog writes, all public, and the one it reads (rating-changed). A product snapshot is
 * {@code {productId, sellerId, sku, name, slug, status, price: Money, categoryId, tags, lowStockThreshold,
 * description, version, createdAt, updatedAt, categoryPath: [category ids, root first, ending with categoryId],
 * categoryNames: [their names, same order], categoryName}} ({@code categoryPath} and {@code categoryNames} empty
 * and {@code categoryName} null without a category). {@code version} grows with every change, so a reader can drop
 * a stale redelivery.
 */
public final class CatalogEvents {
  /** data = product snapshot */
  public static final String PRODUCT_CREATED = "mercato.catalog.product-created.v1";
  /** data = product snapshot (after the change) */
  public static final String PRODUCT_UPDATED = "mercato.catalog.product-updated.v1";
  /** {productId, sellerId, name, oldPrice: Money, newPrice: Money}; written together with product-updated */
  public static final String PRICE_CHANGED = "mercato.catalog.price-changed.v1";
  /** {productId, sellerId, sku, version} (version: the product's after the delete, higher than any snapshot's) */
  public static final String PRODUCT_DELETED = "mercato.catalog.product-deleted.v1";

  /**
   * {categoryId, parentId, name, categoryPath, categoryNames}: a category was renamed or moved; the trail is
   * the category's own (root first, ending with it), so products below it have this trail as their prefix.
   */
  public static final String CATEGORY_UPDATED = "mercato.catalog.category-updated.v1";

  /**
   * Read, not written: the review domain's summary of a product's published reviews, subject = productId,
   * {@code {productId, count, sum, average, distribution: {"1": n, ..., "5": n}, revision}}. Spelled here rather
   * than imported so the two domains can be built apart.
   */
  public static final String RATING_CHANGED = ReviewEvents.RATING_CHANGED;

  private CatalogEvents() {}
}
