package mercato.notification;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import mercato.notification.WebhookDeliveries.EventDelivery;
import mercato.notification.api.NotificationAddresses;
import mercato.notification.api.WebhookEventTypes;
import mercato.platform.bus.Operations;
import mercato.platform.bus.Problem;
import mercato.platform.db.Sql;
import mercato.platform.events.Event;
import mercato.platform.events.ItemFaults;
import mercato.platform.events.Subscriptions;
import mercato.platform.ids.Ids;

/**
 * The {@link WebhookEventTypes#SUBSCRIBER} inbox: every public event reaches it from the
 * relays, and each batch becomes, in one statement, one delivery per enabled endpoint that
 * wants the event. A delivery is unique per endpoint and event, so a redelivered event
 * queues nothing twice and no inbox table is needed. The relay is acknowledged only after
 * that commit; while the database is away the batch is answered 503 and waits in the outbox.
 *
 * <p>The enabled endpoints are read at most every {@code endpointsRefreshMs}, not per batch
 * (a shop with no endpoints pays no statement per event), and read again at once after any
 * change: this node's own, and every other node's through
 * {@link NotificationAddresses#WEBHOOK_ENDPOINTS_CHANGED}. A batch that names an endpoint
 * deleted meanwhile reads them again and is queued once more.
 */
final class WebhookFanOut {
  private final Vertx vertx;
  private final WebhookEndpoints endpoints;
  private final WebhookDeliveries deliveries;
  private final WebhookSender sender;
  private final long refreshMs;
  private MessageConsumer<JsonObject> consumer;
  private MessageConsumer<Object> changes;
  private List<WebhookEndpoint> enabled = List.of();
  private long readAt = Long.MIN_VALUE;

  WebhookFanOut(Vertx vertx, WebhookEndpoints endpoints, WebhookDeliveries deliveries, WebhookSender sender,
      long refreshMs) {
    this.vertx = vertx;
    this.endpoints = endpoints;
    this.deliveries = deliveries;
    this.sender = sender;
    this.refreshMs = refreshMs;
  }

  Future<Void> start() {
    consumer = vertx.eventBus().consumer(Subscriptions.inboxAddress(WebhookEventTypes.SUBSCRIBER), this::receive);
    changes = vertx.eventBus().consumer(NotificationAddresses.WEBHOOK_ENDPOINTS_CHANGED, message -> forget());
    return Future.all(consumer.completion(), changes.completion()).mapEmpty();
  }

  Future<Void> stop() {
    return consumer == null ? Future.succeededFuture()
        : Future.join(consumer.unregister(), changes.unregister()).mapEmpty();
  }

  /** Tells every node's fan-out (this one at once) that the endpoints changed. */
  void changed() {
    forget();
    vertx.eventBus().publish(NotificationAddresses.WEBHOOK_ENDPOINTS_CHANGED, null);
  }

  private void forget() {
    readAt = Long.MIN_VALUE;
  }

  /** The enabled endpoints, read again when older than {@code refreshMs} or after a change. */
  private Future<List<WebhookEndpoint>> enabled() {
    long now = System.nanoTime();
    if (readAt != Long.MIN_VALUE && now - readAt < refreshMs * 1_000_000) {
      return Future.succeededFuture(enabled);
    }
    return endpoints.enabled().onSuccess(read -> {
      enabled = read;
      readAt = now;
    });
  }

  private void receive(Message<JsonObject> message) {
    JsonArray batch = message.body().getJsonArray("events");
    JsonArray items = batch != null ? batch : new JsonArray().add(message.body());
    List<Event> events = new ArrayList<>(items.size());
    List<JsonObject> results = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      try {
        events.add(Event.fromJson(items.getJsonObject(i)));
        results.add(new JsonObject().put("outcome", "done"));
      } catch (RuntimeException e) {
        results.add(failed(Problem.validation("Not an event: " + e.getMessage(), null)));
      }
    }
    queue(events).onComplete(done -> {
      if (done.failed()) {
        Problem problem = ItemFaults.databaseAway(done.cause())
            ? Problem.unavailable("The database is away; try again shortly.")
            : Operations.problemOf(Subscriptions.inboxAddress(WebhookEventTypes.SUBSCRIBER), null, done.cause());
        for (int i = 0; i < results.size(); i++) {
          if ("done".equals(results.get(i).getString("outcome"))) {
            results.set(i, failed(problem));
          }
        }
      }
      if (batch != null) {
        message.reply(new JsonObject().put("results", new JsonArray(results)));
      } else if (done.succeeded() && !events.isEmpty()) {
        message.reply(new JsonObject().put("handled", true));
      } else {
        JsonObject result = results.get(0);
        message.fail(result.getInteger("status"), result.getString("problem"));
      }
    });
  }

  /** Queues what the enabled endpoints want of {@code events}; once more, freshly read, if one was deleted meanwhile. */
  private Future<Void> queue(List<Event> events) {
    if (events.isEmpty()) {
      return Future.succeededFuture();
    }
    return queueOnce(events).recover(failure -> {
      if (!Sql.isForeignKeyViolation(failure)) {
        return Future.failedFuture(failure);
      }
      forget();
      return queueOnce(events);
    });
  }

  private Future<Void> queueOnce(List<Event> events) {
    return enabled().compose(enabled -> {
      List<EventDelivery> rows = new ArrayList<>();
      for (Event event : events) {
        for (WebhookEndpoint endpoint : enabled) {
          if (endpoint.wants(event)) {
            rows.add(new EventDelivery(Ids.uuid7(), endpoint.id(), endpoint.accountId(), event.id(), event.type(),
                endpoint.payloadFor(event)));
          }
        }
      }
      return deliveries.enqueueEvents(rows).onSuccess(v -> {
        if (!rows.isEmpty()) {
          sender.wake();
        }
      });
    });
  }

  private static JsonObject failed(Problem problem) {
    return new JsonObject().put("outcome", "failed").put("status", problem.status()).put("problem", problem.encode());
  }
}
