package mercato.payment;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PayPal's OAuth2 access token ({@code POST /v1/oauth2/token}, HTTP Basic client id and
 * secret, {@code grant_type=client_credentials}), kept until a minute before it expires and
 * shared by every call meanwhile (one request at a time, also while it is fetched). A token
 * PayPal refused (a 401 on a call) is dropped, so the next call fetches a new one. Used from
 * the payment verticle's own event loop only.
 */
final class PayPalTokens {
  private static final Logger LOG = LoggerFactory.getLogger(PayPalTokens.class);
  static final String PATH = "/v1/oauth2/token";
  /** A token with less life left than this is not used for a new call. */
  static final long MARGIN_MS = 60_000;

  private record Token(String value, long usableUntilMs) {}

  private final GatewayHttp http;
  private final PayPalConfig config;
  private Future<Token> current;

  PayPalTokens(GatewayHttp http, PayPalConfig config) {
    this.http = http;
    this.config = config;
  }

  /** A token to call with: the kept one while it lasts, else a new one. */
  Future<String> token() {
    Future<Token> kept = current;
    boolean usable = kept != null && (!kept.isComplete()
        || kept.succeeded() && kept.result().usableUntilMs() > System.currentTimeMillis());
    if (!usable) {
      kept = fetch();
      current = kept;
    }
    return kept.map(Token::value);
  }

  /** PayPal refused {@code refused}: forgotten (unless a newer one replaced it already), and a token to retry with. */
  Future<String> refresh(String refused) {
    Future<Token> kept = current;
    if (kept != null && kept.succeeded() && kept.result().value().equals(refused)) {
      current = null;
    }
    return token();
  }

  private Future<Token> fetch() {
    long asked = System.currentTimeMillis();
    MultiMap form = MultiMap.caseInsensitiveMultiMap().add("grant_type", "client_credentials");
    Future<Token> fetched = http.send(http.request(HttpMethod.POST, config.apiBase() + PATH)
            .basicAuthentication(config.clientId(), config.clientSecret())
            .putHeader("Accept", "application/json").sendForm(form), PATH)
        .compose(reply -> {
          if (!reply.ok()) {
            LOG.error("PayPal refused the client id and secret ({}): {}", reply.status(),
                reply.body().getString("error_description", reply.body().getString("error")));
            return Future.failedFuture(new Gateway.NetworkError("PayPal refused the client credentials"));
          }
          String value = reply.body().getValue("access_token") instanceof String text && !text.isBlank() ? text : null;
          long expiresIn = reply.body().getValue("expires_in") instanceof Number n ? n.longValue() : 0L;
          if (value == null || !"Bearer".equalsIgnoreCase(reply.body().getString("token_type", "Bearer"))) {
            return Future.failedFuture(new Gateway.NetworkError("PayPal's token answer has no bearer access_token"));
          }
          return Future.succeededFuture(new Token(value, asked + expiresIn * 1000 - MARGIN_MS));
        })
        // Without a token no call was made: whatever went wrong, nothing happened at PayPal.
        .recover(e -> Future.failedFuture(e instanceof Gateway.NetworkError ? e
            : new Gateway.NetworkError("no PayPal access token: " + e.getMessage())));
    fetched.onFailure(e -> {
      LOG.warn("no PayPal access token, so no call was made: {}", e.getMessage());
      if (current == fetched) {
        current = null;
      }
    });
    return fetched;
  }
}
