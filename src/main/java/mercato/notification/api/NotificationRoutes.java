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
          Access.ANY));

  private NotificationRoutes() {}
}
