package mercato.analytics;

import java.util.List;
import mercato.analytics.api.AnalyticsEvents;
import mercato.analytics.api.AnalyticsRoutes;
import mercato.platform.domain.Domain;

/** The analytics domain: facts and daily rollups fed by order, cart, search and auth events; the edge's traffic counters. */
public final class AnalyticsDomain {
  public static final String NAME = "analytics";

  private AnalyticsDomain() {}

  public static Domain domain() {
    return new Domain(NAME, true, AnalyticsRoutes.ROUTES, AnalyticsEvents.ALL, List.of(), AnalyticsVerticle::new);
  }
}
