package mercato.notification;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.UUID;
import mercato.notification.api.NotificationAddresses;
import mercato.platform.ids.Ids;

/**
 * Webhook: queues a durable delivery row in the send transaction; the worker sends it
 * after the commit (woken here) and retries it until it is delivered or given up.
 */
final class WebhookChannel implements Channel {
  private final WebhookDeliveries deliveries;
  private final NotificationRepository repository;
  private final WebhookSender sender;

  WebhookChannel(WebhookDeliveries deliveries, NotificationRepository repository, WebhookSender sender) {
    this.deliveries = deliveries;
    this.repository = repository;
    this.sender = sender;
  }

  @Override
  public String name() {
    return NotificationAddresses.WEBHOOK;
  }

  @Override
  public Future<Outcome> dispatch(SqlConnection tx, Notification notification, Subscription target) {
    UUID delivery = Ids.uuid7();
    return deliveries.enqueue(tx, delivery, notification, target)
        .compose(v -> repository.recordAttempt(tx, notification, name(), delivery.toString(), "queued", null))
        .map(v -> new Outcome(name(), "queued", null));
  }

  @Override
  public void committed(Notification notification) {
    sender.wake();
  }
}
