package mercato.platform.redis;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import mercato.platform.config.RedisConfig;

/** A pooled Redis client from the {@code redis:} section. */
public final class RedisClients {
  private RedisClients() {}

  public static Redis create(Vertx vertx, RedisConfig config) {
    return Redis.createClient(vertx, new RedisOptions()
        .setConnectionString(config.uri())
        .setMaxPoolSize(config.poolSize())
        .setMaxPoolWaiting(1024));
  }
}
