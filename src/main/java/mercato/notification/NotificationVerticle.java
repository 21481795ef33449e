package mercato.notification;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Pool;
import java.util.List;
import mercato.auth.api.AuthEvents;
import mercato.notification.api.NotificationAddresses;
import mercato.platform.bus.Operations;
import mercato.platform.config.ConfigException;
import mercato.platform.db.Databases;
import mercato.platform.domain.DomainContext;
import mercato.platform.events.Inbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the notification domain: its configuration, pool, channels, the webhook worker
 * (woken after sends and by a sweep), the bus operations and the inbox of auth events.
 */
final class NotificationVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(NotificationVerticle.class);
  private static final long CLEAN_UP_MS = 3_600_000L;

  private final DomainContext context;
  private Pool pool;
  private WebClient client;
  private WebhookSender sender;
  private Operations operations;
  private Inbox inbox;
  private long sweepTimer = -1;
  private long cleanUpTimer = -1;

  NotificationVerticle(DomainContext context) {
    this.context = context;
  }

  @Override
  public Future<?> start() {
    NotificationConfig config;
    try {
      config = NotificationConfig.read(context.section());
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    }
    pool = Databases.pool(vertx, context.config().db(), NotificationDomain.NAME);
    client = WebClient.create(vertx, new WebClientOptions()
        .setName("mercato-webhooks")
        .setUserAgent("Mercato-Webhooks/1")
        .setFollowRedirects(false)
        .setConnectTimeout(config.timeoutMs())
        .setVerifyHost(true)
        .setForceSni(true)
        .setKeepAlive(true));
    NotificationRepository repository = new NotificationRepository(pool);
    WebhookDeliveries deliveries = new WebhookDeliveries(pool);
    WebhookTargets targets = new WebhookTargets(vertx, config.allowPrivateNetworks());
    sender = new WebhookSender(vertx, deliveries, targets, client, config);
    MessageProvider noProvider = new LoggingMessageProvider();
    SendNotification send = new SendNotification(pool, repository, new InAppChannel(repository, vertx.eventBus()),
        List.of(
            new EmailChannel(context.outbox(), repository),
            new WebhookChannel(deliveries, repository, sender),
            new ProviderChannel(NotificationAddresses.SMS, noProvider, repository),
            new ProviderChannel(NotificationAddresses.PUSH, noProvider, repository)));
    NotificationHandlers handlers = new NotificationHandlers(pool, repository, send, targets);

    operations = new Operations(vertx)
        .on(NotificationAddresses.SEND_NOTIFICATION, handlers::send)
        .on(NotificationAddresses.SUBSCRIBE_TOPIC, handlers::subscribe)
        .on(NotificationAddresses.UNSUBSCRIBE_TOPIC, handlers::unsubscribe)
        .on(NotificationAddresses.LIST_NOTIFICATIONS, handlers::list)
        .on(NotificationAddresses.MARK_NOTIFICATIONS_READ, handlers::markRead);
    inbox = new Inbox(vertx, NotificationDomain.NAME, pool).on(AuthEvents.ACCOUNT_CLOSED, handlers::accountClosed);
    sweepTimer = vertx.setPeriodic(config.sweepMs(), id -> sender.wake());
    cleanUpTimer = vertx.setPeriodic(CLEAN_UP_MS, id -> sender.cleanUp()
        .onFailure(failure -> LOG.warn("finished webhook deliveries not cleaned up: {}", failure.toString())));
    return Future.all(operations.ready(), inbox.start()).onSuccess(v -> sender.wake());
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(sweepTimer);
    vertx.cancelTimer(cleanUpTimer);
    if (sender != null) {
      sender.stop();
    }
    Future<Void> consumers = Future.join(
            operations == null ? Future.succeededFuture() : operations.close(),
            inbox == null ? Future.succeededFuture() : inbox.stop())
        .mapEmpty();
    return consumers.transform(v -> {
      if (client != null) {
        client.close();
      }
      return pool == null ? Future.succeededFuture() : pool.close();
    });
  }
}
