package mercato.notification.api;

import java.util.List;

/**
 * The notification domain's bus addresses, the per-account live address the edge streams
 * from, and the topics and channels a caller may name. An internal caller sends
 * {@link #SEND_NOTIFICATION} an envelope without principal whose body is
 * {@code {accountId, topic, title, body, data?, subject?}}.
 */
public final class NotificationAddresses {
  /** Notify one account: in-app always, plus every channel it subscribed for the topic. */
  public static final String SEND_NOTIFICATION = "mercato.notification.send-notification";
  public static final String SUBSCRIBE_TOPIC = "mercato.notification.subscribe-topic";
  public static final String UNSUBSCRIBE_TOPIC = "mercato.notification.unsubscribe-topic";
  public static final String LIST_NOTIFICATIONS = "mercato.notification.list-notifications";
  public static final String LIST_SUBSCRIPTIONS = "mercato.notification.list-subscriptions";
  public static final String MARK_NOTIFICATIONS_READ = "mercato.notification.mark-notifications-read";
  public static final String CREATE_WEBHOOK_ENDPOINT = "mercato.notification.create-webhook-endpoint";
  public static final String LIST_WEBHOOK_ENDPOINTS = "mercato.notification.list-webhook-endpoints";
  public static final String GET_WEBHOOK_ENDPOINT = "mercato.notification.get-webhook-endpoint";
  public static final String UPDATE_WEBHOOK_ENDPOINT = "mercato.notification.update-webhook-endpoint";
  public static final String DELETE_WEBHOOK_ENDPOINT = "mercato.notification.delete-webhook-endpoint";
  public static final String LIST_WEBHOOK_DELIVERIES = "mercato.notification.list-webhook-deliveries";
  public static final String REPLAY_WEBHOOK_ENDPOINT = "mercato.notification.replay-webhook-endpoint";
  public static final String GET_WEBHOOK_DELIVERY = "mercato.notification.get-webhook-delivery";
  public static final String REPLAY_WEBHOOK_DELIVERY = "mercato.notification.replay-webhook-delivery";
  public static final String LIST_WEBHOOK_EVENT_TYPES = "mercato.notification.list-webhook-event-types";
  /** Published (no body) after an endpoint changed: every node's fan-out reads the enabled endpoints again. */
  public static final String WEBHOOK_ENDPOINTS_CHANGED = "mercato.notification.broadcast.webhook-endpoints-changed";

  public static final String ORDER_UPDATES = "order-updates";
  public static final String PROMOTIONS = "promotions";
  public static final String BACK_IN_STOCK = "back-in-stock";
  public static final String PRICE_DROP = "price-drop";
  public static final String ACCOUNT = "account";
  public static final List<String> TOPICS = List.of(ORDER_UPDATES, PROMOTIONS, BACK_IN_STOCK, PRICE_DROP, ACCOUNT);

  public static final String IN_APP = "in-app";
  public static final String EMAIL = "email";
  public static final String WEBHOOK = "webhook";
  public static final String SMS = "sms";
  public static final String PUSH = "push";
  public static final List<String> CHANNELS = List.of(IN_APP, EMAIL, WEBHOOK, SMS, PUSH);

  private static final String LIVE_PREFIX = "mercato.notification.live.";

  private NotificationAddresses() {}

  /**
   * Where each new in-app notification of {@code accountId} is published (may be lost: a
   * client that was not listening catches up with {@code GET /notifications}). Only the
   * edge consumes it, for the account of a verified token.
   */
  public static String live(String accountId) {
    return LIVE_PREFIX + accountId;
  }
}
