package mercato.search;

import static mercato.search.api.SearchEvents.*;

import java.util.List;
import mercato.platform.domain.Domain;
import mercato.search.api.SearchRoutes;

/** The search domain as the node sees it: it reads catalog, inventory and review events. */
public final class SearchDomain {
  public static final String NAME = "search";

  private SearchDomain() {}

  public static Domain domain() {
    return new Domain(NAME, true, SearchRoutes.ROUTES,
        List.of(PRODUCT_CREATED, PRODUCT_UPDATED, PRODUCT_DELETED, CATEGORY_UPDATED, STOCK_CHANGED, RATING_CHANGED),
        List.of(), SearchVerticle::new);
  }
}
