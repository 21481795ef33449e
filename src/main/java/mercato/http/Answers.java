package mercato.http;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mercato.platform.bus.Outcome;
import mercato.platform.route.Answer;

/**
 * Writes a domain result as the HTTP answer its route declares: the status (a 201 becomes
 * 200 when the operation says the thing existed), {@code Location} from the template,
 * headers from result fields, {@code Idempotent-Replayed} on a replay, and the body (the
 * whole result or the declared field; a {@link Buffer} is JSON already encoded).
 */
final class Answers {
  private static final Pattern FIELD = Pattern.compile("\\{([A-Za-z0-9_]+)}");

  /** The response a result gets: status, headers in the order they are written, body (null for none). */
  record Written(int status, Map<String, String> headers, Object body) {}

  private Answers() {}

  static void write(HttpServerResponse response, Answer declared, Object result, MultiMap facts) {
    Written written = of(declared, result, facts);
    response.setStatusCode(written.status());
    written.headers().forEach(response::putHeader);
    if (written.body() == null) {
      response.end();
      return;
    }
    response.putHeader("Content-Type", "application/json")
        .end(written.body() instanceof Buffer encoded ? encoded : Json.encodeToBuffer(written.body()));
  }

  static Written of(Answer declared, Object result, MultiMap facts) {
    Answer answer = declared.forResult(result);
    boolean existed = facts != null && "true".equals(facts.get(Outcome.EXISTED));
    int status = answer.status() == 201 && existed ? 200 : answer.status();
    JsonObject fields = result instanceof JsonObject json ? json : new JsonObject();
    Map<String, String> headers = new LinkedHashMap<>();
    if (status == 201 && answer.location() != null) {
      headers.put("Location", location(answer.location(), fields));
    }
    for (Map.Entry<String, String> header : answer.headers().entrySet()) {
      Object value = fields.getValue(header.getValue());
      if (value != null) {
        headers.put(header.getKey(), String.valueOf(value));
      }
    }
    if (facts != null && "true".equals(facts.get(Outcome.REPLAYED))) {
      headers.put("Idempotent-Replayed", "true");
    }
    Object body = answer.bodyField() == null ? result : fields.getValue(answer.bodyField());
    return new Written(status, Collections.unmodifiableMap(headers), status == 204 ? null : body);
  }

  /** {@code /orders/{id}} with the result's {@code id}. */
  static String location(String template, JsonObject fields) {
    Matcher m = FIELD.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(fields.getValue(m.group(1)))));
    }
    m.appendTail(out);
    return out.toString();
  }
}
