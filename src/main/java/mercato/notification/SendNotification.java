package mercato.notification;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mercato.notification.Channel.Outcome;
import mercato.platform.ids.Ids;
import mercato.platform.work.Sequence;

/**
 * Notifies one account: in one transaction the in-app notification is stored and every
 * channel the account subscribed for the topic (and subject) takes it; after the commit
 * each channel that took it is told (live push, webhook worker). The answer lists the
 * channels it went to and those skipped.
 */
final class SendNotification {
  private final Pool pool;
  private final NotificationRepository repository;
  private final Channel inApp;
  private final Map<String, Channel> channels = new LinkedHashMap<>();

  SendNotification(Pool pool, NotificationRepository repository, Channel inApp, List<Channel> others) {
    this.pool = pool;
    this.repository = repository;
    this.inApp = inApp;
    others.forEach(channel -> channels.put(channel.name(), channel));
  }

  /** What one send stored, for the after-commit step and the answer. */
  record Sent(Notification notification, List<Outcome> outcomes) {}

  Future<JsonObject> run(NotificationRules.SendRequest request) {
    return pool.withTransaction(tx -> within(tx, request)).map(sent -> {
      committed(sent);
      return answer(sent.notification(), sent.outcomes());
    });
  }

  /**
   * Sends inside a transaction the caller holds (an inbox reaction); once it commits, each
   * channel that took the notification is told, as {@link #run} does.
   */
  Future<Sent> inTransaction(SqlConnection tx, NotificationRules.SendRequest request) {
    return within(tx, request).onSuccess(sent -> tx.transaction().completion().onSuccess(v -> committed(sent)));
  }

  private Future<Sent> within(SqlConnection tx, NotificationRules.SendRequest request) {
    // Microseconds: what timestamptz keeps, so the live push and the list show one time.
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    Notification notification = new Notification(Ids.uuid7(), request.accountId(), request.topic(), request.subject(),
        request.title(), request.body(), request.data(), now, null);
    Subscription everyAccount = Subscription.inApp(request.accountId(), request.topic());
    return inApp.dispatch(tx, notification, everyAccount)
        .compose(stored -> repository.targets(tx, notification)
            .compose(targets -> dispatchAll(tx, notification, targets, stored)))
        .map(outcomes -> new Sent(notification, outcomes));
  }

  private Future<List<Outcome>> dispatchAll(SqlConnection tx, Notification notification, List<Subscription> targets,
      Outcome stored) {
    List<Outcome> outcomes = new ArrayList<>();
    outcomes.add(stored);
    List<Subscription> served = targets.stream().filter(target -> channels.get(target.channel()) != null).toList();
    return Sequence.each(served, target -> channels.get(target.channel()).dispatch(tx, notification, target)
        .map(outcomes::add)).map(outcomes);
  }

  private void committed(Sent sent) {
    Notification notification = sent.notification();
    inApp.committed(notification);
    sent.outcomes().stream()
        .filter(outcome -> !outcome.skipped())
        .map(Outcome::channel)
        .distinct()
        .map(channels::get)
        .filter(channel -> channel != null)
        .forEach(channel -> channel.committed(notification));
  }

  private static JsonObject answer(Notification notification, List<Outcome> outcomes) {
    JsonArray reached = new JsonArray();
    JsonArray skipped = new JsonArray();
    for (Outcome outcome : outcomes) {
      if (outcome.skipped()) {
        skipped.add(new JsonObject().put("channel", outcome.channel()).put("reason", outcome.detail()));
      } else if (!reached.contains(outcome.channel())) {
        reached.add(outcome.channel());
      }
    }
    return new JsonObject().put("id", notification.id().toString()).put("channels", reached).put("skipped", skipped);
  }
}
