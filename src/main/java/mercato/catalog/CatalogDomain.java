package mercato.catalog;

import java.util.List;
import mercato.catalog.api.CatalogEvents;
import mercato.catalog.api.CatalogRoutes;
import mercato.platform.domain.Domain;

/** The catalog domain as the node sees it: it keeps the rating summaries the review domain computes. */
public final class CatalogDomain {
  private CatalogDomain() {}

  public static Domain domain() {
    return new Domain("catalog", true, CatalogRoutes.ROUTES, List.of(CatalogEvents.RATING_CHANGED), List.of(),
        CatalogVerticle::new);
  }
}
