package mercato.platform.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import mercato.platform.ids.Ids;

/** Optional query-string values of a list or filter, read alike everywhere (400 when malformed). */
public final class QueryParams {
  private QueryParams() {}

  /** The value as text, null when absent or empty; given twice is a 400. */
  public static String text(JsonObject query, String name) {
    Object value = query.getValue(name);
    if (value instanceof JsonArray) {
      throw Problem.invalidField("/" + name, "must be given once");
    }
    return value == null || value.toString().isEmpty() ? null : value.toString();
  }

  /** A whole number, or null when absent. */
  public static Long number(JsonObject query, String name) {
    String text = text(query, name);
    if (text == null) {
      return null;
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw Problem.invalidField("/" + name, "must be a whole number");
    }
  }

  /** A whole number from {@code min} to {@code max}, or null when absent (one outside the range is a 400, never wrapped). */
  public static Long whole(JsonObject query, String name, long min, long max) {
    Long value = number(query, name);
    if (value != null && (value < min || value > max)) {
      throw Problem.invalidField("/" + name, "must be from " + min + " to " + max);
    }
    return value;
  }

  /** A UUID, or null when absent. */
  public static UUID id(JsonObject query, String name) {
    String text = text(query, name);
    if (text == null) {
      return null;
    }
    UUID id = Ids.parse(text);
    if (id == null) {
      throw Problem.invalidField("/" + name, "must be a UUID");
    }
    return id;
  }
}
