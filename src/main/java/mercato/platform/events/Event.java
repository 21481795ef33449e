package mercato.platform.events;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import mercato.platform.ids.Ids;

/**
 * A domain event: CloudEvents 1.0 attributes and a JSON payload. Types read
 * {@code mercato.<domain>.<event>.v<N>}, the source {@code /mercato/<domain>}, the
 * subject is the aggregate id (also the Kafka key, which keeps per-aggregate order).
 */
public record Event(UUID id, String type, String source, String subject, OffsetDateTime time, JsonObject data) {

  /** A new event of {@code domain}, named like {@code placed}, version 1. */
  public static Event of(String domain, String name, String subject, JsonObject data) {
    return new Event(Ids.uuid7(), type(domain, name), "/mercato/" + domain, subject,
        OffsetDateTime.now(ZoneOffset.UTC), data);
  }

  /** A new event of a full type ({@code mercato.auth.registered.v1}); the source follows from it. */
  public static Event of(String type, String subject, JsonObject data) {
    String[] parts = type.split("\\.");
    if (parts.length != 4 || !parts[0].equals("mercato")) {
      throw new IllegalArgumentException("not an event type: " + type);
    }
    return new Event(Ids.uuid7(), type, "/mercato/" + parts[1], subject, OffsetDateTime.now(ZoneOffset.UTC), data);
  }

  public static String type(String domain, String name) {
    return "mercato." + domain + "." + name + ".v1";
  }

  /** The domain part of the type: {@code order} for {@code mercato.order.placed.v1}. */
  public String domain() {
    String[] parts = type.split("\\.");
    return parts.length > 1 ? parts[1] : "unknown";
  }

  /** CloudEvents structured JSON. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("specversion", "1.0")
        .put("id", id.toString())
        .put("type", type)
        .put("source", source)
        .put("subject", subject)
        .put("time", time.toInstant().toString())
        .put("datacontenttype", "application/json")
        .put("data", data);
  }

  public static Event fromJson(JsonObject json) {
    return new Event(
        UUID.fromString(json.getString("id")),
        json.getString("type"),
        json.getString("source"),
        json.getString("subject"),
        OffsetDateTime.ofInstant(Instant.parse(json.getString("time")), ZoneOffset.UTC),
        json.getJsonObject("data", new JsonObject()));
  }
}
