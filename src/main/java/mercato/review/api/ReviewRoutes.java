package mercato.review.api;

import static mercato.review.api.ReviewAddresses.*;

import java.util.List;
import mercato.platform.route.Access;
import mercato.platform.route.Answer;
import mercato.platform.route.Route;

/**
 * The review domain's HTTP routes, with the aliases of ROUTES.md. Customers write reviews;
 * the author edits, an admin moderates (PUT with a status) and deletes; reads are public.
 */
public final class ReviewRoutes {
  private static final Access AUTHOR_OR_ADMIN = Access.types("customer", "admin");

  public static final List<Route> ROUTES = List.of(
      Route.post("/reviews", CREATE_REVIEW, "createReview", Access.types("customer")).answers(Answer.created("/reviews/{id}")).alias("/review"),
      Route.get("/reviews", LIST_REVIEWS, "listReviews", Access.PUBLIC),
      Route.get("/reviews/{review_id}", GET_REVIEW, "getReview", Access.PUBLIC).alias("/review/{review_id}"),
      Route.put("/reviews/{review_id}", UPDATE_REVIEW, "updateReview", AUTHOR_OR_ADMIN).alias("/review/{review_id}"),
      Route.delete("/reviews/{review_id}", DELETE_REVIEW, "deleteReview", AUTHOR_OR_ADMIN).answers(Answer.noContent())
          .alias("/review/{review_id}"));

  private ReviewRoutes() {}
}
