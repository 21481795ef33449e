package mercato.platform.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
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

  /** An ISO date (yyyy-mm-dd, UTC day), or {@code otherwise} when absent. */
  public static LocalDate day(JsonObject query, String name, LocalDate otherwise) {
    String text = text(query, name);
    return text == null ? otherwise : day(text, "/" + name);
  }

  /** {@code text} as an ISO date (exactly yyyy-mm-dd); a 400 naming {@code pointer} otherwise. */
  public static LocalDate day(String text, String pointer) {
    try {
      if (text.length() != 10 || !text.matches("\\d{4}-\\d{2}-\\d{2}")) {
        throw new DateTimeParseException("not yyyy-mm-dd", text, 0);
      }
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw Problem.invalidField(pointer, "must be an ISO date (2026-11-30)");
    }
  }

  /**
   * A bound of a period, or null when absent: an ISO instant as is, or an ISO date (UTC)
   * meaning the start of that day, or with {@code endOfDay} the start of the next (so
   * {@code to=2026-11-30} includes that day).
   */
  public static OffsetDateTime periodBound(JsonObject query, String name, boolean endOfDay) {
    String text = text(query, name);
    if (text == null) {
      return null;
    }
    try {
      if (text.length() == 10) {
        LocalDate day = LocalDate.parse(text);
        return (endOfDay ? day.plusDays(1) : day).atStartOfDay().atOffset(ZoneOffset.UTC);
      }
      return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw Problem.invalidField("/" + name, "must be an ISO date (2026-11-30) or date-time (2026-11-30T12:00:00Z)");
    }
  }
}
