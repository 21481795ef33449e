package mercato.payment;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PayPal's REST API as Mercato calls it: JSON POSTs carrying a {@code PayPal-Request-Id}
 * (PayPal's idempotency key) and asking for the full representation, GETs, each with the
 * OAuth2 bearer token of {@link PayPalTokens} and bounded by {@code payment.paypal.timeoutMs}.
 * A 401 refreshes the token once and repeats the call (same request id, so never twice at
 * PayPal); a second refusal is a {@link Gateway.NetworkError}. What a transport failure, a
 * 429, a 5xx or an unreadable body means is {@link GatewayHttp}'s.
 */
final class PayPalClient {
  private static final Logger LOG = LoggerFactory.getLogger(PayPalClient.class);

  private final GatewayHttp http;
  private final PayPalTokens tokens;
  private final PayPalConfig config;

  PayPalClient(Vertx vertx, PayPalConfig config) {
    this.config = config;
    this.http = new GatewayHttp(vertx, "PayPal", config.timeoutMs());
    this.tokens = new PayPalTokens(http, config);
  }

  /** POSTs {@code body}; {@code requestId} null for a call that changes nothing (a verification). */
  Future<GatewayHttp.Reply> post(String path, JsonObject body, String requestId) {
    return call(path, token -> {
      HttpRequest<Buffer> request = request(HttpMethod.POST, path, token).putHeader("Prefer", "return=representation");
      if (requestId != null) {
        request.putHeader("PayPal-Request-Id", requestId);
      }
      return request.sendJsonObject(body);
    });
  }

  Future<GatewayHttp.Reply> get(String path) {
    return call(path, token -> request(HttpMethod.GET, path, token).send());
  }

  void close() {
    http.close();
  }

  private HttpRequest<Buffer> request(HttpMethod method, String path, String token) {
    return http.request(method, config.apiBase() + path).putHeader("Authorization", "Bearer " + token)
        .putHeader("Accept", "application/json");
  }

  private Future<GatewayHttp.Reply> call(String path, Function<String, Future<HttpResponse<Buffer>>> send) {
    return tokens.token().compose(token -> http.send(send.apply(token), path).compose(reply -> reply.status() != 401
        ? Future.succeededFuture(reply)
        : tokens.refresh(token).compose(fresh -> http.send(send.apply(fresh), path))))
        .compose(reply -> {
          if (reply.status() == 401 || reply.status() == 403) {
            LOG.error("PayPal refused the access token for {} ({}): {}", path, reply.status(),
                reply.body().getString("message", reply.body().getString("error")));
            return Future.failedFuture(new Gateway.NetworkError("PayPal refused the access token"));
          }
          return Future.succeededFuture(reply);
        });
  }
}
