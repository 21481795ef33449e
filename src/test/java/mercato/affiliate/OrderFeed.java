package mercato.affiliate;

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
 * A test-only stand-in for the order domain's event side: {@code mercato.orderfeed.emit}
 * takes a whole event (CloudEvents JSON, id included) and writes it through this domain's
 * outbox, so the relay delivers it to its subscribers as it would an order event.
 */
final class OrderFeed {
  static final String NAME = "orderfeed";
  static final String EMIT = "mercato.orderfeed.emit";

  private OrderFeed() {}

  static Domain domain() {
    return new Domain(NAME, true, List.of(), List.of(), List.of(), Verticle::new);
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
      pool = Databases.pool(vertx, context.config().db(), NAME);
      Outbox outbox = context.outbox();
      operations = new Operations(vertx).on(EMIT, envelope -> {
        Event event = Event.fromJson(envelope.bodyObject());
        return pool.withTransaction(tx -> outbox.append(tx, event)).map(v -> Reply.ok(new JsonObject()));
      });
      return operations.ready();
    }

    @Override
    public Future<?> stop() {
      return Future.join(operations.close(), pool.close());
    }
  }
}
