package mercato.http;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import mercato.cart.api.CartRoutes;

/**
 * Headers every response gets: {@code X-Content-Type-Options: nosniff}, and
 * {@code Cache-Control: no-store} on whatever may be personal, so neither a shared cache nor
 * the browser's keeps it: a response to a request with a bearer token or a cart token, one
 * that hands out a cart token, one to a request with a {@code token} query parameter (a
 * mailed link), and every answer to a method other than GET or HEAD (sign-in and refresh
 * answers carry tokens). Anonymous GETs of public data (products, search, the contract)
 * stay cacheable.
 */
final class SecurityHeaders {
  private SecurityHeaders() {}

  static void handle(RoutingContext ctx) {
    ctx.response().putHeader("X-Content-Type-Options", "nosniff");
    ctx.addHeadersEndHandler(v -> {
      MultiMap headers = ctx.response().headers();
      if (!headers.contains("Cache-Control") && personal(ctx)) {
        headers.set("Cache-Control", "no-store");
      }
    });
    ctx.next();
  }

  private static boolean personal(RoutingContext ctx) {
    var request = ctx.request();
    HttpMethod method = request.method();
    return (method != HttpMethod.GET && method != HttpMethod.HEAD)
        || request.getHeader("Authorization") != null
        || request.getHeader(CartRoutes.TOKEN_HEADER) != null
        || ctx.response().headers().contains(CartRoutes.TOKEN_HEADER)
        || request.getParam("token") != null;
  }
}
