package mercato;

import java.util.List;
import mercato.affiliate.AffiliateDomain;
import mercato.analytics.AnalyticsDomain;
import mercato.auth.AuthDomain;
import mercato.cart.CartDomain;
import mercato.catalog.CatalogDomain;
import mercato.email.EmailDomain;
import mercato.inventory.InventoryDomain;
import mercato.notification.NotificationDomain;
import mercato.order.OrderDomain;
import mercato.payment.PaymentDomain;
import mercato.platform.events.EventsDomain;
import mercato.platform.domain.Domain;
import mercato.profile.ProfileDomain;
import mercato.review.ReviewDomain;
import mercato.search.SearchDomain;

/** Every domain of Mercato, in start order; the one list that knows them all. */
final class Domains {
  private Domains() {}

  static List<Domain> all() {
    return List.of(AuthDomain.domain(), ProfileDomain.domain(), EmailDomain.domain(), NotificationDomain.domain(),
        CatalogDomain.domain(), InventoryDomain.domain(), CartDomain.domain(), OrderDomain.domain(),
        PaymentDomain.domain(), AffiliateDomain.domain(), ReviewDomain.domain(), SearchDomain.domain(),
        AnalyticsDomain.domain(), EventsDomain.domain());
  }
}
