package mercato.http;

import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import mercato.platform.config.HttpConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token buckets in Redis, shared by every node: one per client IP and one per principal,
 * per route group. One script call checks every bucket of a request and takes a token
 * from each only when all have one, using Redis's clock so nodes need not agree on time.
 * The same call checks whether the access token was denied (logout), so a protected
 * request costs one Redis round trip. If Redis is unreachable the request is let through
 * (availability over limiting; access tokens are short-lived) and the readiness check
 * reports Redis down.
 */
public final class RateLimiter {
  private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);
  private static final String SCRIPT = """
      local capacity = tonumber(ARGV[1])
      local rate = tonumber(ARGV[2]) / 1000
      local buckets = tonumber(ARGV[3])
      if #KEYS > buckets and redis.call('EXISTS', KEYS[#KEYS]) == 1 then
        return -1
      end
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
      local wait = 0
      local levels = {}
      for i = 1, buckets do
        local key = KEYS[i]
        local b = redis.call('HMGET', key, 'tokens', 'ts')
        local tokens = tonumber(b[1]) or capacity
        local ts = tonumber(b[2]) or now
        tokens = math.min(capacity, tokens + math.max(0, now - ts) * rate)
        levels[i] = tokens
        if tokens < 1 then
          wait = math.max(wait, math.ceil((1 - tokens) / rate))
        end
      end
      local ttl = math.ceil(capacity / rate) + 1000
      for i = 1, buckets do
        local key = KEYS[i]
        local tokens = levels[i]
        if wait == 0 then tokens = tokens - 1 end
        redis.call('HSET', key, 'tokens', tostring(tokens), 'ts', tostring(now))
        redis.call('PEXPIRE', key, ttl)
      end
      return wait
      """;

  /** What {@link #take} answers for a denied access token. */
  public static final long DENIED = -1;

  private final RedisAPI redis;
  private final HttpConfig http;
  private volatile String sha;
  private long lastWarning;

  public RateLimiter(RedisAPI redis, HttpConfig http) {
    this.redis = redis;
    this.http = http;
  }

  /**
   * Takes a token for the request; the future holds 0 when allowed, {@link #DENIED} when
   * the access token {@code jti} was denied, otherwise the milliseconds until a token is free.
   */
  public Future<Long> take(String group, String ip, String principal, String jti) {
    HttpConfig.RateLimit limit = http.rateLimit(group);
    List<String> args = new ArrayList<>();
    int buckets = principal == null ? 1 : 2;
    args.add(String.valueOf(buckets + (jti == null ? 0 : 1)));
    args.add("mercato:rl:" + group + ":ip:" + ip);
    if (principal != null) {
      args.add("mercato:rl:" + group + ":sub:" + principal);
    }
    if (jti != null) {
      args.add(mercato.platform.redis.RedisKeys.denial(jti));
    }
    args.add(String.valueOf(limit.capacity()));
    args.add(String.valueOf(limit.refillPerSecond()));
    args.add(String.valueOf(buckets));
    return run(args)
        .map(response -> response.toLong())
        .recover(failure -> {
          warn(failure);
          return Future.succeededFuture(0L);
        });
  }

  private Future<Response> run(List<String> args) {
    String known = sha;
    if (known != null) {
      List<String> call = new ArrayList<>(args.size() + 1);
      call.add(known);
      call.addAll(args);
      return redis.evalsha(call).recover(failure -> {
        if (String.valueOf(failure.getMessage()).startsWith("NOSCRIPT")) {
          sha = null;
          return run(args);
        }
        return Future.failedFuture(failure);
      });
    }
    return redis.script(List.of("LOAD", SCRIPT)).compose(loaded -> {
      sha = loaded.toString();
      return run(args);
    });
  }

  private void warn(Throwable failure) {
    long now = System.currentTimeMillis();
    if (now - lastWarning > 10_000) {
      lastWarning = now;
      LOG.warn("rate limiting is off while Redis fails: {}", failure.toString());
    }
  }
}
