package mercato.notification;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.sqlclient.SqlConnection;
import mercato.notification.api.NotificationAddresses;

/**
 * The in-app inbox, which every notification reaches: the notification row itself. After
 * the commit the notification is published on the account's live address, where the edge
 * streams it to that account's connected clients (a client not listening reads it from
 * the list later, so a lost publish loses nothing).
 */
final class InAppChannel implements Channel {
  private final NotificationRepository repository;
  private final EventBus bus;

  InAppChannel(NotificationRepository repository, EventBus bus) {
    this.repository = repository;
    this.bus = bus;
  }

  @Override
  public String name() {
    return NotificationAddresses.IN_APP;
  }

  @Override
  public Future<Outcome> dispatch(SqlConnection tx, Notification notification, Subscription target) {
    return repository.insert(tx, notification).map(v -> new Outcome(name(), "stored", null));
  }

  @Override
  public void committed(Notification notification) {
    bus.publish(NotificationAddresses.live(notification.accountId().toString()), notification.toJson());
  }
}
