package mercato.testing;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.List;
import mercato.platform.bus.Operations;
import mercato.platform.db.Databases;
import mercato.platform.domain.Domain;
import mercato.platform.domain.DomainContext;
import mercato.platform.events.Event;
import mercato.platform.events.Outbox;

/**
 * A test-only domain standing in for another domain's event side: {@link #EMIT} writes the
 * event it is given through its own outbox, so the event reaches its subscribers by the real
 * relay and inbox. The body is a whole CloudEvent (id included, to test redeliveries) or just
 * {@code {type, subject, data}}; the reply is the event as written.
 */
public final class EventFeed {
  public static final String EMIT = "mercato.feed.emit";

  private EventFeed() {}

  public static Domain domain() {
    return new Domain("feed", true, List.of(), List.of(), List.of(), Verticle::new);
  }

  static final class Verticle extends VerticleBase {
    private final DomainContext context;
    private Pool pool;
    private Operations operations;

    Verticle(DomainContext context) {
      this.context = context;
    }

    @Override
    public Future<?> start() {
      pool = Databases.pool(vertx, context.db(), "feed");
      Outbox outbox = context.outbox();
      operations = new Operations(vertx).on(EMIT, envelope -> {
        JsonObject body = envelope.bodyObject();
        Event event = body.containsKey("id") ? Event.fromJson(body)
            : Event.of(body.getString("type"), body.getString("subject"), body.getJsonObject("data"));
        return pool.withTransaction(tx -> outbox.append(tx, event)).map(v -> event.toJson());
      });
      return operations.ready();
    }

    @Override
    public Future<?> stop() {
      return Future.join(operations.close(), pool.close());
    }
  }
}
