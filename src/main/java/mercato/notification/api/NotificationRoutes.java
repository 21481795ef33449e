package mercato.notification.api;

import java.util.List;
import mercato.platform.route.Access;
import mercato.platform.route.Answer;
import mercato.platform.route.Route;

/**
 * The notification domain's HTTP routes. The live stream ({@link #STREAM_PATH}) is not in
 * this table: the edge serves it itself, as server-sent events fed from the bus.
 */
public final class NotificationRoutes {
  /** Server-sent events of the caller's new in-app notifications (served by the edge). */
  public static final String STREAM_PATH = "/notifications/stream";

  private static final String ENDPOINTS = "/notification/webhook-endpoints";
  private static final String ENDPOINT = ENDPOINTS + "/{endpoint_id}";
  private static final String DELIVERY = "/notification/webhook-deliveries/{delivery_id}";
  /** Who may own webhook endpoints: admins (any event), sellers (events naming them) and customers (their own). */
  private static final Access INTEGRATORS = Access.types("admin", "company", "shop", "customer");

  public static final List<Route> ROUTES = List.of(
      Route.post("/notification/send", NotificationAddresses.SEND_NOTIFICATION, "notificationSend",
              Access.types("admin").orPermission("notification:send")).answers(Answer.accepted())
          .alias("/notifications"),
      Route.post("/notification/subscribe", NotificationAddresses.SUBSCRIBE_TOPIC, "notificationSubscribe", Access.ANY).answers(Answer.created()),
      Route.post("/notification/unsubscribe", NotificationAddresses.UNSUBSCRIBE_TOPIC, "notificationUnsubscribe",
          Access.ANY).answers(Answer.noContent()),
      Route.get("/notification/subscriptions", NotificationAddresses.LIST_SUBSCRIPTIONS, "notificationSubscriptions",
          Access.ANY),
      Route.get("/notifications", NotificationAddresses.LIST_NOTIFICATIONS, "notificationList", Access.ANY),
      Route.post("/notifications/read", NotificationAddresses.MARK_NOTIFICATIONS_READ, "notificationMarkRead",
          Access.ANY),
      Route.post(ENDPOINTS, NotificationAddresses.CREATE_WEBHOOK_ENDPOINT, "createWebhookEndpoint", INTEGRATORS)
          .answers(Answer.created(ENDPOINTS + "/{id}")),
      Route.get(ENDPOINTS, NotificationAddresses.LIST_WEBHOOK_ENDPOINTS, "listWebhookEndpoints", INTEGRATORS),
      Route.get(ENDPOINT, NotificationAddresses.GET_WEBHOOK_ENDPOINT, "getWebhookEndpoint", INTEGRATORS),
      Route.put(ENDPOINT, NotificationAddresses.UPDATE_WEBHOOK_ENDPOINT, "updateWebhookEndpoint", INTEGRATORS),
      Route.delete(ENDPOINT, NotificationAddresses.DELETE_WEBHOOK_ENDPOINT, "deleteWebhookEndpoint", INTEGRATORS)
          .answers(Answer.noContent()),
      Route.get(ENDPOINT + "/deliveries", NotificationAddresses.LIST_WEBHOOK_DELIVERIES, "listWebhookDeliveries",
          INTEGRATORS),
      Route.post(ENDPOINT + "/replay", NotificationAddresses.REPLAY_WEBHOOK_ENDPOINT, "replayWebhookEndpoint",
          INTEGRATORS).answers(Answer.accepted()),
      Route.get(DELIVERY, NotificationAddresses.GET_WEBHOOK_DELIVERY, "getWebhookDelivery", INTEGRATORS),
      Route.post(DELIVERY + "/replay", NotificationAddresses.REPLAY_WEBHOOK_DELIVERY, "replayWebhookDelivery",
          INTEGRATORS).answers(Answer.accepted()),
      Route.get("/notification/webhook-event-types", NotificationAddresses.LIST_WEBHOOK_EVENT_TYPES,
          "listWebhookEventTypes", INTEGRATORS));

  private NotificationRoutes() {}
}
