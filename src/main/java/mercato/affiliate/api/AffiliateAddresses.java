package mercato.affiliate.api;

/** The affiliate domain's bus addresses: programmes, their commissions and payouts. */
public final class AffiliateAddresses {
  public static final String REGISTER_AFFILIATE = "mercato.affiliate.register-affiliate";
  public static final String LIST_AFFILIATES = "mercato.affiliate.list-affiliates";
  public static final String GET_AFFILIATE = "mercato.affiliate.get-affiliate";
  public static final String GET_OWN_AFFILIATE = "mercato.affiliate.get-own-affiliate";
  /** Profile fields (self or admin), rate and status (admin), or a payout (admin, sent alone). */
  public static final String UPDATE_AFFILIATE = "mercato.affiliate.update-affiliate";
  public static final String DELETE_AFFILIATE = "mercato.affiliate.delete-affiliate";
  public static final String LIST_SALES = "mercato.affiliate.list-sales";
  public static final String COUNT_CLICK = "mercato.affiliate.count-click";
  public static final String LIST_CLICKS = "mercato.affiliate.list-clicks";
  /** {affiliateId, orderId?, amount: Money, externalReference, note?}; idempotent by externalReference. */
  public static final String RECORD_COMMISSION = "mercato.affiliate.record-commission";

  private AffiliateAddresses() {}
}
