package mercato.platform.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import mercato.platform.bus.Problem.FieldError;
import mercato.platform.ids.Ids;

/**
 * Reads fields from a request body with the checks every domain needs, failing with a
 * 400 problem whose pointer names the field. The contract validates shapes first; these
 * are the rules a schema cannot say (trimmed text, email syntax, ids).
 */
public final class Fields {
  // Pragmatic address syntax: one @, a dotted domain, no spaces or control characters.
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s\\p{Cntrl}]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");

  private Fields() {}

  /**
   * Only these fields: a 400 validation problem with one error per field of {@code body}
   * not in {@code allowed}, each saying {@code why}, so a body naming a field it may not
   * write (an owner, a price, an id) is refused, never trusted or silently dropped.
   */
  public static void only(JsonObject body, Collection<String> allowed, String why) {
    List<FieldError> errors = unexpected(body, "", allowed, why);
    if (!errors.isEmpty()) {
      throw Problem.validation("The request has an invalid field.", errors);
    }
  }

  /** The errors {@link #only} reports, for a check that gathers several: pointers under {@code pointer}. */
  public static List<FieldError> unexpected(JsonObject body, String pointer, Collection<String> allowed, String why) {
    List<FieldError> errors = new ArrayList<>();
    for (String name : body.fieldNames()) {
      if (!allowed.contains(name)) {
        errors.add(new FieldError(pointer + "/" + name, why));
      }
    }
    return errors;
  }

  public static String text(JsonObject body, String name, int max) {
    Object value = body.getValue(name);
    if (value == null) {
      throw Problem.invalidField("/" + name, "is required");
    }
    if (!(value instanceof String text) || text.isBlank()) {
      throw Problem.invalidField("/" + name, "must be a non-empty string");
    }
    String trimmed = text.strip();
    if (trimmed.length() > max) {
      throw Problem.invalidField("/" + name, "must be at most " + max + " characters");
    }
    return trimmed;
  }

  public static String optionalText(JsonObject body, String name, int max) {
    return body.getValue(name) == null ? null : text(body, name, max);
  }

  public static boolean isEmail(String text) {
    return text != null && text.length() <= 254 && EMAIL.matcher(text).matches();
  }

  /** A syntactically valid email address, trimmed (case is kept; comparisons ignore it). */
  public static String email(JsonObject body, String name) {
    String email = text(body, name, 254);
    if (!isEmail(email)) {
      throw Problem.invalidField("/" + name, "is not a valid email address");
    }
    return email;
  }

  public static UUID id(JsonObject body, String name) {
    UUID id = Ids.parse(text(body, name, 36));
    if (id == null) {
      throw Problem.invalidField("/" + name, "must be a UUID");
    }
    return id;
  }

  /** An array of at most {@code max} UUIDs (each pointer names the bad one). */
  public static List<UUID> ids(JsonObject body, String name, int max) {
    if (!(body.getValue(name) instanceof JsonArray array)) {
      throw Problem.invalidField("/" + name, "must be an array of ids");
    }
    if (array.size() > max) {
      throw Problem.invalidField("/" + name, "must have at most " + max + " ids");
    }
    List<UUID> ids = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      UUID id = array.getValue(i) instanceof String text ? Ids.parse(text) : null;
      if (id == null) {
        throw Problem.invalidField("/" + name + "/" + i, "must be a UUID");
      }
      ids.add(id);
    }
    return ids;
  }

  /** A path parameter that must be a UUID; a malformed one is simply not found. */
  public static UUID pathId(Envelope envelope, String name) {
    UUID id = Ids.parse(envelope.params().getString(name));
    if (id == null) {
      throw Problem.notFound("No such " + name.replace("_id", "").replace('_', ' ') + ".");
    }
    return id;
  }

  public static String lower(String text) {
    return text == null ? null : text.toLowerCase(Locale.ROOT);
  }
}
