package mercato.platform.tokens;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.RedisAPI;
import java.util.List;

/**
 * The logout denial of an access token: a Redis key that lives until the token expires
 * (what every edge checks), and a publish on {@link #ADDRESS} so that the edges of every
 * node stop admitting the token at once instead of at their next Redis check.
 */
public final class TokenDenials {
  /** Published with the denied token's {@code jti} as the body. */
  public static final String ADDRESS = "mercato.edge.token-denied";

  private TokenDenials() {}

  public static String key(String jti) {
    return "mercato:deny:" + jti;
  }

  /** Denies {@code jti} for {@code ttlMs}; completes when Redis holds the denial (the publish follows it). */
  public static Future<Void> deny(Vertx vertx, RedisAPI redis, String jti, long ttlMs) {
    return redis.set(List.of(key(jti), "1", "PX", String.valueOf(ttlMs)))
        .onSuccess(ok -> vertx.eventBus().publish(ADDRESS, jti))
        .mapEmpty();
  }
}
