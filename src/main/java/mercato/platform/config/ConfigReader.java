package mercato.platform.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Typed, validated reads of one configuration section; every failure names the full key. */
public final class ConfigReader {
  private final JsonObject node;
  private final String prefix;

  public ConfigReader(JsonObject node, String prefix) {
    this.node = node == null ? new JsonObject() : node;
    this.prefix = prefix;
  }

  public static ConfigReader root(JsonObject root) {
    return new ConfigReader(root, "");
  }

  public String key(String name) {
    return prefix.isEmpty() ? name : prefix + "." + name;
  }

  public ConfigReader section(String name) {
    Object value = node.getValue(name);
    if (value != null && !(value instanceof JsonObject)) {
      throw new ConfigException(key(name), "expected a section (a mapping)");
    }
    return new ConfigReader((JsonObject) value, key(name));
  }

  public JsonObject raw() {
    return node;
  }

  public boolean has(String name) {
    return node.getValue(name) != null;
  }

  public String string(String name) {
    Object value = required(name);
    if (value instanceof JsonObject || value instanceof JsonArray) {
      throw new ConfigException(key(name), "expected a single value");
    }
    String text = value.toString().trim();
    if (text.isEmpty()) {
      throw new ConfigException(key(name), "must not be empty");
    }
    return text;
  }

  public String optionalString(String name) {
    return has(name) ? string(name) : null;
  }

  public long number(String name, long min, long max) {
    Object value = required(name);
    long parsed;
    if (value instanceof Number n && !(value instanceof Double) && !(value instanceof Float)) {
      parsed = n.longValue();
    } else {
      try {
        parsed = Long.parseLong(value.toString().trim());
      } catch (NumberFormatException e) {
        throw new ConfigException(key(name), "expected a whole number from " + min + " to " + max + ", got \"" + value + "\"");
      }
    }
    if (parsed < min || parsed > max) {
      throw new ConfigException(key(name), "expected a whole number from " + min + " to " + max + ", got " + parsed);
    }
    return parsed;
  }

  public int integer(String name, int min, int max) {
    return (int) number(name, min, max);
  }

  public int port(String name, boolean zeroAllowed) {
    return integer(name, zeroAllowed ? 0 : 1, 65535);
  }

  public boolean bool(String name) {
    Object value = required(name);
    if (value instanceof Boolean b) {
      return b;
    }
    String text = value.toString().trim();
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(text);
    }
    throw new ConfigException(key(name), "expected true or false, got \"" + value + "\"");
  }

  public List<String> strings(String name) {
    Object value = required(name);
    List<String> out = new ArrayList<>();
    if (value instanceof JsonArray array) {
      for (Object item : array) {
        if (item == null || item instanceof JsonObject || item instanceof JsonArray) {
          throw new ConfigException(key(name), "expected a list of plain values");
        }
        out.add(item.toString().trim());
      }
    } else {
      for (String item : value.toString().split(",")) {
        if (!item.isBlank()) {
          out.add(item.trim());
        }
      }
    }
    return out;
  }

  private Object required(String name) {
    Object value = node.getValue(name);
    if (value == null) {
      throw new ConfigException(key(name), "is missing");
    }
    return value;
  }
}
