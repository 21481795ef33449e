package mercato.platform.config;

/** The {@code redis:} section: cache, rate limits and token denial. */
public record RedisConfig(String uri, int poolSize) {
  public static RedisConfig read(ConfigReader redis) {
    String uri = redis.string("uri");
    if (!uri.startsWith("redis://") && !uri.startsWith("rediss://")) {
      throw new ConfigException(redis.key("uri"), "expected redis://host:port/db, got \"" + uri + "\"");
    }
    return new RedisConfig(uri, redis.integer("poolSize", 1, 1000));
  }
}
