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
