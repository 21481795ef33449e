package mercato.search;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.UUID;
import mercato.platform.bus.Problem;
import mercato.platform.ids.Ids;

/**
 * Reads one search input from a query string (values arrive as text or, once validated by
 * the contract, typed) or from a JSON body (typed), failing with a 400 that names the field.
 */
record Inputs(JsonObject source) {
  String text(String name, int max) {
    Object value = source.getValue(name);
    if (value == null) {
      return null;
    }
    if (value instanceof JsonArray || value instanceof JsonObject) {
      throw Problem.invalidField("/" + name, "must be a single value");
    }
    String text = value.toString().strip();
    if (text.length() > max) {
      throw Problem.invalidField("/" + name, "must be at most " + max + " characters");
    }
    return text.isEmpty() ? null : text;
  }

  Long whole(String name, long min, long max) {
    Object value = source.getValue(name);
    if (value == null || (value instanceof String s && s.isBlank())) {
      return null;
    }
    long parsed;
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      parsed = n.longValue();
    } else {
      try {
        parsed = Long.parseLong(value.toString().strip());
      } catch (NumberFormatException e) {
        throw Problem.invalidField("/" + name, "must be a whole number");
      }
    }
    if (parsed < min || parsed > max) {
      throw Problem.invalidField("/" + name, "must be from " + min + " to " + max);
    }
    return parsed;
  }

  BigDecimal decimal(String name, BigDecimal min, BigDecimal max) {
    Object value = source.getValue(name);
    if (value == null || (value instanceof String s && s.isBlank())) {
      return null;
    }
    BigDecimal parsed;
    try {
      parsed = new BigDecimal(value.toString().strip());
    } catch (NumberFormatException e) {
      throw Problem.invalidField("/" + name, "must be a number");
    }
    if (parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0) {
      throw Problem.invalidField("/" + name, "must be from " + min + " to " + max);
    }
    return parsed;
  }

  boolean flag(String name) {
    Object value = source.getValue(name);
    if (value == null || value instanceof Boolean) {
      return Boolean.TRUE.equals(value);
    }
    String text = value.toString().strip();
    if (text.equals("true") || text.equals("false")) {
      return Boolean.parseBoolean(text);
    }
    throw Problem.invalidField("/" + name, "must be true or false");
  }

  UUID id(String name) {
    String text = text(name, 36);
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
