package mercato.analytics.api;

import java.util.List;
import mercato.auth.api.AuthEvents;
import mercato.cart.api.CartEvents;
import mercato.order.api.OrderEvents;
import mercato.search.api.SearchEvents;

/**
 * The events analytics reads (it writes none), named by their owners' api packages;
 * payloads are those of the order contract.
 */
public final class AnalyticsEvents {
  public static final String ORDER_PLACED = OrderEvents.PLACED;
  public static final String ORDER_PAID = OrderEvents.PAID;
  public static final String ORDER_REFUNDED = OrderEvents.REFUNDED;
  public static final String ORDER_CANCELLED = OrderEvents.CANCELLED;
  /** {cartId, accountId|null, productId, quantity, addedAt}. */
  public static final String CART_ITEM_ADDED = CartEvents.ITEM_ADDED;
  /** {logId, query, accountId|null, resultCount, latencyMs, at}. */
  public static final String SEARCH_PERFORMED = SearchEvents.SEARCH_PERFORMED;
  /** {accountId, type, createdAt}. */
  public static final String ACCOUNT_REGISTERED = AuthEvents.REGISTERED;

  public static final List<String> ALL = List.of(ORDER_PLACED, ORDER_PAID, ORDER_REFUNDED, ORDER_CANCELLED,
      CART_ITEM_ADDED, SEARCH_PERFORMED, ACCOUNT_REGISTERED);

  private AnalyticsEvents() {}
}
