package mercato.platform.bus;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * An RFC 9457 problem. Domains fail a bus request with one (it travels as the failure
 * code and a JSON message); the edge turns it into an {@code application/problem+json}
 * response. It carries no stack trace: it is an answer, not a bug. Its slug, title and
 * status come from its {@link ProblemType}; the detail says what happened this time.
 */
public final class Problem extends RuntimeException {
  /** One field that failed validation: a JSON pointer into the request and what is wrong. */
  public record FieldError(String pointer, String detail) {
    JsonObject toJson() {
      return new JsonObject().put("pointer", pointer).put("detail", detail);
    }
  }

  private final ProblemType type;
  private final List<FieldError> errors;
  private final JsonObject extensions;

  public Problem(ProblemType type, String detail, List<FieldError> errors, JsonObject extensions) {
    super(detail, null, false, false);
    this.type = type;
    this.errors = errors == null ? List.of() : List.copyOf(errors);
    this.extensions = extensions == null ? new JsonObject() : extensions;
  }

  public Problem(ProblemType type, String detail) {
    this(type, detail, List.of(), null);
  }

  public static Problem validation(String detail, List<FieldError> errors) {
    return new Problem(ProblemType.VALIDATION, detail, errors, null);
  }

  public static Problem invalidField(String pointer, String detail) {
    return validation("The request has an invalid field.", List.of(new FieldError(pointer, detail)));
  }

  public static Problem malformedJson(String detail) {
    return new Problem(ProblemType.MALFORMED_JSON, detail);
  }

  public static Problem unauthenticated(String detail) {
    return new Problem(ProblemType.UNAUTHENTICATED, detail);
  }

  public static Problem forbidden(String detail) {
    return new Problem(ProblemType.FORBIDDEN, detail);
  }

  public static Problem notFound(String detail) {
    return new Problem(ProblemType.NOT_FOUND, detail);
  }

  public static Problem rateLimited(long retryAfterSeconds) {
    return new Problem(ProblemType.RATE_LIMITED, "Try again in " + retryAfterSeconds + " s.",
        List.of(), new JsonObject().put("retryAfter", retryAfterSeconds));
  }

  public static Problem unavailable(String detail) {
    return new Problem(ProblemType.UNAVAILABLE, detail);
  }

  public static Problem timeout(String detail) {
    return new Problem(ProblemType.TIMEOUT, detail);
  }

  public static Problem internal() {
    return new Problem(ProblemType.INTERNAL, "Something went wrong on our side; the request id identifies it.");
  }

  public ProblemType type() {
    return type;
  }

  public int status() {
    return type.status();
  }

  public String slug() {
    return type.slug();
  }

  public String title() {
    return type.title();
  }

  public String detail() {
    return getMessage();
  }

  public List<FieldError> errors() {
    return errors;
  }

  public JsonObject extensions() {
    return extensions;
  }

  /** The response body; {@code instance} is the request path. */
  public JsonObject toJson(String instance, String requestId) {
    JsonObject json = new JsonObject()
        .put("type", type.uri())
        .put("title", type.title())
        .put("status", type.status())
        .put("detail", getMessage());
    if (instance != null) {
      json.put("instance", instance);
    }
    if (requestId != null) {
      json.put("requestId", requestId);
    }
    if (!errors.isEmpty()) {
      JsonArray list = new JsonArray();
      errors.forEach(e -> list.add(e.toJson()));
      json.put("errors", list);
    }
    extensions.forEach(e -> json.put(e.getKey(), e.getValue()));
    return json;
  }

  /** The failure message that carries this problem over the event bus. */
  public String encode() {
    return toJson(null, null).encode();
  }

  /** Reads a bus failure back into a problem; a failure that is not one becomes an internal error. */
  public static Problem from(ReplyException failure) {
    if (failure.failureType() == ReplyFailure.NO_HANDLERS) {
      return unavailable("No node serves this operation right now.");
    }
    if (failure.failureType() == ReplyFailure.TIMEOUT) {
      return timeout("The operation did not answer in time.");
    }
    String message = failure.getMessage();
    if (message != null && message.startsWith("{")) {
      try {
        JsonObject json = new JsonObject(message);
        String uri = json.getString("type", "/problems/internal");
        ProblemType type = ProblemType.bySlug(uri.substring(uri.lastIndexOf('/') + 1));
        if (type == null) {
          return internal();
        }
        List<FieldError> errors = new java.util.ArrayList<>();
        JsonArray list = json.getJsonArray("errors");
        if (list != null) {
          for (int i = 0; i < list.size(); i++) {
            JsonObject e = list.getJsonObject(i);
            errors.add(new FieldError(e.getString("pointer"), e.getString("detail")));
          }
        }
        JsonObject extensions = json.copy();
        for (String known : List.of("type", "title", "status", "detail", "errors", "instance", "requestId")) {
          extensions.remove(known);
        }
        return new Problem(type, json.getString("detail"), errors, extensions);
      } catch (RuntimeException notJson) {
        return internal();
      }
    }
    return internal();
  }
}
