package mercato.notification;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One notification of one account: its in-app inbox entry, and what every channel carries. */
record Notification(
    UUID id,
    UUID accountId,
    String topic,
    String subject,
    String title,
    String body,
    JsonObject data,
    OffsetDateTime createdAt,
    OffsetDateTime readAt) {

  /** The shape clients see in the list and on the live stream. */
  JsonObject toJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("topic", topic)
        .put("title", title)
        .put("body", body)
        .put("data", data)
        .put("createdAt", createdAt.toInstant().toString())
        .put("readAt", readAt == null ? null : readAt.toInstant().toString());
  }

  /** The webhook body, encoded once so every retry sends (and signs) the same bytes. */
  String webhookPayload() {
    return new JsonObject()
        .put("id", id.toString())
        .put("type", "notification")
        .put("topic", topic)
        .put("title", title)
        .put("body", body)
        .put("data", data)
        .put("createdAt", createdAt.toInstant().toString())
        .encode();
  }
}
