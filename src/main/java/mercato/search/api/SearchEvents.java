package mercato.search.api;

/**
 * Events the search domain writes and reads. The types of other domains are spelled here
 * rather than imported, so the domains build apart.
 */
public final class SearchEvents {
  /** Written when a search is logged (in batches): {logId, query, accountId|null, resultCount, latencyMs, at}. */
  public static final String SEARCH_PERFORMED = "mercato.search.performed.v1";

  /** Catalog product snapshot (see the catalog's CatalogEvents): indexed. */
  public static final String PRODUCT_CREATED = "mercato.catalog.product-created.v1";
  public static final String PRODUCT_UPDATED = "mercato.catalog.product-updated.v1";
  /** {productId, sellerId, sku, version}: the product leaves the index for good. */
  public static final String PRODUCT_DELETED = "mercato.catalog.product-deleted.v1";
  /** {categoryId, parentId, name, categoryPath, categoryNames}: a rename or move, applied to the products below. */
  public static final String CATEGORY_UPDATED = "mercato.catalog.category-updated.v1";
  /** {productId, warehouseId, onHand, reserved, available}: one warehouse's stock of one product. */
  public static final String STOCK_CHANGED = "mercato.inventory.stock-changed.v1";
  /** {productId, count, sum, average, distribution}: the product's rating after a review change. */
  public static final String RATING_CHANGED = "mercato.review.rating-changed.v1";

  private SearchEvents() {}
}
