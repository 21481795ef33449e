package mercato.platform.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import mercato.platform.bus.Problem.FieldError;

/**
 * The one rule every piece of text from outside must pass before any domain sees it (the
 * HTTP edge and the Kafka inbound path apply it): no C0 control character other than tab,
 * newline and carriage return, no DEL, no lone UTF-16 surrogate, no string longer than
 * {@link #MAX_STRING} characters, no object key longer than {@link #MAX_KEY}, and JSON no
 * deeper than {@link #MAX_DEPTH}. PostgreSQL refuses NUL in text and a lone surrogate cannot
 * be encoded as UTF-8, so letting either through turns bad input into a 500 or a poisoned batch.
 */
public final class TextRules {
  /** The longest string anywhere (the contract's longest field, an email template body, is 262,144). */
  public static final int MAX_STRING = 262_144;
  /** The longest object key. */
  public static final int MAX_KEY = 200;
  /** The deepest nesting of arrays and objects. */
  public static final int MAX_DEPTH = 32;

  private TextRules() {}

  /** What is wrong with {@code text}, or null when it may pass. */
  public static String violation(String text, int max) {
    if (text.length() > max) {
      return "must be at most " + max + " characters";
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
        return String.format("must not contain the control character U+%04X (at %d)", (int) c, i);
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
          continue;
        }
        return "must not contain a lone surrogate (at " + i + ")";
      }
      if (Character.isLowSurrogate(c)) {
        return "must not contain a lone surrogate (at " + i + ")";
      }
    }
    return null;
  }

  /** The first violation in a JSON value (string, object, array or scalar) under {@code pointer}, or null. */
  public static FieldError firstViolation(Object value, String pointer) {
    return walk(value, pointer, 0);
  }

  /** Fails with a 400 validation problem naming the field when {@code value} breaks the rule. */
  public static void check(Object value, String pointer) {
    FieldError error = firstViolation(value, pointer);
    if (error != null) {
      throw Problem.validation("The request has text that is not allowed.", List.of(error));
    }
  }

  private static FieldError walk(Object value, String pointer, int depth) {
    if (value instanceof String text) {
      String wrong = violation(text, MAX_STRING);
      return wrong == null ? null : new FieldError(pointer, wrong);
    }
    if (depth >= MAX_DEPTH && (value instanceof JsonObject || value instanceof JsonArray
        || value instanceof Map || value instanceof List)) {
      return new FieldError(pointer, "must not nest deeper than " + MAX_DEPTH + " levels");
    }
    if (value instanceof JsonObject object) {
      value = object.getMap();
    }
    if (value instanceof JsonArray array) {
      value = array.getList();
    }
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        String key = String.valueOf(entry.getKey());
        String at = pointer + "/" + escape(key);
        String wrong = violation(key, MAX_KEY);
        if (wrong != null) {
          return new FieldError(at, "has a name that " + wrong);
        }
        FieldError inner = walk(entry.getValue(), at, depth + 1);
        if (inner != null) {
          return inner;
        }
      }
      return null;
    }
    if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        FieldError inner = walk(list.get(i), pointer + "/" + i, depth + 1);
        if (inner != null) {
          return inner;
        }
      }
    }
    return null;
  }

  /**
   * RFC 6901 escapes ('~' and '/'); a long key is cut and a character the rule refuses is shown
   * as U+FFFD, so the pointer itself can be written in the problem.
   */
  private static String escape(String key) {
    String shown = key.length() > MAX_KEY ? key.substring(0, MAX_KEY) : key;
    StringBuilder safe = new StringBuilder(shown.length());
    for (int i = 0; i < shown.length(); i++) {
      char c = shown.charAt(i);
      boolean pair = Character.isHighSurrogate(c) && i + 1 < shown.length() && Character.isLowSurrogate(shown.charAt(i + 1));
      if (pair) {
        safe.append(c).append(shown.charAt(++i));
      } else if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
        safe.append('\uFFFD');
      } else {
        safe.append(c);
      }
    }
    return safe.toString().replace("~", "~0").replace("/", "~1");
  }
}
