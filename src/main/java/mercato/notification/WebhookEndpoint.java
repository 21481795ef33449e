package mercato.notification;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import mercato.platform.events.Event;

/**
 * An integration's endpoint: where the events of {@code eventTypes} that pass its filter go,
 * signed with its secret. A non-admin owner only ever receives events whose data names it in
 * {@code ownerField} ({@code sellerId}, or a review's {@code companyId}, for a seller; {@code accountId} for a
 * customer), and a
 * seller's copy of an order event carries only its own groups.
 */
record WebhookEndpoint(
    UUID id,
    UUID accountId,
    String url,
    String secret,
    String description,
    List<String> eventTypes,
    JsonObject filter,
    String ownerField,
    String status,
    OffsetDateTime disabledAt,
    String disabledReason,
    OffsetDateTime createdAt) {
  static final String ENABLED = "enabled";
  static final String DISABLED = "disabled";
  static final String SELLER = "sellerId";
  /** Fields of an order event's data that speak of the whole order, left out of a seller's copy. */
  private static final List<String> WHOLE_ORDER = List.of("total", "refundedTotal", "referralCode");

  /** Whether {@code pattern} (an exact type, a prefix ending in {@code *}, or {@code *}) covers {@code type}. */
  static boolean covers(String pattern, String type) {
    return pattern.endsWith("*") ? type.startsWith(pattern.substring(0, pattern.length() - 1)) : pattern.equals(type);
  }

  /** Whether this endpoint receives {@code event}: its types, its filter, and its owner's own. */
  boolean wants(Event event) {
    if (eventTypes.stream().noneMatch(pattern -> covers(pattern, event.type()))) {
      return false;
    }
    JsonObject data = event.data();
    for (String field : filter.fieldNames()) {
      if (!names(data, field, filter.getString(field))) {
        return false;
      }
    }
    String me = accountId.toString();
    return ownerField == null || names(data, ownerField, me)
        || (ownerField.equals(SELLER) && me.equals(data.getString("companyId")));
  }

  /** Whether {@code data} holds {@code value} in {@code field}, or, for a seller, in one of its order groups. */
  private static boolean names(JsonObject data, String field, String value) {
    if (value.equals(String.valueOf(data.getValue(field)))) {
      return true;
    }
    return field.equals(SELLER) && !groupsOf(data, value).isEmpty();
  }

  private static JsonArray groupsOf(JsonObject data, String seller) {
    JsonArray mine = new JsonArray();
    if (data.getValue("groups") instanceof JsonArray groups) {
      for (Object group : groups) {
        if (group instanceof JsonObject g && seller.equals(g.getString(SELLER))) {
          mine.add(g);
        }
      }
    }
    return mine;
  }

  /** The body sent for {@code event}: the CloudEvents JSON event, as this owner may see it. */
  String payloadFor(Event event) {
    JsonObject json = event.toJson();
    if (SELLER.equals(ownerField) && event.data().containsKey("groups")) {
      JsonObject data = event.data().copy();
      data.put("groups", groupsOf(event.data(), accountId.toString()));
      WHOLE_ORDER.forEach(data::remove);
      json.put("data", data);
    }
    return json.encode();
  }

  /** The owner's view; never the secret (shown once, when set). */
  JsonObject toJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("url", url)
        .put("description", description)
        .put("eventTypes", new JsonArray(eventTypes))
        .put("filter", filter)
        .put("status", status)
        .put("disabledAt", disabledAt == null ? null : disabledAt.toInstant().toString())
        .put("disabledReason", disabledReason)
        .put("createdAt", createdAt.toInstant().toString());
  }
}
