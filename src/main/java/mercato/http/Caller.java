package mercato.http;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import mercato.platform.bus.Principal;
import mercato.platform.bus.Problem;
import mercato.platform.config.HttpConfig;

/**
 * Who is calling, for every edge handler: the bearer token verified into a principal, the
 * client's address, and admission (rate-limit buckets per IP and per principal, and the
 * logout denial of the token) in one Redis call.
 */
final class Caller {
  private static final String BEARER = "Bearer ";
  private static final java.util.regex.Pattern ADDRESS = java.util.regex.Pattern.compile("[0-9A-Fa-f:.]{2,45}");

  private Caller() {}

  /** The verified principal; null when no token was sent and none is {@code required}. */
  static Future<Principal> authenticate(RoutingContext ctx, Edge edge, boolean required) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null) {
      return required
          ? Future.failedFuture(Problem.unauthenticated("This operation needs a bearer token."))
          : Future.succeededFuture(null);
    }
    if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length()) || header.length() == BEARER.length()) {
      return Future.failedFuture(Problem.unauthenticated("The Authorization header must be 'Bearer <token>'."));
    }
    return edge.verifier().verify(header.substring(BEARER.length()).trim());
  }

  /** The client's address: the socket's peer, or the first X-Forwarded-For hop when trusted. */
  static String ip(RoutingContext ctx, HttpConfig http) {
    if (http.trustForwardedFor()) {
      String forwarded = ctx.request().getHeader("X-Forwarded-For");
      String hop = forwarded == null ? "" : forwarded.split(",", 2)[0].trim();
      // Only an address literal is taken: the hop is stored and keyed on, and it is client text.
      if (ADDRESS.matcher(hop).matches()) {
        return hop;
      }
    }
    return ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().host();
  }

  /** Takes a rate-limit token in {@code group}; fails with 429, or 401 for a denied token. */
  static Future<Void> admit(RoutingContext ctx, Edge edge, String group, Principal principal) {
    return edge.limiter()
        .take(group, ip(ctx, edge.http()), principal == null ? null : principal.sub(),
            principal == null ? null : principal.jti())
        .compose(waitMs -> {
          if (waitMs == RateLimiter.DENIED) {
            return Future.failedFuture(Problem.unauthenticated("The access token was revoked."));
          }
          return waitMs == 0
              ? Future.<Void>succeededFuture()
              : Future.failedFuture(Problem.rateLimited(Math.max(1, (waitMs + 999) / 1000)));
        });
  }
}
