package mercato.web;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import mercato.platform.bus.Problem;
import mercato.platform.db.Databases;
import mercato.platform.domain.Domain;
import mercato.platform.domain.DomainContext;
import mercato.platform.events.Inbox;

/**
 * A test-only subscriber of the catalog's product-created events that refuses, as invalid
 * (400: dead at once), every product whose name holds one of {@link #REFUSED} words, and
 * takes it once the word is removed ("fixed"). Its deliveries go through the real outbox
 * relay, so a refused one is a real dead delivery for the admin console to replay.
 */
final class RefusingSubscriber {
  static final String NAME = "refuser";
  static final String TYPE = "mercato.catalog.product-created.v1";
  static final Set<String> REFUSED = ConcurrentHashMap.newKeySet();

  private RefusingSubscriber() {}

  static Domain domain() {
    return new Domain(NAME, true, List.of(), List.of(TYPE), List.of(), Verticle::new);
  }

  static final class Verticle extends VerticleBase {
    private final DomainContext context;
    private Pool pool;
    private Inbox inbox;

    Verticle(DomainContext context) {
      this.context = context;
    }

    @Override
    public Future<?> start() {
      pool = Databases.pool(vertx, context.db(), NAME);
      inbox = new Inbox(vertx, NAME, pool).on(TYPE, (event, tx) -> {
        String name = String.valueOf(event.data().getValue("name"));
        if (REFUSED.stream().anyMatch(name::contains)) {
          return Future.failedFuture(Problem.invalidField("/data/name", "the refuser does not take " + name));
        }
        return Future.succeededFuture();
      });
      return inbox.start();
    }

    @Override
    public Future<?> stop() {
      return Future.join(inbox.stop(), pool.close());
    }
  }
}
