package mercato.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import mercato.auth.api.AuthAddresses;
import mercato.platform.bus.PeerClient;
import mercato.platform.bus.Principal;
import mercato.platform.bus.Problem;
import mercato.platform.metrics.CacheCounters;
import mercato.platform.metrics.NodeMetrics;
import mercato.platform.tokens.ApiKeyText;

/**
 * Reads a bearer {@code mk_...} API key into the principal of its account and the key's
 * scopes, by asking auth over the bus (only the key's SHA-256 travels). Resolutions are
 * remembered for {@link ApiKeyText#REMEMBERED} (never past the key's expiry), refusals for a
 * few seconds, so a busy integration costs auth a lookup every half minute per node.
 * Revocation does not wait for the memory to lapse: the key's denial id is the principal's
 * {@code jti}, which the rate limiter checks on every request like a logged-out token's. A
 * change of the account's roles makes the edge forget its keys ({@link #forget}).
 */
final class ApiKeyVerifier {
  /** A resolved key: who it acts as, and what it may do. */
  record Grant(String keyId, Principal principal, Set<String> scopes) {
    boolean expired() {
      return principal.exp() != 0 && principal.exp() <= System.currentTimeMillis() / 1000;
    }
  }

  private static final Duration REFUSAL_REMEMBERED = Duration.ofSeconds(5);
  private final PeerClient auth;
  private final Cache<String, Grant> resolved = Caffeine.newBuilder().maximumSize(50_000)
      .expireAfterWrite(ApiKeyText.REMEMBERED).build();
  private final Cache<String, Problem> refused = Caffeine.newBuilder().maximumSize(50_000)
      .expireAfterWrite(REFUSAL_REMEMBERED).build();
  private final CacheCounters remembered;

  ApiKeyVerifier(Vertx vertx, long timeoutMs) {
    this.auth = new PeerClient(vertx, timeoutMs);
    this.remembered = CacheCounters.of(NodeMetrics.registry(vertx), "http-api-key");
  }

  /** The key's grant, or a failed future: 401 for a malformed, unknown, revoked or expired key. */
  Future<Grant> verify(String key) {
    if (!ApiKeyText.wellFormed(key)) {
      return Future.failedFuture(Problem.unauthenticated("The API key is not valid."));
    }
    String hash = Base64.getUrlEncoder().withoutPadding().encodeToString(ApiKeyText.hash(key));
    Grant known = resolved.getIfPresent(hash);
    if (known != null && !known.expired()) {
      remembered.hit();
      return Future.succeededFuture(known);
    }
    Problem refusal = refused.getIfPresent(hash);
    if (refusal != null) {
      remembered.hit();
      return Future.failedFuture(refusal);
    }
    remembered.miss();
    return auth.ask(AuthAddresses.RESOLVE_API_KEY, new JsonObject().put("hash", hash), "edge-api-key")
        .map(ApiKeyVerifier::grant)
        .onSuccess(grant -> resolved.put(hash, grant))
        .onFailure(failure -> {
          // Only auth's own refusal is remembered: a timeout or an outage is tried again.
          if (failure instanceof Problem problem && problem.status() == 401) {
            refused.put(hash, problem);
          }
        });
  }

  /**
   * A published denial: when it names a key, its resolution is forgotten, so the key is
   * refused (401) on every route from now on, before any scope or access rule is checked.
   */
  void denied(String jti) {
    if (ApiKeyText.deniesKey(jti)) {
      resolved.asMap().values().removeIf(grant -> grant.principal().jti().equals(jti));
    }
  }

  /** Forgets the resolutions of one account's keys (its roles changed); the next request resolves again. */
  void forget(String accountId) {
    resolved.asMap().values().removeIf(grant -> grant.principal().sub().equals(accountId));
  }

  private static Grant grant(JsonObject reply) {
    Set<String> scopes = new HashSet<>();
    reply.getJsonArray("scopes", new JsonArray()).forEach(scope -> scopes.add(String.valueOf(scope)));
    return new Grant(reply.getString("keyId"), Principal.fromJson(reply.getJsonObject("principal")), Set.copyOf(scopes));
  }
}
