package mercato.search.api;

import mercato.catalog.api.CatalogEvents;
import mercato.inventory.api.InventoryEvents;
import mercato.review.api.ReviewEvents;

/**
 * Events the search domain writes and reads; the types of other domains come from their
 * owners' api packages.
 */
public final class SearchEvents {
  /** Written when a search is logged (in batches): {logId, query, accountId|null, resultCount, latencyMs, at}. */
  public static final String SEARCH_PERFORMED = "mercato.search.performed.v1";

  /** Catalog product snapshot (see the catalog's CatalogEvents): indexed. */
  public static final String PRODUCT_CREATED = CatalogEvents.PRODUCT_CREATED;
  public static final String PRODUCT_UPDATED = CatalogEvents.PRODUCT_UPDATED;
  /** {productId, sellerId, sku, version}: the product leaves the index for good. */
  public static final String PRODUCT_DELETED = CatalogEvents.PRODUCT_DELETED;
  /** {categoryId, parentId, name, categoryPath, categoryNames}: a rename or move, applied to the products below. */
  public static final String CATEGORY_UPDATED = CatalogEvents.CATEGORY_UPDATED;
  /** {productId, warehouseId, onHand, reserved, available}: one warehouse's stock of one product. */
  public static final String STOCK_CHANGED = InventoryEvents.STOCK_CHANGED;
  /** {productId, count, sum, average, distribution}: the product's rating after a review change. */
  public static final String RATING_CHANGED = ReviewEvents.RATING_CHANGED;

  private SearchEvents() {}
}
