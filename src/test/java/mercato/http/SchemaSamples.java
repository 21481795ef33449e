package mercato.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Valid values built from the assembled contract's schemas, for tests that start from a
 * request the contract accepts: example, then const, enum, default, then one made from the
 * type and format (ids come from {@code ids} by field name when the test has seeded one).
 */
final class SchemaSamples {
  private final JsonObject contract;
  private final Function<String, String> ids;

  SchemaSamples(JsonObject contract, Function<String, String> ids) {
    this.contract = contract;
    this.ids = ids;
  }

  /** {@code schema} with its $ref followed and allOf merged (oneOf/anyOf: the first choice). */
  JsonObject resolve(JsonObject schema) {
    JsonObject at = schema == null ? new JsonObject() : schema;
    for (int hops = 0; at.getValue("$ref") instanceof String ref && hops < 20; hops++) {
      JsonObject target = contract;
      for (String part : ref.replaceFirst("^#/", "").split("/")) {
        target = target.getJsonObject(part.replace("~1", "/").replace("~0", "~"), new JsonObject());
      }
      at = target;
    }
    if (at.getValue("allOf") instanceof JsonArray all) {
      JsonObject merged = at.copy();
      merged.remove("allOf");
      JsonObject properties = merged.getJsonObject("properties", new JsonObject()).copy();
      JsonArray required = merged.getJsonArray("required", new JsonArray()).copy();
      for (Object part : all) {
        JsonObject resolved = resolve((JsonObject) part);
        resolved.getJsonObject("properties", new JsonObject()).forEach(e -> properties.put(e.getKey(), e.getValue()));
        resolved.getJsonArray("required", new JsonArray()).forEach(required::add);
        resolved.forEach(e -> {
          if (!merged.containsKey(e.getKey())) {
            merged.put(e.getKey(), e.getValue());
          }
        });
      }
      return merged.put("properties", properties).put("required", required);
    }
    for (String choice : List.of("oneOf", "anyOf")) {
      if (at.getValue(choice) instanceof JsonArray options && !options.isEmpty()) {
        JsonObject first = resolve(options.getJsonObject(0)).copy();
        at.forEach(e -> {
          if (!e.getKey().equals(choice) && !first.containsKey(e.getKey())) {
            first.put(e.getKey(), e.getValue());
          }
        });
        return first;
      }
    }
    return at;
  }

  /** The schema's type ("string", "integer", ...; the first non-null one of a list), or null. */
  String type(JsonObject schema) {
    JsonObject resolved = resolve(schema);
    Object type = resolved.getValue("type");
    if (type instanceof JsonArray types) {
      return types.stream().filter(t -> !"null".equals(t)).map(String::valueOf).findFirst().orElse(null);
    }
    if (type == null && resolved.containsKey("properties")) {
      return "object";
    }
    return type == null ? null : type.toString();
  }

  /** A valid value for {@code schema} of a field called {@code name}. */
  Object sample(JsonObject schema, String name) {
    JsonObject s = resolve(schema);
    if (s.containsKey("example")) {
      return s.getValue("example");
    }
    if (s.getValue("examples") instanceof JsonArray examples && !examples.isEmpty()) {
      return examples.getValue(0);
    }
    if (s.containsKey("const")) {
      return s.getValue("const");
    }
    if (s.getValue("enum") instanceof JsonArray values && !values.isEmpty()) {
      return values.getValue(0);
    }
    if (s.containsKey("default") && s.getValue("default") != null) {
      return s.getValue("default");
    }
    String type = type(s);
    if (type == null) {
      return "x";
    }
    return switch (type) {
      case "integer", "number" -> number(s);
      case "boolean" -> true;
      case "array" -> {
        JsonArray array = new JsonArray();
        int items = Math.max(1, s.getInteger("minItems", 1));
        for (int i = 0; i < items; i++) {
          array.add(sample(s.getJsonObject("items", new JsonObject()), singular(name)));
        }
        yield array;
      }
      case "object" -> object(s);
      default -> text(s, name);
    };
  }

  /** The required properties of an object schema, each with a sample. */
  JsonObject object(JsonObject schema) {
    JsonObject s = resolve(schema);
    JsonObject out = new JsonObject();
    JsonObject properties = s.getJsonObject("properties", new JsonObject());
    for (Object required : s.getJsonArray("required", new JsonArray())) {
      String name = required.toString();
      out.put(name, sample(properties.getJsonObject(name, new JsonObject()), name));
    }
    return out;
  }

  /** The properties of an object schema by name (resolved), empty for other schemas. */
  Map<String, JsonObject> properties(JsonObject schema) {
    Map<String, JsonObject> out = new java.util.LinkedHashMap<>();
    resolve(schema).getJsonObject("properties", new JsonObject())
        .forEach(e -> out.put(e.getKey(), resolve((JsonObject) e.getValue())));
    return out;
  }

  private static Object number(JsonObject s) {
    long value = 1;
    if (s.getValue("minimum") instanceof Number min) {
      value = Math.max(value, (long) Math.ceil(min.doubleValue()));
    }
    if (s.getValue("exclusiveMinimum") instanceof Number min) {
      value = Math.max(value, (long) Math.floor(min.doubleValue()) + 1);
    }
    if (s.getValue("maximum") instanceof Number max) {
      value = Math.min(value, (long) Math.floor(max.doubleValue()));
    }
    return value;
  }

  private String text(JsonObject s, String name) {
    String format = s.getString("format", "");
    String id = name == null ? null : ids.apply(name);
    switch (format) {
      case "uuid" -> {
        return id != null ? id : UUID.randomUUID().toString();
      }
      case "email" -> {
        return "hostile-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
      }
      case "date-time" -> {
        return "2026-01-01T00:00:00Z";
      }
      case "date" -> {
        return "2026-01-01";
      }
      case "uri", "url" -> {
        return "https://example.com/hook";
      }
      default -> { }
    }
    if (id != null) {
      return id;
    }
    String pattern = s.getString("pattern");
    if (pattern != null) {
      String known = patterned(pattern);
      if (known != null) {
        return known;
      }
    }
    int min = s.getInteger("minLength", 1);
    int max = s.getInteger("maxLength", Math.max(min, 12));
    StringBuilder text = new StringBuilder("Sample");
    while (text.length() < min) {
      text.append('x');
    }
    return text.length() > max ? text.substring(0, max) : text.toString();
  }

  /** Values for the patterns the contract uses (a pattern this does not know falls back to plain text). */
  private static String patterned(String pattern) {
    List<String> candidates = new ArrayList<>(List.of("EUR", "sample-slug", "SAMPLE", "sample", "1", "DE", "en",
        "12345", "ab", "+491234567", "#ffffff", "a1", "2026-01-01", "v1"));
    try {
      java.util.regex.Pattern compiled = java.util.regex.Pattern.compile(pattern);
      return candidates.stream().filter(c -> compiled.matcher(c).find()).findFirst().orElse(null);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String singular(String name) {
    return name == null ? null : name.endsWith("s") ? name.substring(0, name.length() - 1) : name;
  }
}
