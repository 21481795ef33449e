package mercato.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import mercato.http.RouteTable.Mount;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Outcome;
import mercato.platform.bus.Principal;
import mercato.platform.bus.Problem;
import mercato.platform.bus.ProblemType;
import mercato.platform.bus.TextRules;
import mercato.platform.config.HttpConfig;
import mercato.platform.route.Access;
import mercato.platform.route.ApiScopes;

/**
 * The one handler behind every domain route: authenticate (an API key within the route's
 * scope), check the route's access rule,
 * take a rate-limit token, parse and validate the request, send the envelope to the
 * route's bus address, and write the domain result as the route's declared answer. Failures go to the problem
 * handler through {@code ctx.fail}.
 */
final class BusForwarder {
  private final Vertx vertx;
  private final Edge edge;
  private final HttpConfig http;
  private final DeliveryOptions delivery;

  BusForwarder(Vertx vertx, Edge edge) {
    this.vertx = vertx;
    this.edge = edge;
    this.http = edge.http();
    this.delivery = new DeliveryOptions().setSendTimeout(http.busTimeoutMs());
  }

  void handle(RoutingContext ctx, Mount mount) {
    Caller.authenticate(ctx, edge, mount.route().access().signedIn(), ApiScopes.of(mount.route()))
        .compose(principal -> {
          TrafficCounters.identify(ctx, principal);
          return admit(ctx, mount, principal).map(v -> principal);
        })
        .compose(principal -> envelope(ctx, mount, principal))
        .compose(envelope -> vertx.eventBus().<Object>request(mount.route().address(), envelope.toJson(), delivery))
        .onSuccess(reply -> {
          String denied = reply.headers().get(Outcome.DENIED);
          if (denied != null) {
            edge.denied(denied); // before the answer: the caller's next request here is refused
          }
          Answers.write(ctx.response(), mount.route().answer(), reply.body(), reply.headers());
        })
        .onFailure(ctx::fail);
  }

  private Future<Void> admit(RoutingContext ctx, Mount mount, Principal principal) {
    Access access = mount.route().access();
    if (principal != null) {
      boolean granted = access.permission() != null && edge.permissions().grants(principal, access.permission());
      if (!access.admits(principal.typ(), granted)) {
        return Future.failedFuture(Problem.forbidden(access.permission() == null
            ? "A " + principal.typ() + " may not call this operation."
            : "This operation needs the permission " + access.permission() + "."));
      }
      if (access.verifiedFor() != null && !principal.emailVerified()
          && edge.requiresVerifiedEmail(access.verifiedFor())) {
        return Future.failedFuture(new Problem(ProblemType.EMAIL_NOT_VERIFIED,
            "Verify your email address before you " + access.verifiedFor() + "."));
      }
    }
    return Caller.admit(ctx, edge, mount.route().limitGroup(), principal);
  }

  private Future<Envelope> envelope(RoutingContext ctx, Mount mount, Principal principal) {
    Object body;
    try {
      // Text no domain may see is refused before the contract is checked: the contract's
      // validator and the domains then only ever meet text PostgreSQL and UTF-8 can hold.
      ClientText.check(ctx, forwardedText(mount));
      body = body(ctx, mount);
      TextRules.check(body, "");
      checkPageSize(ctx.queryParams().getAll("limit"));
    } catch (Problem problem) {
      return Future.failedFuture(problem);
    }
    String operationId = mount.route().operationId();
    Future<ContractValidator.Validated> validated = operationId == null
        ? Future.succeededFuture(null)
        : edge.validator().validate(ctx, operationId);
    return validated.map(valid -> {
      JsonObject params = valid != null ? valid.path() : pathParams(ctx);
      JsonObject query = valid != null ? valid.query() : rawQuery(ctx);
      JsonObject headers = new JsonObject();
      for (String name : mount.route().forwardHeaders()) {
        String value = ctx.request().getHeader(name);
        if (value != null) {
          headers.put(name.toLowerCase(), value);
        }
      }
      if (mount.route().forwardHeaders().contains("raw-body") && ctx.body().buffer() != null) {
        headers.put("raw-body", ctx.body().buffer().toString());
      }
      return new Envelope(principal, params, query, body, ctx.request().getHeader("Idempotency-Key"),
          RequestIds.of(ctx), headers, Caller.ip(ctx, http));
    });
  }

  /** The headers this route hands on to its domain (the raw body is checked as the body). */
  private static List<String> forwardedText(Mount mount) {
    List<String> names = new java.util.ArrayList<>(mount.route().forwardHeaders());
    names.remove("raw-body");
    names.add("Idempotency-Key");
    return names;
  }

  /** Every limit is at most http.maxPageSize, however many digits it has (no narrowing, no wrap). */
  private void checkPageSize(List<String> limits) {
    for (String limit : limits) {
      String digits = limit.strip().replaceFirst("^\\+?0*(?=\\d)", "");
      if (digits.matches("\\d+") && (digits.length() > 9 || Integer.parseInt(digits) > http.maxPageSize())) {
        throw Problem.invalidField("/limit", "must be at most " + http.maxPageSize());
      }
    }
  }

  private static Object body(RoutingContext ctx, Mount mount) {
    Buffer buffer = ctx.body() == null ? null : ctx.body().buffer();
    Object body = null;
    if (buffer != null && buffer.length() > 0) {
      String type = ctx.request().getHeader("Content-Type");
      if (type == null || !isJson(type)) {
        throw ProblemResponses.unsupportedMediaType();
      }
      try {
        body = Json.decodeValue(buffer);
      } catch (DecodeException e) {
        throw Problem.malformedJson("The body is not valid JSON.");
      }
    }
    if (!mount.alias().forced().isEmpty()) {
      JsonObject object = body instanceof JsonObject json ? json : new JsonObject();
      mount.alias().forced().forEach(object::put);
      body = object;
    }
    return body;
  }

  private static boolean isJson(String contentType) {
    String type = contentType.split(";", 2)[0].trim().toLowerCase();
    return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
  }

  private static JsonObject pathParams(RoutingContext ctx) {
    JsonObject params = new JsonObject();
    ctx.pathParams().forEach(params::put);
    return params;
  }

  private static JsonObject rawQuery(RoutingContext ctx) {
    JsonObject query = new JsonObject();
    for (String name : ctx.queryParams().names()) {
      List<String> values = ctx.queryParams().getAll(name);
      query.put(name, values.size() == 1 ? values.get(0) : new io.vertx.core.json.JsonArray(values));
    }
    return query;
  }

}
