package mercato.http;

import io.vertx.ext.web.RoutingContext;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import mercato.platform.bus.Problem;
import mercato.platform.bus.Problem.FieldError;
import mercato.platform.bus.TextRules;

/**
 * The edge's one application of {@link TextRules} to the text of a request outside its body:
 * every query parameter (name and values), every path parameter and the headers the edge
 * hands on. A refusal is a 400 validation problem whose pointer names the parameter or
 * header, raised before the contract is checked and before anything reaches a domain.
 */
final class ClientText {
  /** The longest header value the edge hands on (an idempotency key or cart token is far shorter). */
  static final int MAX_HEADER = 1024;

  private ClientText() {}

  /** Fails with a 400 when a query or path parameter, or one of {@code headers}, breaks the rule. */
  static void check(RoutingContext ctx, Collection<String> headers) {
    for (String name : ctx.queryParams().names()) {
      String nameWrong = TextRules.violation(name, TextRules.MAX_KEY);
      if (nameWrong != null) {
        throw refused("/" + shown(name), "has a name that " + nameWrong);
      }
      for (String value : ctx.queryParams().getAll(name)) {
        refuseIfWrong("/" + name, value, TextRules.MAX_STRING);
      }
    }
    for (Map.Entry<String, String> param : ctx.pathParams().entrySet()) {
      refuseIfWrong("/" + param.getKey(), param.getValue(), TextRules.MAX_STRING);
    }
    for (String header : headers) {
      String value = ctx.request().getHeader(header);
      if (value != null) {
        refuseIfWrong("/" + header, value, MAX_HEADER);
      }
    }
  }

  private static void refuseIfWrong(String pointer, String value, int max) {
    String wrong = TextRules.violation(value, max);
    if (wrong != null) {
      throw refused(pointer, wrong);
    }
  }

  private static Problem refused(String pointer, String detail) {
    return Problem.validation("The request has text that is not allowed.", List.of(new FieldError(pointer, detail)));
  }

  /** A refused name as a pointer can carry it: the JSON body rule's own escaping, through a one-key object. */
  private static String shown(String name) {
    FieldError error = TextRules.firstViolation(Map.of(name, ""), "");
    return error == null ? name : error.pointer().substring(1);
  }
}
