package mercato.review;

import java.util.List;
import mercato.platform.domain.Domain;
import mercato.review.api.ReviewRoutes;

/** The review domain as the node sees it: it reads no events, it writes review and rating events. */
public final class ReviewDomain {
  public static final String NAME = "review";

  private ReviewDomain() {}

  public static Domain domain() {
    return new Domain(NAME, true, ReviewRoutes.ROUTES, List.of(), List.of(), ReviewVerticle::new);
  }
}
