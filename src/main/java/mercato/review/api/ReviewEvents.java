package mercato.review.api;

/**
 * Events the review domain writes, all public. A review event carries
 * {@code {reviewId, authorId, productId|null, companyId|null, rating, verifiedPurchase, status}}
 * (never the title or text); subject = reviewId.
 */
public final class ReviewEvents {
  public static final String CREATED = "mercato.review.created.v1";
  public static final String UPDATED = "mercato.review.updated.v1";
  /** Also written when an admin hides or publishes a review (status says which). */
  public static final String MODERATED = "mercato.review.moderated.v1";
  public static final String DELETED = "mercato.review.deleted.v1";
  /**
   * A product's summary over its published reviews, recomputed in the transaction of the change;
   * subject = productId: {@code {productId, count, sum, average (2 decimals, 0 when count = 0),
   * distribution: {"1": n, ..., "5": n}, revision}}. {@code revision} grows with every change of the
   * figures: a reader keeps the summary of the highest revision it saw.
   */
  public static final String RATING_CHANGED = "mercato.review.rating-changed.v1";

  private ReviewEvents() {}
}
