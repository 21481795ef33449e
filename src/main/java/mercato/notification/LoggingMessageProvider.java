package mercato.notification;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider used while none is configured: sends nothing, logs the attempt and reports
 * it as skipped, so the skip is visible in the send answer and in {@code channel_attempts}.
 */
final class LoggingMessageProvider implements MessageProvider {
  static final String NO_PROVIDER = "no provider configured";
  private static final Logger LOG = LoggerFactory.getLogger(LoggingMessageProvider.class);

  @Override
  public Future<Channel.Outcome> accept(SqlConnection tx, String channel, Notification notification,
      Subscription target) {
    LOG.info("{} for notification {} of account {} skipped: {}", channel, notification.id(), notification.accountId(),
        NO_PROVIDER);
    return Future.succeededFuture(new Channel.Outcome(channel, "skipped", NO_PROVIDER));
  }
}
