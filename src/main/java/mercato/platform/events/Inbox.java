package mercato.platform.events;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
 * that commit. A relay round's events come as one batch, applied in one transaction (one
 * transaction each when the batch fails, so a bad event fails alone). A redelivered event
 * is acknowledged without running the handler again. An event refused as invalid (400) or
 * as data (422) is set aside by the relay at once. A handler that needs another domain's
 * answer names a {@link Preparer}: it asks for the whole batch before the transaction opens
 * (no bus request is ever made with a transaction open), and the handler gets its part.
 */
public final class Inbox {
  private static final Logger LOG = LoggerFactory.getLogger(Inbox.class);
  /** The key of a batch delivery's list of events. */
  static final String BATCH = "events";
  private static final String REMEMBER = """
      INSERT INTO inbox (event_id, type) VALUES ($1, $2)
      ON CONFLICT (event_id) DO NOTHING
      RETURNING event_id
      """;

  private final Vertx vertx;
  private final String subscriber;
  private final Pool pool;
  /** What a batch's handlers need from peers, asked for before its transaction: a value per event id (absent: none). */
  public interface Preparer<T> {
    Future<Map<UUID, T>> prepare(List<Event> events);
  }

  /** A handler given what its {@link Preparer} found for the event (null when nothing). */
  public interface PreparedHandler<T> {
    Future<?> apply(Event event, T prepared, SqlConnection tx);
  }

  private record Step(Preparer<?> preparer, PreparedHandler<Object> handler) {}

  private final Map<String, Step> handlers = new HashMap<>();
  private MessageConsumer<JsonObject> consumer;

  public Inbox(Vertx vertx, String subscriber, Pool pool) {
    this.vertx = vertx;
    this.subscriber = subscriber;
    this.pool = pool;
  }

  /** Handles events of {@code type}; the handler's SQL runs in the inbox transaction. */
  public Inbox on(String type, BiFunction<Event, SqlConnection, Future<?>> handler) {
    handlers.put(type, new Step(null, (event, prepared, tx) -> handler.apply(event, tx)));
    return this;
  }

  /** Handles events of {@code type} with what {@code preparer} asked peers for, outside the transaction. */
  @SuppressWarnings("unchecked")
  public <T> Inbox on(String type, Preparer<T> preparer, PreparedHandler<T> handler) {
    handlers.put(type, new Step(preparer, (PreparedHandler<Object>) handler));
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
    if (message.body().containsKey(BATCH)) {
      receiveBatch(message);
      return;
    }
    Event event;
    try {
      event = Event.fromJson(message.body());
    } catch (RuntimeException e) {
      Problem problem = Problem.validation("Not an event: " + e.getMessage(), null);
      message.fail(problem.status(), problem.encode());
      return;
    }
    if (handlers.get(event.type()) == null) {
      LOG.debug("{} ignores {} {}", subscriber, event.type(), event.id());
      message.reply(new JsonObject().put("ignored", true));
      return;
    }
    prepare(List.of(event))
        .compose(prepared -> pool.withTransaction(tx -> apply(tx, event, prepared)))
        .onSuccess(handled -> message.reply(new JsonObject().put("handled", handled)))
        .onFailure(failure -> {
          Problem problem = problemOf(event, failure);
          message.fail(problem.status(), problem.encode());
        });
  }

  /** Runs the event's handler in {@code tx} unless the event was handled before; true when it ran. */
  private Future<Boolean> apply(SqlConnection tx, Event event, Map<UUID, Object> prepared) {
    Step step = handlers.get(event.type());
    if (step == null) {
      return Future.succeededFuture(false);
    }
    return firstTime(tx, event).compose(first -> first
        ? step.handler().apply(event, prepared.get(event.id()), tx).map(true) : Future.succeededFuture(false));
  }

