package mercato.review.api;

import mercato.order.api.OrderAddresses;

/** The review domain's bus addresses. */
public final class ReviewAddresses {
  public static final String CREATE_REVIEW = "mercato.review.create-review";
  public static final String LIST_REVIEWS = "mercato.review.list-reviews";
  public static final String GET_REVIEW = "mercato.review.get-review";
  public static final String UPDATE_REVIEW = "mercato.review.update-review";
  public static final String DELETE_REVIEW = "mercato.review.delete-review";
  /**
   * The order domain's operation this domain asks (named by the order api):
   * {@code {accountId, productId}} or {@code {accountId, sellerId}} -> {@code {purchased: boolean}}.
   */
  public static final String HAS_PURCHASED = OrderAddresses.HAS_PURCHASED;

  private ReviewAddresses() {}
}
