package mercato.notification;

import java.util.List;
import java.util.stream.Stream;
import mercato.auth.api.AuthEvents;
import mercato.notification.api.NotificationEvents;
import mercato.notification.api.NotificationRoutes;
import mercato.platform.domain.Domain;

/**
 * The notification domain: per-account topic subscriptions, the in-app inbox with live
 * push, and delivery on email (through the email domain), signed webhooks, sms and push.
 */
public final class NotificationDomain {
  public static final String NAME = "notification";

  private NotificationDomain() {}

  public static Domain domain() {
    return new Domain(NAME, true, NotificationRoutes.ROUTES,
        Stream.concat(Stream.of(AuthEvents.ACCOUNT_CLOSED), EventNotifications.TYPES.stream()).toList(),
        List.of(NotificationEvents.EMAIL_REQUESTED),
        NotificationVerticle::new);
  }
}