  /** Asks every preparer once for its events of {@code events}; what they found, by event id. */
  @SuppressWarnings("unchecked")
  private Future<Map<UUID, Object>> prepare(List<Event> events) {
    Map<Preparer<?>, List<Event>> asks = new IdentityHashMap<>();
    for (Event event : events) {
      Step step = handlers.get(event.type());
      if (step != null && step.preparer() != null) {
        asks.computeIfAbsent(step.preparer(), p -> new ArrayList<>()).add(event);
      }
    }
    if (asks.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    List<Future<Map<UUID, Object>>> found = new ArrayList<>();
    asks.forEach((preparer, mine) -> found.add(((Preparer<Object>) preparer).prepare(mine)));
    return Future.all(found).map(all -> {
      Map<UUID, Object> prepared = new HashMap<>();
      found.forEach(one -> prepared.putAll(one.result()));
      return prepared;
    });
  }

  /**
   * A relay round's deliveries to this subscriber, {"events": [...]} in seq order: all applied
   * in one transaction. When that fails, each is applied in a transaction of its own, so an
   * event that fails on its own fails alone; the events after it of the same subject are not
   * tried (their order holds). The reply has one result per event, in the same order:
   * {"outcome": "done"} or {"outcome": "failed", "status", "problem"} or {"outcome": "skipped"}.
   */
  private void receiveBatch(Message<JsonObject> message) {
    JsonArray items = message.body().getJsonArray(BATCH);
    List<Event> events = new ArrayList<>(items.size());
    List<JsonObject> results = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      try {
        events.add(Event.fromJson(items.getJsonObject(i)));
        results.add(null);
      } catch (RuntimeException e) {
        events.add(null);
        results.add(failed(Problem.validation("Not an event: " + e.getMessage(), null)));
      }
    }
    List<Event> valid = events.stream().filter(e -> e != null && handlers.containsKey(e.type())).toList();
    prepare(valid).transform(asked -> {
      if (asked.failed()) {
        // a peer did not answer: nothing was applied, every event is tried again later
        for (int i = 0; i < events.size(); i++) {
          Event event = events.get(i);
          if (event != null && results.get(i) == null && handlers.containsKey(event.type())) {
            results.set(i, failed(problemOf(event, asked.cause())));
          }
        }
        return Future.<Void>succeededFuture();
      }
      Map<UUID, Object> prepared = asked.result();
      // One event to apply: its own transaction is the fallback already (a failure is its own).
      Future<Void> applied = valid.size() <= 1 ? oneByOne(events, results, 0, new HashSet<>(), prepared)
          : pool.withTransaction(tx -> applyAll(tx, valid, prepared));
      return applied.recover(failure -> {
        // the batch rolled back: every event is applied again, each alone
        LOG.debug("{}: a batch of {} failed ({}); applying its events one by one", subscriber, valid.size(),
            SetAside.describe(failure));
        return oneByOne(events, results, 0, new HashSet<>(), prepared);
      });
    }).onComplete(done -> {
      JsonArray out = new JsonArray();
      for (JsonObject result : results) {
        out.add(result == null ? new JsonObject().put("outcome", "done") : result);
      }
      message.reply(new JsonObject().put("results", out));
    });
  }

  private Future<Void> applyAll(SqlConnection tx, List<Event> events, Map<UUID, Object> prepared) {
    Future<Void> chain = Future.succeededFuture();
    for (Event event : events) {
      chain = chain.compose(v -> apply(tx, event, prepared)).mapEmpty();
    }
    return chain;
  }

  /** The fallback: event {@code i} onwards, each in its own transaction; a failed subject's later events are skipped. */
  private Future<Void> oneByOne(List<Event> events, List<JsonObject> results, int i, Set<String> failedSubjects,
      Map<UUID, Object> prepared) {
    if (i == events.size()) {
      return Future.succeededFuture();
    }
    Event event = events.get(i);
    if (event == null || results.get(i) != null || !handlers.containsKey(event.type())) {
      return oneByOne(events, results, i + 1, failedSubjects, prepared); // refused already, or ignored
    }
    if (failedSubjects.contains(event.subject())) {
      results.set(i, new JsonObject().put("outcome", "skipped"));
      return oneByOne(events, results, i + 1, failedSubjects, prepared);
    }
    return pool.withTransaction(tx -> apply(tx, event, prepared)).transform(done -> {
      if (done.failed()) {
        failedSubjects.add(event.subject());
        results.set(i, failed(problemOf(event, done.cause())));
      }
      return oneByOne(events, results, i + 1, failedSubjects, prepared);
    });
  }

  private static JsonObject failed(Problem problem) {
    return new JsonObject().put("outcome", "failed").put("status", problem.status()).put("problem", problem.encode());
  }
}
