package mercato.search;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.List;
import mercato.platform.bus.Operations;
import mercato.platform.bus.Reply;
import mercato.platform.db.Databases;
import mercato.platform.domain.Domain;
import mercato.platform.domain.DomainContext;
import mercato.platform.events.Event;
import mercato.platform.events.Outbox;
import mercato.search.api.SearchEvents;

/**
 * A test-only stand-in for the review domain: {@code mercato.reviewfeed.emit} with body
 * {@code {productId, count, sum, average}} writes a {@code review.rating-changed} event through
 * its own outbox, so search receives it the way it will from the review domain.
 */
final class RatingFeed {
  static final String EMIT = "mercato.reviewfeed.emit";

  private RatingFeed() {}

  static Domain domain() {
    return new Domain("reviewfeed", true, List.of(), List.of(), List.of(), Verticle::new);
  }

  static final class Verticle extends VerticleBase {
    private final DomainContext context;
    private final Outbox outbox;
    private Pool pool;
    private Operations operations;

    Verticle(DomainContext context) {
      this.context = context;
      this.outbox = context.outbox();
    }

    @Override
    public Future<?> start() {
      pool = Databases.pool(vertx, context.config().db(), "reviewfeed");
      operations = new Operations(vertx).on(EMIT, envelope -> {
        JsonObject body = envelope.bodyObject();
        return pool.withTransaction(tx -> outbox.append(tx,
                Event.of(SearchEvents.RATING_CHANGED, body.getString("productId"), body.copy()
                    .put("distribution", new JsonObject()))))
            .map(v -> Reply.accepted(body));
      });
      return operations.ready();
    }

    @Override
    public Future<?> stop() {
      return Future.join(operations.close(), pool.close());
    }
  }
}
