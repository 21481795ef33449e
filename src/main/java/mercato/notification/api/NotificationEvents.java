package mercato.notification.api;

/** Events the notification domain writes. */
public final class NotificationEvents {
  /**
   * Private (carries an email address; never reaches Kafka): a mail the email domain should
   * send. Data {@code {accountId, email, subject, text}}; the event subject is the
   * notification id.
   */
  public static final String EMAIL_REQUESTED = "mercato.notification.email-requested.v1";

  private NotificationEvents() {}
}
