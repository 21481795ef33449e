package mercato.platform.bus;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import mercato.platform.db.DatabaseOutage;
import mercato.platform.metrics.NodeMetrics;
import mercato.platform.logs.RequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers a domain's request/reply operations on the bus: one address, one handler
 * returning a future of its domain result (JSON, a {@link io.vertx.core.buffer.Buffer} of
 * encoded JSON, or nothing; an {@link Outcome} when the result comes with facts). The
 * reply-or-fail happens here, once: the result is the reply's body (an outcome's facts its
 * headers); a {@link Problem} travels to the caller as it is; anything else is logged here
 * with the request id and the caller sees an internal error without its text. Each
 * operation's handling time is measured here too ({@link OperationTimers}).
 */
public final class Operations {
  private static final Logger LOG = LoggerFactory.getLogger(Operations.class);
  private static final AtomicLong lastOutageWarning = new AtomicLong();
  private static final String ADDRESSES = "mercato.operations.addresses";

  private final Vertx vertx;
  private final MeterRegistry registry;
  private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();
  private final List<Future<Void>> registrations = new ArrayList<>();

  public Operations(Vertx vertx) {
    this.vertx = vertx;
    this.registry = NodeMetrics.registry(vertx);
  }

  public Operations on(String address, Function<Envelope, ? extends Future<?>> handler) {
    OperationTimers timers = new OperationTimers(registry, address);
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(address,
        message -> handle(address, message, handler, timers));
    consumers.add(consumer);
    registrations.add(consumer.completion());
    vertx.sharedData().getLocalMap(ADDRESSES).put(address, Boolean.TRUE);
    return this;
  }

  /** Every address an {@code Operations} of this Vert.x instance registered (a node withdraws them from the cluster on stop). */
  public static java.util.Set<String> addresses(Vertx vertx) {
    return java.util.Set.copyOf(vertx.sharedData().<String, Boolean>getLocalMap(ADDRESSES).keySet());
  }

  /** Completes when every registration has reached the (clustered) bus. */
  public Future<Void> ready() {
    return Future.all(registrations).mapEmpty();
  }

  public Future<Void> close() {
    return Future.all(consumers.stream().map(MessageConsumer::unregister).toList()).mapEmpty();
  }

  private static void handle(String address, Message<JsonObject> message,
      Function<Envelope, ? extends Future<?>> handler, OperationTimers timers) {
    long started = System.nanoTime();
    Envelope envelope;
    try {
      envelope = Envelope.of(message.body() == null ? new JsonObject() : message.body());
    } catch (RuntimeException e) {
      Problem problem = Problem.validation("The bus message is not an envelope.", List.of());
      fail(message, problem);
      timers.failed(started, problem.status());
      return;
    }
    // Each message runs on its own duplicated context: the lines the operation logs, after
    // any number of hops, carry the caller's request id.
    RequestContext.enter(envelope.requestId());
    Future<?> result;
    try {
      result = handler.apply(envelope);
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    result.onComplete(
        answer -> {
          reply(address, envelope.requestId(), message, answer);
          timers.ok(started);
        },
        failure -> {
          Problem problem = problemOf(address, envelope.requestId(), failure);
          fail(message, problem);
          timers.failed(started, problem.status());
        });
  }

  /** The result is the reply's body; an outcome's facts go as its headers. */
  private static void reply(String address, String requestId, Message<JsonObject> message, Object answer) {
    DeliveryOptions facts = new DeliveryOptions();
    if (answer instanceof Outcome outcome) {
      if (outcome.existed()) {
        facts.addHeader(Outcome.EXISTED, "true");
      }
      if (outcome.replayed()) {
        facts.addHeader(Outcome.REPLAYED, "true");
      }
      if (outcome.denied() != null) {
        facts.addHeader(Outcome.DENIED, outcome.denied());
      }
    }
    try {
      message.reply(Outcome.resultOf(answer), facts);
    } catch (IllegalArgumentException noCodec) {
      // A result the bus cannot carry (not JSON, a Buffer or a plain value) is a bug of the operation.
      LOG.error("[{}] {} answered a {}, which the bus cannot carry", requestId, address,
          Outcome.resultOf(answer).getClass().getName());
      fail(message, Problem.internal());
    }
  }

  /** Maps a failure to the problem the caller sees; unexpected ones are logged once, here. */
  public static Problem problemOf(String address, String requestId, Throwable failure) {
    if (failure instanceof Problem problem) {
      return problem;
    }
    if (failure instanceof io.vertx.core.eventbus.ReplyException reply) {
      return Problem.from(reply);
    }
    if (failure instanceof ConnectionPoolTooBusyException) {
      return Problem.unavailable("The database is busy; try again shortly.");
    }
    if (DatabaseOutage.is(failure)) {
      warnOutage(address, failure);
      return Problem.unavailable("The database cannot be reached; try again shortly.");
    }
    LOG.error("[{}] {} failed", requestId, address, failure);
    return Problem.internal();
  }

  /** One line per ten seconds while the database is away (readiness reports it too). */
  private static void warnOutage(String address, Throwable failure) {
    long now = System.currentTimeMillis();
    long last = lastOutageWarning.get();
    if (now - last > 10_000 && lastOutageWarning.compareAndSet(last, now)) {
      LOG.warn("database unreachable, answering 503 ({}): {}", address, failure.toString());
    }
  }

  private static void fail(Message<JsonObject> message, Problem problem) {
    message.fail(problem.status(), problem.encode());
  }
}
