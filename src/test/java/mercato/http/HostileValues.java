package mercato.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import mercato.http.AsciiJson.Raw;

/**
 * What a hostile client sends in place of a valid value: control characters, lone
 * surrogates, over-long text, numbers past every integer range, wrong types, deep nesting,
 * SQL and path-traversal text, bidirectional and zero-width characters, and cursors that
 * decode to absurd keys.
 */
final class HostileValues {
  private HostileValues() {}

  /** Text for any string: a body field, a query, path or header parameter. */
  static List<String> texts() {
    String id = UUID.randomUUID().toString();
    List<String> texts = new ArrayList<>(List.of(
        "\u0000", "a\u0000b", "x\u0001y", "\u001b[31mred", "\u007f", "\ud800", "x\udc00", "\udbff\u0041",
        "' OR 1=1 --", "'; DROP TABLE x; --", "../../etc/passwd", "\u202Eexe.txt", "a\u200Bb\uFEFFc",
        "1e-20000", "2147483648", "9223372036854775808", "-1", "NaN", "", " ")
    );
    texts.add(cursor("{\"s\":\"rating\",\"k\":\"1e-20000\",\"i\":\"" + id + "\",\"c\":1}"));
    texts.add(cursor("{\"s\":\"newest\",\"k\":\"+999999999-12-31T23:59:59Z\",\"i\":\"" + id + "\",\"t\":\"+999999999-12-31T23:59:59Z\"}"));
    texts.add(cursor("{\"s\":\"price\",\"k\":9223372036854775808,\"i\":\"" + id + "\"}"));
    texts.add(cursor("{\"s\":\"name\",\"k\":\"\\u0000\",\"i\":\"" + id + "\",\"t\":\"\\u0000\"}"));
    texts.add(cursor("99999999999999999999:" + id));
    texts.add("!!not-base64!!");
    return texts;
  }

  /** One string of a megabyte (bodies: past the body limit; parameters: past the header and line limits). */
  static String huge() {
    return "x".repeat(1 << 20);
  }

  /** Text for a string body field: what a domain would store (the cursor shapes matter for parameters only). */
  static List<Object> textValues() {
    List<Object> values = new ArrayList<>(List.of("\u0000", "a\u0000b", "x\u0001y", "\u007f", "\ud800", "x\udc00",
        "' OR 1=1 --", "'; DROP TABLE x; --", "../../etc/passwd", "\u202Eexe.txt", "a\u200Bb\uFEFFc", "1e-20000", "",
        TextRulesLimit.JUST_TOO_LONG));
    values.addAll(wrongTypes());
    values.add(new Raw("12"));
    return values;
  }

  /** Numbers for an integer or number body field: past every integer range, fractions, and not numbers at all. */
  static List<Object> numberValues() {
    List<Object> values = new ArrayList<>(List.of(new Raw("2147483647"), new Raw("2147483648"),
        new Raw("4294967297"), new Raw("9223372036854775807"), new Raw("9223372036854775808"), new Raw("-1"),
        new Raw("0"), new Raw("1e308"), new Raw("-1e308"), new Raw("1e-20000"), new Raw("1.5"), new Raw("NaN"),
        "1", "\u0000"));
    values.addAll(wrongTypes());
    return values;
  }

  /** Values for an array or object body field: wrong types, NUL inside, too deep. */
  static List<Object> containerValues() {
    List<Object> values = new ArrayList<>(wrongTypes());
    values.addAll(List.of("x", new Raw("1"), new Raw("[\"\\u0000\"]"), new Raw("{\"\\u0000\":1}"),
        new Raw(nested(40)), new Raw("[" + "1,".repeat(10_000) + "1]")));
    return values;
  }

  private static List<Object> wrongTypes() {
    return List.of(new Raw("null"), new Raw("true"), new Raw("{}"), new Raw("[]"));
  }

  /** Whole bodies: deep nesting, not an object, not JSON. */
  static List<Raw> bodies() {
    return List.of(new Raw(nested(10_000)), new Raw("[]"), new Raw("\"\\u0000\""), new Raw("1e308"),
        new Raw("{"), new Raw("NaN"), new Raw("{\"a\":1,\"a\":2}"));
  }

  static String nested(int levels) {
    return "[".repeat(levels) + "]".repeat(levels);
  }

  private static String cursor(String plain) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /** A string just past TextRules' limit (the body limit is far larger). */
  static final class TextRulesLimit {
    static final String JUST_TOO_LONG = "y".repeat(mercato.platform.bus.TextRules.MAX_STRING + 1);

    private TextRulesLimit() {}
  }
}
