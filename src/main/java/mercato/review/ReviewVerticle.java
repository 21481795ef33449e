package mercato.review;

import static mercato.review.api.ReviewAddresses.*;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import mercato.platform.bus.Operations;
import mercato.platform.config.ConfigException;
import mercato.platform.db.Databases;
import mercato.platform.domain.DomainContext;

/** Owns product and company reviews, their moderation and the rating summaries that catalog shows. */
final class ReviewVerticle extends VerticleBase {
  private final DomainContext context;
  private Pool pool;
  private Operations operations;

  ReviewVerticle(DomainContext context) {
    this.context = context;
  }

  @Override
  public Future<?> start() {
    ReviewConfig config;
    try {
      config = ReviewConfig.read(context.section());
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    }
    pool = Databases.pool(vertx, context.config().db(), ReviewDomain.NAME);
    Reviews reviews = new Reviews(pool, context.outbox(), new Peers(vertx, config.peerTimeoutMs()), config);
    operations = new Operations(vertx)
        .on(CREATE_REVIEW, reviews::create)
        .on(LIST_REVIEWS, reviews::list)
        .on(GET_REVIEW, reviews::get)
        .on(UPDATE_REVIEW, reviews::update)
        .on(DELETE_REVIEW, reviews::delete);
    return operations.ready();
  }

  @Override
  public Future<?> stop() {
    return (operations == null ? Future.succeededFuture() : operations.close())
        .transform(v -> pool == null ? Future.succeededFuture() : pool.close());
  }
}
