package mercato.analytics.api;

import java.util.List;

/**
 * The events analytics reads (it writes none). The types are spelled here rather than
 * imported so the domains can be built apart; payloads are those of the order contract.
 */
public final class AnalyticsEvents {
  public static final String ORDER_PLACED = "mercato.order.placed.v1";
  public static final String ORDER_PAID = "mercato.order.paid.v1";
  public static final String ORDER_REFUNDED = "mercato.order.refunded.v1";
  public static final String ORDER_CANCELLED = "mercato.order.cancelled.v1";
  /** {cartId, accountId|null, productId, quantity, addedAt}. */
  public static final String CART_ITEM_ADDED = "mercato.cart.item-added.v1";
  /** {logId, query, accountId|null, resultCount, latencyMs, at}. */
  public static final String SEARCH_PERFORMED = "mercato.search.performed.v1";
  /** {accountId, type, createdAt}. */
  public static final String ACCOUNT_REGISTERED = "mercato.auth.registered.v1";

  public static final List<String> ALL = List.of(ORDER_PLACED, ORDER_PAID, ORDER_REFUNDED, ORDER_CANCELLED,
      CART_ITEM_ADDED, SEARCH_PERFORMED, ACCOUNT_REGISTERED);

  private AnalyticsEvents() {}
}
