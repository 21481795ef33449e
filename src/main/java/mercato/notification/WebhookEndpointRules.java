package mercato.notification;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import mercato.notification.api.WebhookEventTypes;
import mercato.platform.bus.Fields;
import mercato.platform.bus.Principal;
import mercato.platform.bus.Problem;
import mercato.platform.ids.Ids;

/**
 * The request rules of webhook endpoints, as pure functions: event types must be public
 * types, {@code mercato.<domain>.*} of a domain that writes some, or {@code *}; a filter
 * names only known id fields; the owner's type decides what it may receive at all.
 */
final class WebhookEndpointRules {
  static final int TYPES_MAX = 50;
  static final int DESCRIPTION_MAX = 500;
  /** The data fields a filter may ask for, each an id. */
  static final Set<String> FILTER_FIELDS = Set.of("sellerId", "accountId", "productId", "orderId", "warehouseId",
      "affiliateId", "companyId");
  private static final Set<String> CREATE_FIELDS = Set.of("url", "eventTypes", "filter", "description");
  private static final Set<String> UPDATE_FIELDS = Set.of("url", "eventTypes", "filter", "description", "enabled");

  record Create(String url, List<String> eventTypes, JsonObject filter, String description) {}

  /** A change: each field null when it is not changed ({@code description} "" clears it). */
  record Update(String url, List<String> eventTypes, JsonObject filter, String description, Boolean enabled) {}

  private WebhookEndpointRules() {}

  /** The data field an owner must be named in: none for an admin, sellerId for a seller, accountId for a customer. */
  static String ownerField(Principal principal) {
    if (principal.isAdmin()) {
      return null;
    }
    if (principal.isSeller()) {
      return WebhookEndpoint.SELLER;
    }
    if (principal.is("customer")) {
      return "accountId";
    }
    throw Problem.forbidden("Webhook endpoints are for admins, sellers and customers.");
  }

  static Create create(JsonObject body) {
    Fields.only(body, CREATE_FIELDS, "is not a field of a webhook endpoint");
    return new Create(Fields.text(body, "url", NotificationRules.URL_MAX), eventTypes(body), filter(body),
        Fields.optionalText(body, "description", DESCRIPTION_MAX));
  }

  static Update update(JsonObject body) {
    Fields.only(body, UPDATE_FIELDS, "is not a field of a webhook endpoint");
    if (body.isEmpty()) {
      throw Problem.validation("Name at least one field to change.", null);
    }
    Object enabled = body.getValue("enabled");
    if (enabled != null && !(enabled instanceof Boolean)) {
      throw Problem.invalidField("/enabled", "must be true or false");
    }
    String description = null;
    if (body.containsKey("description")) {
      description = body.getValue("description") == null ? ""
          : Fields.optionalText(body, "description", DESCRIPTION_MAX);
    }
    return new Update(body.containsKey("url") ? Fields.text(body, "url", NotificationRules.URL_MAX) : null,
        body.containsKey("eventTypes") ? eventTypes(body) : null,
        body.containsKey("filter") ? filter(body) : null,
        description, (Boolean) enabled);
  }

  /** The replay body: {@code since} (ISO instant, optional): failed deliveries created from then on. */
  static OffsetDateTime since(JsonObject body) {
    Fields.only(body, Set.of("since"), "is not a field of a replay");
    Object since = body.getValue("since");
    if (since == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(since.toString());
    } catch (DateTimeParseException e) {
      throw Problem.invalidField("/since", "must be a date-time such as 2026-12-01T00:00:00Z");
    }
  }

  static List<String> eventTypes(JsonObject body) {
    if (!(body.getValue("eventTypes") instanceof JsonArray array) || array.isEmpty()) {
      throw Problem.invalidField("/eventTypes", "must be a non-empty array of event types");
    }
    if (array.size() > TYPES_MAX) {
      throw Problem.invalidField("/eventTypes", "must have at most " + TYPES_MAX + " entries");
    }
    Set<String> types = new LinkedHashSet<>();
    for (int i = 0; i < array.size(); i++) {
      String type = array.getValue(i) instanceof String text ? text.strip() : null;
      if (type == null || !known(type)) {
        throw Problem.invalidField("/eventTypes/" + i, "must be a public event type (GET /notification/webhook-event-types),"
            + " mercato.<domain>.* or *");
      }
      types.add(type);
    }
    return new ArrayList<>(types);
  }

  /** Whether {@code pattern} is {@code *}, a public type, or a domain's prefix that covers one. */
  static boolean known(String pattern) {
    if (pattern.equals("*")) {
      return true;
    }
    if (pattern.endsWith(".*")) {
      return pattern.startsWith("mercato.") && pattern.indexOf('.', "mercato.".length()) == pattern.length() - 2
          && WebhookEventTypes.ALL.stream().anyMatch(type -> WebhookEndpoint.covers(pattern, type));
    }
    return WebhookEventTypes.ALL.contains(pattern);
  }

  static JsonObject filter(JsonObject body) {
    Object value = body.getValue("filter");
    if (value == null) {
      return new JsonObject();
    }
    if (!(value instanceof JsonObject filter)) {
      throw Problem.invalidField("/filter", "must be an object of id fields");
    }
    JsonObject normalised = new JsonObject();
    for (String field : filter.fieldNames()) {
      if (!FILTER_FIELDS.contains(field)) {
        throw Problem.invalidField("/filter/" + field, "is not a field a filter can name (" + String.join(", ",
            FILTER_FIELDS.stream().sorted().toList()) + ")");
      }
      if (!(filter.getValue(field) instanceof String text) || Ids.parse(text) == null) {
        throw Problem.invalidField("/filter/" + field, "must be a UUID");
      }
      normalised.put(field, Ids.parse(filter.getString(field)).toString());
    }
    return normalised;
  }
}
