package mercato.notification;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An account's wish to get a topic on a channel, for the whole topic ({@code subject}
 * null) or one aggregate. A webhook subscription carries its endpoint and signing secret,
 * an email subscription the address to mail.
 */
record Subscription(
    UUID id,
    UUID accountId,
    String topic,
    String channel,
    String subject,
    String url,
    String secret,
    String email,
    OffsetDateTime createdAt) {

  /** The implicit in-app subscription every account has to every topic. */
  static Subscription inApp(UUID accountId, String topic) {
    return new Subscription(null, accountId, topic, mercato.notification.api.NotificationAddresses.IN_APP, null, null,
        null, null, null);
  }

  /** The client's view; never the secret (it is shown once, by the handler that set it). */
  JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("id", id.toString())
        .put("topic", topic)
        .put("channel", channel)
        .put("subject", subject);
    if (url != null) {
      json.put("url", url);
    }
    if (email != null) {
      json.put("email", email);
    }
    return json.put("createdAt", createdAt.toInstant().toString());
  }
}
