package mercato.affiliate;

import java.util.List;
import mercato.affiliate.api.AffiliateEvents;
import mercato.affiliate.api.AffiliateRoutes;
import mercato.platform.domain.Domain;

/** The affiliate domain: programmes with referral codes, commissions earned from paid referred orders, payouts. */
public final class AffiliateDomain {
  public static final String NAME = "affiliate";

  private AffiliateDomain() {}

  public static Domain domain() {
    return new Domain(NAME, true, AffiliateRoutes.ROUTES,
        List.of(AffiliateEvents.ORDER_PAID, AffiliateEvents.ORDER_REFUNDED), List.of(), AffiliateVerticle::new);
  }
}
