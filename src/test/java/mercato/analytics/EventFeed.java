package mercato.analytics;

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

/**
 * A test-only domain standing in for order, cart, search and auth: it writes the events a
 * test gives it ({type, subject, data}) through its own outbox, so they reach analytics by
 * the real relay and inbox. Replies with the event as it was written.
 */
final class EventFeed {
  static final String EMIT = "mercato.feed.emit";

  private EventFeed() {}

  static Domain domain() {
    return new Domain("feed", true, List.of(), List.of(), List.of(), Verticle::new);
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
      pool = Databases.pool(vertx, context.config().db(), "feed");
      operations = new Operations(vertx).on(EMIT, envelope -> {
        JsonObject body = envelope.bodyObject();
        Event event = Event.of(body.getString("type"), body.getString("subject"), body.getJsonObject("data"));
        return pool.withTransaction(tx -> outbox.append(tx, event)).map(v -> Reply.ok(event.toJson()));
      });
      return operations.ready();
    }

    @Override
    public Future<?> stop() {
      return Future.join(operations.close(), pool.close());
    }
  }
}
