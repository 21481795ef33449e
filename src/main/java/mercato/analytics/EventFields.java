package mercato.analytics;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import mercato.platform.bus.Problem;
import mercato.platform.events.Event;

/**
 * Reads the fields analytics needs from an event payload. A payload that breaks its
 * contract fails the delivery (it is retried, then kept as a dead delivery for the
 * operator), rather than being counted wrong.
 */
final class EventFields {
  private EventFields() {}

  static String text(JsonObject data, String name) {
    Object value = data.getValue(name);
    if (!(value instanceof String text) || text.isBlank()) {
      throw Problem.invalidField("/data/" + name, "is required");
    }
    return text;
  }

  static String optionalText(JsonObject data, String name) {
    return data.getValue(name) instanceof String text && !text.isBlank() ? text : null;
  }

  static long whole(JsonObject data, String name) {
    Object value = data.getValue(name);
    if (!(value instanceof Number n) || value instanceof Double || value instanceof Float) {
      throw Problem.invalidField("/data/" + name, "must be a whole number");
    }
    return n.longValue();
  }

  static JsonArray array(JsonObject data, String name) {
    JsonArray array = data.getJsonArray(name);
    return array == null ? new JsonArray() : array;
  }

  /** A Money {amount, currency}: its amount in minor units, checked against {@code currency}. */
  static long amount(JsonObject data, String name, String currency) {
    JsonObject money = data.getJsonObject(name);
    if (money == null) {
      throw Problem.invalidField("/data/" + name, "is required");
    }
    if (!currency.equals(money.getString("currency"))) {
      throw Problem.invalidField("/data/" + name + "/currency", "must be " + currency);
    }
    return whole(money, "amount");
  }

  static String currency(JsonObject data, String name) {
    JsonObject money = data.getJsonObject(name);
    String currency = money == null ? null : money.getString("currency");
    if (currency == null || !currency.matches("[A-Z]{3}")) {
      throw Problem.invalidField("/data/" + name + "/currency", "must be an ISO 4217 code");
    }
    return currency;
  }

  /** The UTC instant in {@code name}, else the event's own time. */
  static Instant instant(Event event, String name) {
    String text = optionalText(event.data(), name);
    if (text == null) {
      return event.time().toInstant();
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw Problem.invalidField("/data/" + name, "must be an ISO instant");
    }
  }

  static LocalDate day(Instant instant) {
    return LocalDate.ofInstant(instant, ZoneOffset.UTC);
  }
}
