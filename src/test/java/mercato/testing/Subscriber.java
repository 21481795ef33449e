package mercato.testing;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import java.util.function.BiFunction;
import mercato.platform.db.Databases;
import mercato.platform.domain.Domain;
import mercato.platform.domain.DomainContext;
import mercato.platform.events.Event;
import mercato.platform.events.Inbox;

/**
 * A test-only domain that subscribes to events and handles one type through a real inbox
 * (its own schema, the relay's deliveries, dead letters and all), doing what the test says.
 */
public final class Subscriber {
  private Subscriber() {}

  /** The domain {@code name}, subscribed to {@code patterns}, handling {@code type} with {@code handler}. */
  public static Domain domain(String name, List<String> patterns, String type,
      BiFunction<Event, SqlConnection, Future<?>> handler) {
    return new Domain(name, true, List.of(), patterns, List.of(), context -> new Verticle(context, type, handler));
  }

  private static final class Verticle extends VerticleBase {
    private final DomainContext context;
    private final String type;
    private final BiFunction<Event, SqlConnection, Future<?>> handler;
    private Pool pool;
    private Inbox inbox;

    Verticle(DomainContext context, String type, BiFunction<Event, SqlConnection, Future<?>> handler) {
      this.context = context;
      this.type = type;
      this.handler = handler;
    }

    @Override
    public Future<?> start() {
      pool = Databases.pool(vertx, context.db(), context.name());
      inbox = new Inbox(vertx, context.name(), pool).on(type, handler);
      return inbox.start();
    }

    @Override
    public Future<?> stop() {
      return Future.join(inbox.stop(), pool.close());
    }
  }
}
