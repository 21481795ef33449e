package mercato.review;

import static mercato.review.api.ReviewAddresses.*;

import io.vertx.core.Future;
import mercato.platform.bus.Operations;
import mercato.platform.bus.PeerClient;
import mercato.platform.domain.DomainContext;
import mercato.platform.domain.DomainVerticle;

/** Owns product and company reviews, their moderation and the rating summaries that catalog shows. */
final class ReviewVerticle extends DomainVerticle {
  ReviewVerticle(DomainContext context) {
    super(context);
  }

  @Override
  protected Future<?> deploy() {
    ReviewConfig config = ReviewConfig.read(context.section());
    openPool();
    Reviews reviews = new Reviews(pool, openReadPools(), context.outbox(), new Peers(new PeerClient(vertx, config.peerTimeoutMs())), config);
    operations = new Operations(vertx)
        .on(CREATE_REVIEW, reviews::create)
        .on(LIST_REVIEWS, reviews::list)
        .on(GET_REVIEW, reviews::get)
        .on(UPDATE_REVIEW, reviews::update)
        .on(DELETE_REVIEW, reviews::delete);
    return ready();
  }
}
