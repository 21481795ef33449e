package mercato.notification;

import io.vertx.core.Future;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.List;
import mercato.auth.api.AuthEvents;
import mercato.catalog.api.CatalogEvents;
import mercato.inventory.api.InventoryEvents;
import mercato.notification.api.NotificationAddresses;
import mercato.order.api.OrderEvents;
import mercato.platform.bus.Operations;
import mercato.platform.domain.DomainContext;
import mercato.platform.domain.DomainVerticle;
import mercato.platform.events.Inbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the notification domain: its configuration, pool, channels, the webhook worker
 * (woken after sends and by a sweep), the bus operations, the inbox of auth events and
 * of the stock, price and order events its topics follow, and the fan-out of every public
 * event to webhook endpoints.
 */
final class NotificationVerticle extends DomainVerticle {
  private static final Logger LOG = LoggerFactory.getLogger(NotificationVerticle.class);
  private static final long CLEAN_UP_MS = 3_600_000L;

  NotificationVerticle(DomainContext context) {
    super(context);
  }

  @Override
  protected Future<?> deploy() {
    NotificationConfig config = NotificationConfig.read(context.section());
    openPool();
    WebClient client = WebClient.create(vertx, new WebClientOptions()
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
    closing(client::close);
    WebhookSender sender = new WebhookSender(vertx, deliveries, targets, client, config);
    onStop(() -> {
      sender.stop();
      return Future.succeededFuture();
    });
    MessageProvider noProvider = new LoggingMessageProvider();
    SendNotification send = new SendNotification(pool, repository, new InAppChannel(repository, vertx.eventBus()),
        List.of(
            new EmailChannel(context.outbox(), repository),
            new WebhookChannel(deliveries, repository, sender),
            new ProviderChannel(NotificationAddresses.SMS, noProvider, repository),
            new ProviderChannel(NotificationAddresses.PUSH, noProvider, repository)));
    NotificationHandlers handlers = new NotificationHandlers(pool, repository, send, targets);
    WebhookEndpoints endpoints = new WebhookEndpoints(pool);
    WebhookFanOut fanOut = new WebhookFanOut(vertx, endpoints, deliveries, sender, config.endpointsRefreshMs());
    WebhookEndpointHandlers hooks = new WebhookEndpointHandlers(endpoints, new WebhookDeliveryLog(pool), targets,
        sender, fanOut::changed, config);
    sender.onDisabled(failed -> endpoints.park(pool, failed.disabledEndpoint())
        .onSuccess(v -> fanOut.changed())
        .compose(v -> send.run(NotificationRules.endpointDisabled(failed, config.disableAfterFailures())))
        .mapEmpty());

    operations = new Operations(vertx)
        .on(NotificationAddresses.SEND_NOTIFICATION, handlers::send)
        .on(NotificationAddresses.SUBSCRIBE_TOPIC, handlers::subscribe)
        .on(NotificationAddresses.UNSUBSCRIBE_TOPIC, handlers::unsubscribe)
        .on(NotificationAddresses.LIST_NOTIFICATIONS, handlers::list)
        .on(NotificationAddresses.LIST_SUBSCRIPTIONS, handlers::subscriptions)
        .on(NotificationAddresses.MARK_NOTIFICATIONS_READ, handlers::markRead)
        .on(NotificationAddresses.CREATE_WEBHOOK_ENDPOINT, hooks::create)
        .on(NotificationAddresses.LIST_WEBHOOK_ENDPOINTS, hooks::list)
        .on(NotificationAddresses.GET_WEBHOOK_ENDPOINT, hooks::get)
        .on(NotificationAddresses.UPDATE_WEBHOOK_ENDPOINT, hooks::update)
        .on(NotificationAddresses.DELETE_WEBHOOK_ENDPOINT, hooks::delete)
        .on(NotificationAddresses.LIST_WEBHOOK_DELIVERIES, hooks::deliveries)
        .on(NotificationAddresses.REPLAY_WEBHOOK_ENDPOINT, hooks::replayEndpoint)
        .on(NotificationAddresses.GET_WEBHOOK_DELIVERY, hooks::delivery)
        .on(NotificationAddresses.REPLAY_WEBHOOK_DELIVERY, hooks::replayDelivery)
        .on(NotificationAddresses.LIST_WEBHOOK_EVENT_TYPES, hooks::eventTypes);
    EventNotifications reactions = new EventNotifications(repository, send);
    inbox = new Inbox(vertx, NotificationDomain.NAME, pool)
        .on(AuthEvents.ACCOUNT_CLOSED, handlers::accountClosed)
        .on(InventoryEvents.BACK_IN_STOCK, reactions::backInStock)
        .on(CatalogEvents.PRICE_CHANGED, reactions::priceChanged)
        .on(OrderEvents.STATUS_CHANGED, reactions::orderStatusChanged);
    onStop(fanOut::stop);
    every(config.sweepMs(), sender::wake);
    every(CLEAN_UP_MS, () -> sender.cleanUp()
        .onFailure(failure -> LOG.warn("finished webhook deliveries not cleaned up: {}", failure.toString())));
    return ready(fanOut.start()).onSuccess(v -> sender.wake());
  }
}
