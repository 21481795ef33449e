package mercato.search.api;

/** The search domain's bus addresses. */
public final class SearchAddresses {
  /** GET /search/products and POST /search: full-text search with filters, facets, sorts and a cursor. */
  public static final String FIND_PRODUCTS = "mercato.search.find-products";
  /** GET /search/suggestions: autocomplete from product names and popular queries. */
  public static final String SUGGEST = "mercato.search.suggest-terms";
  /** GET /search/orders: the caller's envelope forwarded to the order domain's search-orders. */
  public static final String FIND_ORDERS = "mercato.search.find-orders";
  /** GET /search-logs: recent searches and the zero-result query summary. */
  public static final String LIST_LOGS = "mercato.search.list-logs";

  private SearchAddresses() {}
}
