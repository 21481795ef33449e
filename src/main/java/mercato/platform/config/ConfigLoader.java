package mercato.platform.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the configuration in layers: the defaults shipped in the jar (a copy of
 * conf/mercato.yaml), then a YAML file, then {@code mercato.*} system properties, then
 * {@code MERCATO_*} environment variables (and two of OpenTelemetry's, {@link #STANDARD_ENV}).
 * Overrides apply to keys the defaults declare, coerced to the type of the default, so a typo cannot silently add a key;
 * a key of the file the defaults do not declare stops the load ({@link UndeclaredKeys}), and so does a key that moved
 * to another section, with its new name ({@link MovedKeys}).
 */
public final class ConfigLoader {
  static final String DEFAULTS_RESOURCE = "mercato.yaml";
  /** OpenTelemetry's standard variables, taken when no {@code MERCATO_} variable sets the key. */
  static final Map<String, String> STANDARD_ENV = Map.of(
      "tracing.otlp.endpoint", "OTEL_EXPORTER_OTLP_ENDPOINT",
      "tracing.serviceName", "OTEL_SERVICE_NAME");

  private ConfigLoader() {}

  /** Loads the defaults, then {@code file} when not null, then properties and environment. */
  public static JsonObject load(Path file, Properties sys, Map<String, String> env) {
    JsonObject merged = readResource(DEFAULTS_RESOURCE);
    JsonObject own = new JsonObject();
    if (file != null) {
      if (!Files.isReadable(file)) {
        throw new ConfigException("-conf", "cannot read " + file);
      }
      own = readFile(file);
    }
    String origin = file == null ? "" : file.toString();
    MovedKeys.refuse(own, origin, sys, env);
    UndeclaredKeys.refuse(merged, own, origin);
    merged.mergeIn(own, true);
    List<String[]> leaves = new ArrayList<>();
    collectLeaves(merged, "", leaves);
    leaves.addAll(domainDatabaseKeys(merged));
    for (String[] leaf : leaves) {
      String key = leaf[0];
      String fromSys = sys.getProperty("mercato." + key);
      String fromEnv = env.get(envName(key));
      if (fromEnv == null && STANDARD_ENV.containsKey(key)) {
        fromEnv = env.get(STANDARD_ENV.get(key));
      }
      String value = fromEnv != null ? fromEnv : fromSys;
      if (value != null) {
        set(merged, key, coerce(key, get(merged, leaf.length > 1 ? leaf[1] : key), value));
      }
    }
    return merged;
  }

  /** {@code http.bodyLimit} -> {@code MERCATO_HTTP_BODY_LIMIT}. */
  public static String envName(String key) {
    StringBuilder out = new StringBuilder("MERCATO_");
    for (char c : key.toCharArray()) {
      if (c == '.' || c == '-') {
        out.append('_');
      } else if (Character.isUpperCase(c)) {
        out.append('_').append(c);
      } else {
        out.append(Character.toUpperCase(c));
      }
    }
    return out.toString();
  }

  static JsonObject readResource(String name) {
    try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks " + name);
      }
      return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonObject readFile(Path file) {
    try {
      return parse(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new ConfigException("-conf", "cannot read " + file + ": " + e.getMessage());
    }
  }

  @SuppressWarnings("unchecked")
  static JsonObject parse(String yaml, String origin) {
    Object tree;
    try {
      tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    } catch (RuntimeException e) {
      throw new ConfigException("-conf", origin + " is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (tree == null) {
      return new JsonObject();
    }
    if (!(tree instanceof Map)) {
      throw new ConfigException("-conf", origin + " must hold a mapping at the top");
    }
    return new JsonObject((Map<String, Object>) tree).copy();
  }

  /**
   * The keys a domain's own database may override, each with the {@code db:} key whose type it
   * takes: {@code db.<domain>.K} (and {@code db.<domain>.replica.K} where the defaults declare
   * a replica) for every key K of {@code db:}, for each {@code db.<domain>} subsection (see
   * {@link DomainDatabases}). Keys a subsection already sets are leaves of their own.
   */
  private static List<String[]> domainDatabaseKeys(JsonObject merged) {
    List<String[]> out = new ArrayList<>();
    JsonObject db = merged.getJsonObject("db", new JsonObject());
    for (String domain : db.fieldNames()) {
      if (!(db.getValue(domain) instanceof JsonObject own)) {
        continue;
      }
      for (String key : db.fieldNames()) {
        if (db.getValue(key) instanceof JsonObject) {
          continue;
        }
        if (!own.containsKey(key)) {
          out.add(new String[] {"db." + domain + "." + key, "db." + key});
        }
        if (own.getValue(DomainDatabases.REPLICA) instanceof JsonObject replica && !replica.containsKey(key)) {
          out.add(new String[] {"db." + domain + "." + DomainDatabases.REPLICA + "." + key, "db." + key});
        }
      }
    }
    return out;
  }

  private static void collectLeaves(JsonObject node, String prefix, List<String[]> out) {
    for (String name : node.fieldNames()) {
      Object value = node.getValue(name);
      String key = prefix.isEmpty() ? name : prefix + "." + name;
      if (value instanceof JsonObject child) {
        collectLeaves(child, key, out);
      } else {
        out.add(new String[] {key});
      }
    }
  }

  private static Object get(JsonObject root, String key) {
    String[] parts = key.split("\\.");
    JsonObject node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      node = node.getJsonObject(parts[i]);
    }
    return node.getValue(parts[parts.length - 1]);
  }

  private static void set(JsonObject root, String key, Object value) {
    String[] parts = key.split("\\.");
    JsonObject node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      node = node.getJsonObject(parts[i]);
    }
    node.put(parts[parts.length - 1], value);
  }

  private static Object coerce(String key, Object current, String raw) {
    String value = raw.trim();
    if (current instanceof JsonArray) {
      JsonArray list = new JsonArray();
      for (String item : value.split(",")) {
        if (!item.isBlank()) {
          list.add(item.trim());
        }
      }
      return list;
    }
    if (current instanceof Boolean) {
      if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
        throw new ConfigException(key, "expected true or false, got \"" + raw + "\"");
      }
      return Boolean.parseBoolean(value);
    }
    if (current instanceof Number) {
      try {
        return Long.parseLong(value);
      } catch (NumberFormatException e) {
        throw new ConfigException(key, "expected a whole number, got \"" + raw + "\"");
      }
    }
    return value;
  }
}
