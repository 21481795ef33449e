package mercato.http;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import mercato.platform.bus.Operations;
import mercato.platform.bus.Problem;
import mercato.platform.bus.ProblemType;

/**
 * The one place that writes error responses: every failure, from the router (404, 405,
 * 413), from a handler, or from a domain over the bus, leaves as
 * {@code application/problem+json}. A 500 never shows the exception; it is logged once.
 * A 401 carries its {@code WWW-Authenticate} challenge, a 405 its {@code Allow} list.
 */
final class ProblemResponses {
  /** Where the router's 405 leaves the methods served on the path (for {@code Allow}). */
  static final String ALLOW = "allow";

  private ProblemResponses() {}

  static void handle(RoutingContext ctx) {
    if (ctx.response().closed()) {
      return; // the client went away; there is nobody to answer and nothing went wrong here
    }
    Problem problem = problemOf(ctx);
    write(ctx, problem);
  }

  static void write(RoutingContext ctx, Problem problem) {
    HttpServerResponse response = ctx.response();
    if (response.headWritten()) {
      response.reset();
      return;
    }
    response.setStatusCode(problem.status()).putHeader("Content-Type", "application/problem+json");
    if (problem.status() == 429) {
      response.putHeader("Retry-After", String.valueOf(problem.extensions().getLong("retryAfter", 1L)));
    }
    if (problem.status() == 401) {
      response.putHeader("WWW-Authenticate", challenge(ctx));
    }
    if (problem.status() == 405 && ctx.get(ALLOW) != null) {
      response.putHeader("Allow", ctx.<String>get(ALLOW));
    }
    response.end(problem.toJson(ctx.request().path(), RequestIds.of(ctx)).encode());
  }

  /**
   * The RFC 6750 challenge of a 401: {@code Bearer} when no token came, with
   * {@code error="invalid_token"} when one came and was refused (bad, expired or revoked).
   */
  private static String challenge(RoutingContext ctx) {
    return ctx.request().getHeader("Authorization") == null
        ? "Bearer"
        : "Bearer error=\"invalid_token\"";
  }

  private static Problem problemOf(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure != null && !(failure instanceof Problem) && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      failure = null; // a handler's own 4xx (CORS refusal, body limit): the status says it all
    }
    if (failure != null) {
      if (failure instanceof io.vertx.core.json.DecodeException) {
        return Problem.malformedJson("The body is not valid JSON.");
      }
      if (!(failure instanceof Problem) && !(failure instanceof io.vertx.core.eventbus.ReplyException)) {
        return Operations.problemOf(ctx.request().method() + " " + ctx.request().path(), RequestIds.of(ctx), failure);
      }
      return Operations.problemOf(null, RequestIds.of(ctx), failure);
    }
    return switch (ctx.statusCode()) {
      case 400 -> Problem.validation("The request is malformed.", java.util.List.of());
      case 401 -> Problem.unauthenticated("Authentication required.");
      case 403 -> Problem.forbidden("Not allowed (for a browser: is this origin allowed by http.cors.origins?).");
      case 404 -> Problem.notFound("No route serves " + ctx.request().method() + " " + ctx.request().path() + ".");
      case 405 -> new Problem(ProblemType.METHOD_NOT_ALLOWED,
          ctx.request().method() + " is not served on " + ctx.request().path() + ".");
      case 413 -> new Problem(ProblemType.PAYLOAD_TOO_LARGE, "The body exceeds the size limit.");
      case 415 -> unsupportedMediaType();
      case 503 -> Problem.unavailable("Not ready.");
      default -> {
        if (ctx.statusCode() >= 500) {
          yield Problem.internal();
        }
        // another refusal of the router's (none is known today): a request the edge cannot serve
        yield Problem.validation("The request failed (HTTP " + ctx.statusCode() + ").", java.util.List.of());
      }
    };
  }

  static Problem unsupportedMediaType() {
    return new Problem(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json.");
  }
}
