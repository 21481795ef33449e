package mercato.platform.bus;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;
import mercato.platform.ids.Ids;

/**
 * The opaque cursors of keyset-paged lists: URL-safe base64 of a small JSON object. A cursor
 * comes back from the client, so decoding it is reading outside input: anything that is not
 * what a list wrote (garbage base64, text {@link TextRules} refuses, a number PostgreSQL
 * cannot hold such as 1e-20000, a time outside years 1 to 9999) is a 400 at {@code /cursor},
 * never a 500 from the query it would feed.
 */
public final class Cursors {
  /** The problem detail for a cursor that does not decode. */
  public static final String NOT_OURS = "is not a cursor this list gave out";
  /** The largest precision and scale of a decimal key (numeric columns keep far fewer digits). */
  private static final int MAX_DIGITS = 38;
  private static final int MAX_CURSOR = 2048;

  private Cursors() {}

  public static String encode(JsonObject fields) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(fields.encode().getBytes(StandardCharsets.UTF_8));
  }

  /** The fields of a cursor a list gave out, or a 400 problem at /cursor. */
  public static JsonObject decode(String text) {
    JsonObject decoded;
    try {
      if (text.length() > MAX_CURSOR) {
        throw notOurs();
      }
      decoded = new JsonObject(new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      throw notOurs();
    }
    if (TextRules.firstViolation(decoded, "") != null) {
      throw notOurs();
    }
    return decoded;
  }

  public static Problem notOurs() {
    return Problem.invalidField("/cursor", NOT_OURS);
  }

  /** The id under {@code name}. */
  public static UUID id(JsonObject cursor, String name) {
    UUID id = Ids.parse(cursor.getValue(name) instanceof String text ? text : null);
    if (id == null) {
      throw notOurs();
    }
    return id;
  }

  /** The text under {@code name}. */
  public static String text(JsonObject cursor, String name) {
    if (cursor.getValue(name) instanceof String text) {
      return text;
    }
    throw notOurs();
  }

  /** The whole number under {@code name} (a JSON integer that fits a long). */
  public static long whole(JsonObject cursor, String name) {
    Object value = cursor.getValue(name);
    if (value instanceof Integer || value instanceof Long) {
      return ((Number) value).longValue();
    }
    throw notOurs();
  }

  /** The whole number under {@code name}, within the int range. */
  public static int integer(JsonObject cursor, String name) {
    if (cursor.getValue(name) instanceof Integer value) {
      return value;
    }
    throw notOurs();
  }

  /** A decimal written as text, of at most 38 digits on either side of the point. */
  public static BigDecimal decimal(String text) {
    try {
      if (text.length() > 2 * MAX_DIGITS + 2) {
        throw notOurs();
      }
      BigDecimal value = new BigDecimal(text);
      if (value.precision() > MAX_DIGITS || Math.abs(value.scale()) > MAX_DIGITS) {
        throw notOurs();
      }
      return value;
    } catch (NumberFormatException e) {
      throw notOurs();
    }
  }

  /** An ISO-8601 time with offset, within the years PostgreSQL and the lists use (1 to 9999). */
  public static OffsetDateTime time(String text) {
    try {
      return bounded(OffsetDateTime.parse(text));
    } catch (DateTimeParseException e) {
      throw notOurs();
    }
  }

  /** {@code time} when its year is from 1 to 9999. */
  public static OffsetDateTime bounded(OffsetDateTime time) {
    int year = time.getYear();
    if (year < 1 || year > 9999) {
      throw notOurs();
    }
    return time;
  }
}
