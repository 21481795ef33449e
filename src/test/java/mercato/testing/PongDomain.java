package mercato.testing;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import mercato.platform.db.Databases;
import mercato.platform.domain.Domain;
import mercato.platform.domain.DomainContext;
import mercato.platform.events.Inbox;

/** A test-only subscriber of ping events: records each one it handles; can be told to fail. */
public final class PongDomain {
  /** How many deliveries to refuse before handling again. */
  public static final AtomicInteger FAILURES_TO_INJECT = new AtomicInteger();

  private PongDomain() {}

  public static Domain domain() {
    return new Domain("pong", true, List.of(), List.of("mercato.ping.*"), List.of(), Verticle::new);
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
      pool = Databases.pool(vertx, context.db(), "pong");
      inbox = new Inbox(vertx, "pong", pool).on("mercato.ping.pinged.v1", (event, tx) -> {
        if (FAILURES_TO_INJECT.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
          return Future.failedFuture(new IllegalStateException("injected failure"));
        }
        if (event.data().getInteger("n") < 0) { // a poison event: it fails on its own data, every time
          return Future.failedFuture(new mercato.platform.bus.Problem(
              mercato.platform.bus.ProblemType.UNPROCESSABLE_EVENT, "pong refuses a negative n"));
        }
        return tx.preparedQuery("INSERT INTO received (event_id, subject, n) VALUES ($1, $2, $3)")
            .execute(Tuple.of(event.id(), event.subject(), event.data().getInteger("n")));
      });
      return inbox.start();
    }

    @Override
    public Future<?> stop() {
      return Future.join(inbox.stop(), pool.close());
    }
  }
}
