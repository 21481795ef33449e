package mercato.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mercato.platform.bus.Principal;
import mercato.platform.bus.Problem;
import mercato.platform.config.TokensConfig;
import mercato.platform.metrics.CacheCounters;
import mercato.platform.metrics.NodeMetrics;
import mercato.platform.tokens.SigningKeys;

/**
 * Verifies access tokens locally with the configured public keys (no bus hop): signature
 * by {@code kid}, {@code iss}, {@code aud}, {@code exp} (required), {@code nbf}, and the
 * principal claims {@code sub}, {@code typ}, {@code roles}.
 */
public final class JwtTokenVerifier implements TokenVerifier {
  private final JWTAuth auth;
  // An ES256 signature check costs about a millisecond; a client sends the same token
  // many times, so verified tokens are remembered (until their expiry, bounded in number).
  // Denial (logout) is checked separately on every request, so a cached token can still be refused.
  private final com.github.benmanes.caffeine.cache.Cache<String, Principal> verified =
      com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(50_000)
          .expireAfterWrite(java.time.Duration.ofMinutes(5)).build();
  private final CacheCounters remembered;

  /**
   * @param publicKeys kid -> PEM public key
   * @param algorithm  ES256 or RS256
   */
  public JwtTokenVerifier(Vertx vertx, Map<String, String> publicKeys, String algorithm, String issuer, String audience) {
    JWTAuthOptions options = new JWTAuthOptions()
        .setJWTOptions(new JWTOptions().setIssuer(issuer).setAudience(List.of(audience)).setLeeway(5));
    publicKeys.forEach((kid, pem) ->
        options.addPubSecKey(new PubSecKeyOptions().setAlgorithm(algorithm).setBuffer(pem).setId(kid)));
    this.auth = JWTAuth.create(vertx, options);
    this.remembered = CacheCounters.of(NodeMetrics.registry(vertx), "http-token");
  }

  @Override
  public Future<Principal> verify(String token) {
    Principal known = verified.getIfPresent(token);
    if (known != null && known.exp() > System.currentTimeMillis() / 1000) {
      remembered.hit();
      return Future.succeededFuture(known);
    }
    remembered.miss();
    return check(token).onSuccess(principal -> verified.put(token, principal));
  }

  /** The full signature and claims check, without the cache (benchmarks measure it). */
  Future<Principal> check(String token) {
    Future<io.vertx.ext.auth.User> user;
    try {
      // A signed token whose time claims have the wrong type can make the library throw
      // instead of fail: either way the token is not valid.
      user = auth.authenticate(new TokenCredentials(token));
    } catch (RuntimeException e) {
      user = Future.failedFuture(e);
    }
    return user
        .recover(failure -> Future.failedFuture(Problem.unauthenticated("The access token is not valid.")))
        .compose(verified -> {
          JsonObject claims = verified.attributes().getJsonObject("accessToken", new JsonObject());
          String wrong = PrincipalClaims.violation(claims);
          return wrong != null
              ? Future.failedFuture(Problem.unauthenticated(wrong))
              : Future.succeededFuture(PrincipalClaims.principal(claims));
        });
  }

  /** The verifier for {@code tokens:} (every listed public key), or one that refuses all when none is listed. */
  public static TokenVerifier fromConfig(Vertx vertx, TokensConfig tokens) {
    Map<String, String> keys = new LinkedHashMap<>();
    SigningKeys.read(tokens, false).forEach(key -> keys.put(key.kid(), key.publicPem()));
    if (keys.isEmpty()) {
      return TokenVerifier.NONE;
    }
    return new JwtTokenVerifier(vertx, keys, tokens.algorithm(), tokens.issuer(), tokens.audience());
  }
}
