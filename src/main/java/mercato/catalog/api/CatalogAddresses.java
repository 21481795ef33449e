package mercato.catalog.api;

/** The catalog domain's bus addresses: products, categories, tags, and the internal lookups. */
public final class CatalogAddresses {
  public static final String LIST_PRODUCTS = "mercato.catalog.list-products";
  public static final String GET_PRODUCT = "mercato.catalog.get-product";
  public static final String CREATE_PRODUCT = "mercato.catalog.create-product";
  public static final String UPDATE_PRODUCT = "mercato.catalog.update-product";
  public static final String DELETE_PRODUCT = "mercato.catalog.delete-product";
  public static final String LIST_CATEGORIES = "mercato.catalog.list-categories";
  public static final String CREATE_CATEGORY = "mercato.catalog.create-category";
  public static final String UPDATE_CATEGORY = "mercato.catalog.update-category";
  public static final String DELETE_CATEGORY = "mercato.catalog.delete-category";
  public static final String LIST_TAGS = "mercato.catalog.list-tags";
  public static final String CREATE_TAG = "mercato.catalog.create-tag";
  public static final String DELETE_TAG = "mercato.catalog.delete-tag";
  /**
   * Internal: body {@code {ids: [uuid...]}} (at most 500) -> {@code {items: [{id, sellerId, sku, name, status,
   * price, lowStockThreshold, deleted}]}}; soft-deleted products included, unknown ids absent. One round trip per
   * cart or order.
   */
  public static final String GET_PRODUCTS = "mercato.catalog.get-products";
  /**
   * Internal: body {@code {after: uuid|null, limit: 1..500}} -> {@code {items: [product snapshot as in
   * CatalogEvents], nextAfter: uuid|null}}: every live product (any status) in id order, page by page. Search
   * rebuilds its index from it.
   */
  public static final String EXPORT_PRODUCTS = "mercato.catalog.export-products";
  /** Published (may be lost) after a product changed: every catalog node drops its in-memory copy of the id. */
  public static final String CACHE_EVICT = "mercato.catalog.broadcast.cache-evict";

  private CatalogAddresses() {}
}
