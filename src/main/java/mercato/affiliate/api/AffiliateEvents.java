package mercato.affiliate.api;

import mercato.order.api.OrderEvents;

/**
 * Events the affiliate domain writes (subject = affiliateId, all public) and the order
 * events it reads (named by the order api).
 */
public final class AffiliateEvents {
  /** {affiliateId, accountId, referralCode, rateBps}. */
  public static final String REGISTERED = "mercato.affiliate.registered.v1";
  /** {affiliateId, changes: {field: new value}} for rate and status changes and removal ({deleted: true}). */
  public static final String UPDATED = "mercato.affiliate.updated.v1";
  /** {commissionId, affiliateId, kind (order|manual), orderId|null, amount: Money, rateBps|null, status}. */
  public static final String COMMISSION_RECORDED = "mercato.affiliate.commission-recorded.v1";
  /** A refund reduced it: {commissionId, affiliateId, orderId, refundId, before: Money, after: Money}. */
  public static final String COMMISSION_ADJUSTED = "mercato.affiliate.commission-adjusted.v1";
  /** The return window passed: {commissionId, affiliateId, amount: Money}. */
  public static final String COMMISSION_APPROVED = "mercato.affiliate.commission-approved.v1";
  /** {payoutId, affiliateId, amount: Money, commissionCount, through (ISO date), reference|null}. */
  public static final String PAYOUT_RECORDED = "mercato.affiliate.payout-recorded.v1";

  /** Read: {orderId, accountId, referralCode|null, total: Money, paidAt, ...}: a referred order earns a commission. */
  public static final String ORDER_PAID = OrderEvents.PAID;
  /** Read: {orderId, refundId, refundedTotal: Money, total: Money, ...}: the commission shrinks in proportion. */
  public static final String ORDER_REFUNDED = OrderEvents.REFUNDED;

  private AffiliateEvents() {}
}
