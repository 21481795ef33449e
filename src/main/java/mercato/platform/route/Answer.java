package mercato.platform.route;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a route turns its operation's domain result into an HTTP answer: the status, a
 * {@code Location} template filled from the result's fields ({@code /orders/{id}}),
 * response headers taken from result fields (the cart token), and the field that is the
 * body when the result carries more than the body. A route declared 201 answers 200 (and
 * no {@code Location}) when its operation says the thing already existed. An operation with
 * two kinds of result (one order or a batch) names the field that marks the other kind and
 * the answer that kind gets ({@link #when}).
 */
public record Answer(int status, String location, Map<String, String> headers, String bodyField,
    String whenField, Answer otherwise) {
  public static final Answer OK = of(200, null);

  private static Answer of(int status, String location) {
    return new Answer(status, location, Map.of(), null, null, null);
  }

  public static Answer created() {
    return of(201, null);
  }

  /** 201 with {@code Location} built from {@code template}: each {@code {field}} is the result's field. */
  public static Answer created(String template) {
    return of(201, template);
  }

  public static Answer accepted() {
    return of(202, null);
  }

  public static Answer noContent() {
    return of(204, null);
  }

  /** The response header {@code name} carries the result's {@code field} (absent when the field is). */
  public Answer header(String name, String field) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, field);
    return new Answer(status, location, Map.copyOf(more), bodyField, whenField, otherwise);
  }

  /** The body is the result's {@code field}, not the whole result. */
  public Answer body(String field) {
    return new Answer(status, location, headers, field, whenField, otherwise);
  }

  /** A result holding {@code field} is answered as {@code other} says (a batch's 200, say). */
  public Answer when(String field, Answer other) {
    return new Answer(status, location, headers, bodyField, field, other);
  }

  /** The answer for this result: {@link #otherwise} when the result holds {@link #whenField}. */
  public Answer forResult(Object result) {
    return whenField != null && result instanceof io.vertx.core.json.JsonObject json && json.containsKey(whenField)
        ? otherwise : this;
  }
}
