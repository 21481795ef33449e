package mercato.email;

import io.vertx.ext.mail.SMTPException;

/**
 * Why an attempt failed and whether trying again can help. The SMTP server's permanent
 * replies (5xx: no such user, message refused, bad credentials) end the mail at once;
 * its transient replies (4xx), connection failures and timeouts are retried with backoff.
 */
record DeliveryFailure(boolean permanent, String error) {
  static final int MAX_ERROR = 1000;

  static DeliveryFailure of(Throwable failure) {
    if (failure instanceof SMTPException smtp) {
      return new DeliveryFailure(smtp.isPermanent(), clip(smtp.getMessage()));
    }
    String message = failure.getMessage();
    String text = failure.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    return new DeliveryFailure(false, clip(text));
  }

  private static String clip(String text) {
    String oneLine = text == null ? "unknown error" : text.replaceAll("[\\r\\n]+", " | ").strip();
    return oneLine.length() > MAX_ERROR ? oneLine.substring(0, MAX_ERROR) : oneLine;
  }
}
