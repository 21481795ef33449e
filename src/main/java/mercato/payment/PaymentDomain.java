package mercato.payment;

import java.util.List;
import mercato.payment.api.PaymentEvents;
import mercato.payment.api.PaymentRoutes;
import mercato.platform.domain.Domain;

/** The payment domain: charges orders through a gateway, refunds, and listens for cancelled orders. */
public final class PaymentDomain {
  public static final String NAME = "payment";

  private PaymentDomain() {}

  public static Domain domain() {
    return new Domain(NAME, true, PaymentRoutes.ROUTES, List.of(PaymentEvents.ORDER_CANCELLED, PaymentEvents.ORDER_REFUND_DUE), List.of(),
        PaymentVerticle::new);
  }
}
