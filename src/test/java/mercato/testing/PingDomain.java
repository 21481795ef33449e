package mercato.testing;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Map;
import mercato.platform.bus.Operations;
import mercato.platform.db.Databases;
import mercato.platform.domain.Domain;
import mercato.platform.domain.DomainContext;
import mercato.platform.events.Event;
import mercato.platform.events.Outbox;
import mercato.platform.route.Access;
import mercato.platform.route.Answer;
import mercato.platform.route.Route;

/** A test-only domain that exercises the edge and the outbox: echo, slow, missing, emit. */
public final class PingDomain {
  public static final List<Route> ROUTES = List.of(
      Route.post("/ping/echo", "mercato.ping.echo", "pingEcho", Access.PUBLIC)
          .alias("/echo")
          .alias("POST", "/company/echo", Map.of("type", "company")),
      Route.get("/ping/items/{item_id}", "mercato.ping.echo", "pingItem", Access.PUBLIC).alias("/item/{item_id}"),
      Route.get("/ping/me", "mercato.ping.echo", "pingMe", Access.ANY),
      Route.get("/ping/admin", "mercato.ping.echo", "pingAdmin", Access.types("admin")),
      Route.get("/ping/slow", "mercato.ping.slow", "pingSlow", Access.PUBLIC),
      Route.get("/ping/delay", "mercato.ping.delay", "pingDelay", Access.PUBLIC),
      Route.get("/ping/nowhere", "mercato.ping.nowhere", "pingNowhere", Access.PUBLIC),
      Route.get("/ping/limited", "mercato.ping.echo", "pingLimited", Access.PUBLIC).limit("tight"),
      Route.get("/ping/wide", "mercato.ping.echo", "pingWide", Access.PUBLIC).limit("wide"),
      Route.post("/ping/events", "mercato.ping.emit", "pingEmit", Access.PUBLIC).answers(Answer.created()));

  /** How many /ping/delay requests reached the domain: a test waits for its request to be in flight. */
  public static final java.util.concurrent.atomic.AtomicInteger DELAYS_STARTED = new java.util.concurrent.atomic.AtomicInteger();

  private PingDomain() {}

  public static Domain domain() {
    return new Domain("ping", true, ROUTES, List.of(), List.of(), Verticle::new);
  }

  /** Routes only: for an edge node that runs no ping verticle. */
  public static Domain routesOnly() {
    return new Domain("ping", true, ROUTES, List.of(), List.of(), ctx -> { throw new IllegalStateException("not deployed"); });
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
      pool = Databases.pool(vertx, context.db(), "ping");
      String node = context.cluster().enabled() ? "port-" + context.cluster().port() : "local";
      operations = new Operations(vertx)
          .on("mercato.ping.echo", envelope -> Future.succeededFuture(new JsonObject()
              .put("body", envelope.body())
              .put("params", envelope.params())
              .put("query", envelope.query())
              .put("principal", envelope.principal() == null ? null : envelope.principal().toJson())
              .put("idempotencyKey", envelope.idempotencyKey())
              .put("requestId", envelope.requestId())
              .put("node", node)))
          .on("mercato.ping.slow", envelope -> Promise.<JsonObject>promise().future())
          .on("mercato.ping.delay", envelope -> {
            DELAYS_STARTED.incrementAndGet();
            Promise<JsonObject> later = Promise.promise();
            vertx.setTimer(Long.parseLong(envelope.queryParam("ms")), id -> later.complete(new JsonObject().put("late", true)));
            return later.future();
          })
          .on("mercato.ping.emit", envelope -> {
            JsonObject body = envelope.bodyObject();
            String subject = body.getString("subject");
            int n = body.getInteger("n");
            return pool.withTransaction(tx -> tx.preparedQuery("INSERT INTO pings (subject, n) VALUES ($1, $2)")
                    .execute(Tuple.of(subject, n))
                    .compose(rows -> outbox.append(tx, Event.of("ping", "pinged", subject, new JsonObject().put("n", n)))))
                .map(v -> new JsonObject().put("subject", subject).put("n", n));
          });
      return operations.ready();
    }

    @Override
    public Future<?> stop() {
      return Future.join(operations.close(), pool.close());
    }
  }
}
