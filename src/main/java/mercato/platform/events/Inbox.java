package mercato.platform.events;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import mercato.platform.bus.Operations;
import mercato.platform.bus.Problem;
import mercato.platform.bus.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A subscriber's durable inbox: receives the relay's deliveries on
 * {@code mercato.<subscriber>.inbox}, runs the handler for the event's type in one
 * transaction together with the record of the event id, and acknowledges only after
 * that commit. A redelivered event is acknowledged without running the handler again. An
 * event refused as invalid (400) or as data (422) is set aside by the relay at once.
 */
public final class Inbox {
  private static final Logger LOG = LoggerFactory.getLogger(Inbox.class);
  private static final String REMEMBER = """
      INSERT INTO inbox (event_id, type) VALUES ($1, $2)
      ON CONFLICT (event_id) DO NOTHING
      RETURNING event_id
      """;

  private final Vertx vertx;
  private final String subscriber;
  private final Pool pool;
  private final Map<String, BiFunction<Event, SqlConnection, Future<?>>> handlers = new HashMap<>();
  private MessageConsumer<JsonObject> consumer;

  public Inbox(Vertx vertx, String subscriber, Pool pool) {
    this.vertx = vertx;
    this.subscriber = subscriber;
    this.pool = pool;
  }

  /** Handles events of {@code type}; the handler's SQL runs in the inbox transaction. */
  public Inbox on(String type, BiFunction<Event, SqlConnection, Future<?>> handler) {
    handlers.put(type, handler);
    return this;
  }

  public Future<Void> start() {
    consumer = vertx.eventBus().consumer(Subscriptions.inboxAddress(subscriber), this::receive);
    return consumer.completion();
  }

  public Future<Void> stop() {
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }

  /** Records {@code event} as handled; false when it already was (a redelivery). */
  public static Future<Boolean> firstTime(SqlConnection tx, Event event) {
    return tx.preparedQuery(REMEMBER).execute(Tuple.of(event.id(), event.type())).map(rows -> rows.size() == 1);
  }

  /**
   * How the relay is told: 422 when the event fails on its own data (the relay sets it aside at
   * once), 503 when the database is away (retried without counting), else the usual mapping.
   */
  private Problem problemOf(Event event, Throwable failure) {
    if (!(failure instanceof Problem) && ItemFaults.itemsOwn(failure)) {
      return new Problem(ProblemType.UNPROCESSABLE_EVENT,
          subscriber + " refused " + event.type() + " " + event.id() + ": " + SetAside.describe(failure));
    }
    if (ItemFaults.databaseAway(failure)) {
      return Problem.unavailable("The database is away; try again shortly.");
    }
    return Operations.problemOf(Subscriptions.inboxAddress(subscriber), event.id().toString(), failure);
  }

  private void receive(Message<JsonObject> message) {
    Event event;
    try {
      event = Event.fromJson(message.body());
    } catch (RuntimeException e) {
      Problem problem = Problem.validation("Not an event: " + e.getMessage(), null);
      message.fail(problem.status(), problem.encode());
      return;
    }
    var handler = handlers.get(event.type());
    if (handler == null) {
      LOG.debug("{} ignores {} {}", subscriber, event.type(), event.id());
      message.reply(new JsonObject().put("ignored", true));
      return;
    }
    pool.withTransaction(tx -> firstTime(tx, event)
            .compose(first -> first ? handler.apply(event, tx).map(true) : Future.succeededFuture(false)))
        .onSuccess(handled -> message.reply(new JsonObject().put("handled", handled)))
        .onFailure(failure -> {
          Problem problem = problemOf(event, failure);
          message.fail(problem.status(), problem.encode());
        });
  }
}
