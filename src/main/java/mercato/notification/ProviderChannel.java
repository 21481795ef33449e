package mercato.notification;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/** A channel served by a {@link MessageProvider} (sms, push); every attempt is recorded. */
final class ProviderChannel implements Channel {
  private final String name;
  private final MessageProvider provider;
  private final NotificationRepository repository;

  ProviderChannel(String name, MessageProvider provider, NotificationRepository repository) {
    this.name = name;
    this.provider = provider;
    this.repository = repository;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Future<Outcome> dispatch(SqlConnection tx, Notification notification, Subscription target) {
    return provider.accept(tx, name, notification, target)
        .compose(outcome -> repository.recordAttempt(tx, notification, name, "", outcome.status(), outcome.detail())
            .map(outcome));
  }
}
