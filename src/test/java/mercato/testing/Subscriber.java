package mercato.testing;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
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
    return new Domain(name, true, List.of(), patterns, List.of(),
        context -> new Verticle(context, inbox -> inbox.on(type, handler)));
  }

  /** The same, with a preparer that asks for a batch's needs before the inbox transaction opens. */
  public static <T> Domain domain(String name, List<String> patterns, String type, Inbox.Preparer<T> preparer,
      Inbox.PreparedHandler<T> handler) {
    return new Domain(name, true, List.of(), patterns, List.of(),
        context -> new Verticle(context, inbox -> inbox.on(type, preparer, handler)));
  }

  private static final class Verticle extends VerticleBase {
    private final DomainContext context;
    private final Consumer<Inbox> handlers;
    private Pool pool;
    private Inbox inbox;

    Verticle(DomainContext context, Consumer<Inbox> handlers) {
      this.context = context;
      this.handlers = handlers;
    }

    @Override
    public Future<?> start() {
      pool = Databases.pool(vertx, context.db(), context.name());
      inbox = new Inbox(vertx, context.name(), pool);
      handlers.accept(inbox);
      return inbox.start();
    }

    @Override
    public Future<?> stop() {
      return Future.join(inbox.stop(), pool.close());
    }
  }
}
