package mercato.order;

import java.util.List;
import mercato.order.api.OrderEvents;
import mercato.order.api.OrderRoutes;
import mercato.platform.domain.Domain;

/** The order domain: places orders (the checkout saga), follows payments and stock, and fulfilment per seller. */
public final class OrderDomain {
  public static final String NAME = "order";

  private OrderDomain() {}

  public static Domain domain() {
    return new Domain(NAME, true, OrderRoutes.ROUTES, OrderEvents.READS, List.of(), OrderVerticle::new);
  }
}
