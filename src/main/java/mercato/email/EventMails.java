package mercato.email;

import mercato.auth.api.AuthEvents;
import mercato.notification.api.NotificationEvents;

import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import mercato.platform.bus.Problem;
import mercato.platform.bus.Problem.FieldError;
import mercato.platform.events.Event;

/**
 * The mails other domains' events ask for: which template, which variables. The events
 * are private (they carry tokens): they reach this inbox and never Kafka.
 */
final class EventMails {
  static final String VERIFICATION_REQUESTED = AuthEvents.VERIFICATION_REQUESTED;
  static final String PASSWORD_RESET_REQUESTED = AuthEvents.PASSWORD_RESET_REQUESTED;
  static final String EMAIL_VERIFIED = AuthEvents.EMAIL_VERIFIED;
  static final String NOTIFICATION_EMAIL_REQUESTED = NotificationEvents.EMAIL_REQUESTED;

  static final List<String> TYPES = List.of(VERIFICATION_REQUESTED, PASSWORD_RESET_REQUESTED, EMAIL_VERIFIED,
      NOTIFICATION_EMAIL_REQUESTED);

  private EventMails() {}

  /** The mail for each event type this domain subscribes to. */
  static Map<String, BiFunction<Event, EmailConfig, MailRequest>> mappers() {
    return Map.of(
        VERIFICATION_REQUESTED, EventMails::verificationRequested,
        PASSWORD_RESET_REQUESTED, EventMails::passwordResetRequested,
        EMAIL_VERIFIED, EventMails::emailVerified,
        NOTIFICATION_EMAIL_REQUESTED, EventMails::notificationRequested);
  }

  /** {accountId, email, name, token, locale?} -> verify-email with a link carrying the token. */
  static MailRequest verificationRequested(Event event, EmailConfig config) {
    JsonObject data = event.data();
    List<FieldError> errors = new ArrayList<>();
    List<String> to = to(data, errors);
    String token = required(data, "token", errors);
    check(event, errors);
    return MailRequest.templated(to, "verify-email", locale(data), new JsonObject()
        .put("name", data.getString("name"))
        .put("email", to.get(0))
        .put("token", token)
        .put("link", config.link("/verify-email?token=" + encode(token))));
  }

  /** {accountId, email, name?, token, expiresAt, locale?} -> password-reset with a link carrying the token. */
  static MailRequest passwordResetRequested(Event event, EmailConfig config) {
    JsonObject data = event.data();
    List<FieldError> errors = new ArrayList<>();
    List<String> to = to(data, errors);
    String token = required(data, "token", errors);
    check(event, errors);
    return MailRequest.templated(to, "password-reset", locale(data), new JsonObject()
        .put("name", data.getString("name"))
        .put("email", to.get(0))
        .put("token", token)
        .put("expiresAt", data.getValue("expiresAt"))
        .put("link", config.link("/reset-password?token=" + encode(token))));
  }

  /** {accountId, email, name?} -> welcome. */
  static MailRequest emailVerified(Event event, EmailConfig config) {
    JsonObject data = event.data();
    List<FieldError> errors = new ArrayList<>();
    List<String> to = to(data, errors);
    check(event, errors);
    return MailRequest.templated(to, "welcome", locale(data), new JsonObject()
        .put("name", data.getString("name"))
        .put("email", to.get(0))
        .put("link", config.link("/")));
  }

  /** {accountId, email, subject, text, html?} -> a direct mail, under the same limits as POST /email/send. */
  static MailRequest notificationRequested(Event event, EmailConfig config) {
    JsonObject data = event.data();
    JsonObject body = new JsonObject().put("to", data.getValue("email")).put("subject", data.getValue("subject"))
        .put("text", data.getValue("text"));
    if (data.getValue("html") != null) {
      body.put("html", data.getValue("html"));
    }
    try {
      return MailRequest.parse(body);
    } catch (Problem invalid) {
      throw Problem.validation("Event " + event.id() + " (" + event.type() + ") cannot be mailed.", invalid.errors());
    }
  }

  private static List<String> to(JsonObject data, List<FieldError> errors) {
    List<FieldError> found = new ArrayList<>();
    Object email = data.getValue("email");
    List<String> to = email instanceof String ? MailRequest.recipients(email, found) : List.of();
    if (!(email instanceof String) || !found.isEmpty()) {
      errors.add(new FieldError("/data/email", "must be a valid email address"));
    }
    return to;
  }

  private static String required(JsonObject data, String name, List<FieldError> errors) {
    Object value = data.getValue(name);
    if (!(value instanceof String text) || text.isBlank()) {
      errors.add(new FieldError("/data/" + name, "is required"));
      return null;
    }
    return text;
  }

  private static String locale(JsonObject data) {
    return data.getValue("locale") instanceof String tag ? Locales.normalize(tag) : null;
  }

  private static void check(Event event, List<FieldError> errors) {
    if (!errors.isEmpty()) {
      throw Problem.validation("Event " + event.id() + " (" + event.type() + ") cannot be mailed.", errors);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
