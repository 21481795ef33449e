package mercato.notification;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/**
 * A third-party service that carries short messages for one channel: an SMS gateway for
 * {@code sms}, a push service (FCM, APNs, Web Push) for {@code push}. Mercato ships none;
 * {@link LoggingMessageProvider} stands in and records each attempt as skipped.
 *
 * <p>A real provider must keep the rule of {@link Channel}: {@link #accept} runs in the
 * send transaction, so it queues the message durably there (a row in this schema, as
 * {@code webhook_deliveries} does for webhooks) and a worker sends it after the commit,
 * with retries, never calling the gateway from inside the transaction. It also needs the
 * recipient's phone number or device token, which a subscription does not carry yet.
 */
interface MessageProvider {
  /** Takes {@code notification} for {@code target}; the outcome's status is queued or skipped. */
  Future<Channel.Outcome> accept(SqlConnection tx, String channel, Notification notification, Subscription target);
}
