package mercato.http;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import mercato.platform.bus.Principal;
import mercato.platform.bus.Problem;
import mercato.platform.config.HttpConfig;
import mercato.platform.config.TrustedProxies;
import mercato.platform.tokens.ApiKeyText;

/**
 * Who is calling, for every edge handler: the bearer token (or API key, within its scopes)
 * verified into a principal, the client's address, and admission (rate-limit buckets per IP
 * and per principal or key, and the denial of the token or key) in one Redis call.
 */
final class Caller {
  private static final String BEARER = "Bearer ";
  /** Where an API key's grant is kept on the request, once its scope was checked. */
  private static final String GRANT = "mercato.api-key";
  private static final java.util.regex.Pattern ADDRESS = java.util.regex.Pattern.compile("[0-9A-Fa-f:.]{2,45}");

  private Caller() {}

  /** The verified principal; null when no token was sent and none is {@code required}; an API key is refused (403). */
  static Future<Principal> authenticate(RoutingContext ctx, Edge edge, boolean required) {
    return authenticate(ctx, edge, required, null);
  }

  /**
   * The verified principal of a bearer access token or API key; null when none was sent and
   * none is {@code required}. {@code scope} is the route's API-key scope ({@code ApiScopes}),
   * null when the route takes no key: a key outside its scopes, or on such a route, is 403.
   */
  static Future<Principal> authenticate(RoutingContext ctx, Edge edge, boolean required, String scope) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null) {
      return required
          ? Future.failedFuture(Problem.unauthenticated("This operation needs a bearer token."))
          : Future.succeededFuture(null);
    }
    if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length()) || header.length() == BEARER.length()) {
      return Future.failedFuture(Problem.unauthenticated("The Authorization header must be 'Bearer <token>'."));
    }
    String token = header.substring(BEARER.length()).trim();
    if (!ApiKeyText.isKey(token)) {
      return edge.verifier().verify(token);
    }
    return edge.apiKeys().verify(token).compose(grant -> {
      if (scope == null) {
        return Future.failedFuture(Problem.forbidden("This operation takes a signed-in person's token, not an API key."));
      }
      if (!grant.scopes().contains(scope)) {
        return Future.failedFuture(Problem.forbidden("This API key lacks the scope " + scope + "."));
      }
      ctx.put(GRANT, grant);
      return Future.succeededFuture(grant.principal());
    });
  }

  /**
   * The client's address: the socket's peer, or, when X-Forwarded-For is trusted and the peer
   * is one of {@code http.trustedProxies}, the rightmost forwarded hop that is not a trusted
   * proxy (each proxy appends the address it was reached from, so hops left of it are the
   * client's own text). A connection from anyone else keeps its peer address.
   */
  static String ip(RoutingContext ctx, HttpConfig http) {
    String peer = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().host();
    if (!http.trustForwardedFor() || !http.trustedProxies().contains(peer)) {
      return peer;
    }
    return forwardedClient(peer, ctx.request().headers().getAll("X-Forwarded-For"), http.trustedProxies());
  }

  /** Walks the hops from the right while they are trusted proxies; a hop that is no address literal ends the walk. */
  static String forwardedClient(String peer, java.util.List<String> headers, TrustedProxies proxies) {
    String client = peer;
    java.util.List<String> hops = new java.util.ArrayList<>();
    for (String header : headers) {
      hops.addAll(java.util.Arrays.asList(header.split(",")));
    }
    for (int i = hops.size() - 1; i >= 0 && proxies.contains(client); i--) {
      String hop = hops.get(i).trim();
      // Only an address literal is taken: the hop is stored and keyed on, and it is client text.
      if (!ADDRESS.matcher(hop).matches() || TrustedProxies.literal(hop) == null) {
        break;
      }
      client = hop;
    }
    return client;
  }

  /**
   * Takes a rate-limit token in {@code group}; fails with 429, or 401 for a denied token or
   * revoked API key. An API key has a bucket of its own, not its account's.
   */
  static Future<Void> admit(RoutingContext ctx, Edge edge, String group, Principal principal) {
    ApiKeyVerifier.Grant key = ctx.get(GRANT);
    String bucket = principal == null ? null : key != null ? principal.jti() : principal.sub();
    return edge.limiter()
        .take(group, ip(ctx, edge.http()), bucket, principal == null ? null : principal.jti())
        .compose(waitMs -> {
          if (waitMs == RateLimiter.DENIED) {
            return Future.failedFuture(Problem.unauthenticated(key != null
                ? "The API key was revoked." : "The access token was revoked."));
          }
          return waitMs == 0
              ? Future.<Void>succeededFuture()
              : Future.failedFuture(Problem.rateLimited(Math.max(1, (waitMs + 999) / 1000)));
        });
  }
}
