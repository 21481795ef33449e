package mercato.notification;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import mercato.notification.api.NotificationAddresses;
import mercato.notification.api.NotificationEvents;
import mercato.platform.events.Event;
import mercato.platform.events.Outbox;

/**
 * Email: asks the email domain to send the mail by writing the private
 * {@code email-requested} event into this domain's outbox, in the send transaction. The
 * email domain owns templates, SMTP and retries; the address comes from the subscription
 * (this domain never reads the auth schema).
 */
final class EmailChannel implements Channel {
  private final Outbox outbox;
  private final NotificationRepository repository;

  EmailChannel(Outbox outbox, NotificationRepository repository) {
    this.outbox = outbox;
    this.repository = repository;
  }

  @Override
  public String name() {
    return NotificationAddresses.EMAIL;
  }

  @Override
  public Future<Outcome> dispatch(SqlConnection tx, Notification notification, Subscription target) {
    JsonObject data = new JsonObject()
        .put("accountId", notification.accountId().toString())
        .put("email", target.email())
        .put("subject", notification.title())
        .put("text", notification.body());
    // The event subject is the notification: one slow mail never holds up the next.
    return outbox.append(tx, Event.of(NotificationEvents.EMAIL_REQUESTED, notification.id().toString(), data))
        .compose(v -> repository.recordAttempt(tx, notification, name(), target.email(), "requested", null))
        .map(v -> new Outcome(name(), "requested", null));
  }
}
