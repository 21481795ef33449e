package mercato.notification.api;

import java.util.List;
import mercato.affiliate.api.AffiliateEvents;
import mercato.auth.api.AuthEvents;
import mercato.cart.api.CartEvents;
import mercato.catalog.api.CatalogEvents;
import mercato.inventory.api.InventoryEvents;
import mercato.order.api.OrderEvents;
import mercato.payment.api.PaymentEvents;
import mercato.review.api.ReviewEvents;
import mercato.search.api.SearchEvents;

/**
 * The event types a webhook endpoint may subscribe to: every public event a domain writes
 * (the private ones, which carry secrets or addresses, never leave Mercato). The
 * {@link #SUBSCRIBER} receives them all from the relays and queues one delivery per
 * matching endpoint.
 */
public final class WebhookEventTypes {
  /** The outbox subscriber that fans events out to endpoints ({@code mercato.webhooks.inbox}). */
  public static final String SUBSCRIBER = "webhooks";

  public static final List<String> ALL = List.of(
      AffiliateEvents.REGISTERED, AffiliateEvents.UPDATED, AffiliateEvents.COMMISSION_RECORDED,
      AffiliateEvents.COMMISSION_ADJUSTED, AffiliateEvents.COMMISSION_APPROVED, AffiliateEvents.PAYOUT_RECORDED,
      AuthEvents.REGISTERED, AuthEvents.PASSWORD_CHANGED, AuthEvents.ACCOUNT_CLOSED, AuthEvents.API_KEY_CREATED,
      AuthEvents.API_KEY_REVOKED,
      CartEvents.ITEM_ADDED,
      CatalogEvents.PRODUCT_CREATED, CatalogEvents.PRODUCT_UPDATED, CatalogEvents.PRICE_CHANGED,
      CatalogEvents.PRODUCT_DELETED, CatalogEvents.CATEGORY_UPDATED,
      InventoryEvents.STOCK_CHANGED, InventoryEvents.LOW_STOCK, InventoryEvents.BACK_IN_STOCK,
      InventoryEvents.RESERVATION_EXPIRED,
      OrderEvents.PLACED, OrderEvents.PAID, OrderEvents.CANCELLED, OrderEvents.REFUNDED, OrderEvents.SHIPPED,
      OrderEvents.DELIVERED, OrderEvents.STATUS_CHANGED, OrderEvents.REFUND_DUE,
      PaymentEvents.AUTHORIZED, PaymentEvents.CAPTURED, PaymentEvents.FAILED, PaymentEvents.REFUNDED,
      ReviewEvents.CREATED, ReviewEvents.UPDATED, ReviewEvents.MODERATED, ReviewEvents.DELETED,
      ReviewEvents.RATING_CHANGED,
      SearchEvents.SEARCH_PERFORMED);

  private WebhookEventTypes() {}
}
