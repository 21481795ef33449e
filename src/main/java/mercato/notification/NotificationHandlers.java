package mercato.notification;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.net.UnknownHostException;
import java.util.List;
import java.util.UUID;
import mercato.notification.api.NotificationAddresses;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Outcome;
import mercato.platform.bus.Problem;
import mercato.platform.events.Event;
import mercato.platform.ids.Ids;
import mercato.platform.webhooks.WebhookSignature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One method per bus address of the notification domain, and the handler of the events it
 * subscribes to. The account is always the envelope's principal; no body field names it
 * (except on send, which only admins and internal callers reach).
 */
final class NotificationHandlers {
  private static final Logger LOG = LoggerFactory.getLogger(NotificationHandlers.class);

  private final Pool pool;
  private final NotificationRepository repository;
  private final SendNotification sendNotification;
  private final WebhookTargets targets;

  NotificationHandlers(Pool pool, NotificationRepository repository, SendNotification sendNotification,
      WebhookTargets targets) {
    this.pool = pool;
    this.repository = repository;
    this.sendNotification = sendNotification;
    this.targets = targets;
  }

  /** Admins (checked by the edge) and internal callers (no principal): 202 {id, channels, skipped}. */
  Future<?> send(Envelope envelope) {
    NotificationRules.SendRequest request = NotificationRules.send(envelope.bodyObject());
    return sendNotification.run(request);
  }

  /** 201 with the subscription (and, for a webhook, its secret, shown only here); 200 when it existed. */
  Future<?> subscribe(Envelope envelope) {
    UUID account = NotificationRules.accountOf(envelope.requirePrincipal());
    NotificationRules.SubscribeRequest request = NotificationRules.subscribe(envelope.bodyObject());
    boolean webhook = request.channel().equals(NotificationAddresses.WEBHOOK);
    Future<Void> checked = webhook
        ? targets.check(request.url()).<Void>mapEmpty().recover(NotificationHandlers::urlProblem)
        : Future.succeededFuture();
    return checked.compose(v -> {
      String newSecret = webhook ? (request.secret() != null ? request.secret() : WebhookSignature.newSecret()) : null;
      return repository.upsert(account, request, newSecret, request.secret());
    }).map(upserted -> {
      JsonObject json = upserted.subscription().toJson();
      if (webhook && (upserted.inserted() || request.secret() != null)) {
        json.put("secret", upserted.subscription().secret());
      }
      return upserted.inserted() ? json : Outcome.existed(json);
    });
  }

  /** 204, whether or not the subscription existed. */
  Future<?> unsubscribe(Envelope envelope) {
    UUID account = NotificationRules.accountOf(envelope.requirePrincipal());
    NotificationRules.UnsubscribeRequest request = NotificationRules.unsubscribe(envelope.bodyObject());
    return repository.delete(account, request).mapEmpty();
  }

  /** The caller's own subscriptions (a preference centre shows them): {items}, by topic, channel and subject. */
  Future<?> subscriptions(Envelope envelope) {
    UUID account = NotificationRules.accountOf(envelope.requirePrincipal());
    return repository.subscriptions(account).map(all -> {
      JsonArray items = new JsonArray();
      all.forEach(subscription -> items.add(subscription.toJson()));
      return new JsonObject().put("items", items);
    });
  }

  /** The caller's notifications, newest first: {items, unreadCount, nextCursor}. */
  Future<?> list(Envelope envelope) {
    UUID account = NotificationRules.accountOf(envelope.requirePrincipal());
    NotificationRules.Page page = NotificationRules.page(envelope.query());
    Future<List<Notification>> rows = repository.page(account, page);
    Future<Long> unread = repository.unreadCount(pool, account);
    return Future.all(rows, unread).map(all -> {
      List<Notification> found = rows.result();
      boolean more = found.size() > page.limit();
      List<Notification> items = more ? found.subList(0, page.limit()) : found;
      JsonArray json = new JsonArray();
      items.forEach(n -> json.add(n.toJson()));
      return new JsonObject()
          .put("items", json)
          .put("unreadCount", unread.result())
          .put("nextCursor", more ? items.get(items.size() - 1).id().toString() : null);
    });
  }

  /** Marks some or all of the caller's notifications read: {unreadCount, marked}. */
  Future<?> markRead(Envelope envelope) {
    UUID account = NotificationRules.accountOf(envelope.requirePrincipal());
    NotificationRules.MarkRead request = NotificationRules.markRead(envelope.bodyObject());
    return pool.withTransaction(tx -> (request.all()
            ? repository.markAllRead(tx, account)
            : repository.markRead(tx, account, request.ids()))
        .compose(marked -> repository.unreadCount(tx, account)
            .map(unread -> new JsonObject().put("unreadCount", unread).put("marked", marked))));
  }

  /** {@code mercato.auth.account-closed.v1}: erase the account's subscriptions, notifications and deliveries. */
  Future<Void> accountClosed(Event event, SqlConnection tx) {
    UUID account = Ids.parse(event.data().getString("accountId"));
    if (account == null) {
      LOG.warn("event {} ({}) names no account id; nothing to erase", event.id(), event.type());
      return Future.succeededFuture();
    }
    return repository.erase(tx, account)
        .onSuccess(v -> LOG.info("notification data of closed account {} erased", account));
  }

  /** A refused or unresolvable URL as a 400 naming /url. */
  static Future<Void> urlProblem(Throwable failure) {
    if (failure instanceof WebhookTargets.Refused refused) {
      return Future.failedFuture(Problem.invalidField("/url", refused.getMessage()));
    }
    if (failure instanceof UnknownHostException) {
      return Future.failedFuture(Problem.invalidField("/url", "names a host that does not resolve"));
    }
    return Future.failedFuture(failure);
  }
}
