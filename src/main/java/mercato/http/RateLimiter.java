package mercato.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mercato.platform.bus.Problem;
import mercato.platform.config.HttpConfig;
import mercato.platform.tokens.TokenDenials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token buckets in Redis, shared by every node: one per client IP and one per principal,
 * per route group, refilled by Redis's clock so nodes need not agree on time. One script
 * call checks every bucket of a request and takes tokens from each only when all have
 * them; the same call checks whether the access token was denied (logout).
 *
 * <p>A busy client does not cost a Redis call per request: a call may take a lease of
 * several tokens, which this node then spends locally for at most {@link #LEASE_MS}. The
 * lease doubles while the client uses it up in time and halves when tokens are left over,
 * capped at a twentieth of the bucket (at most {@link #MAX_LEASE}), so a client with few
 * requests, and every bucket of fewer than 40 tokens, still goes to Redis each time. Leased
 * tokens are taken from the shared bucket, so no client gets more than its limit across the
 * cluster; tokens left when a lease ends are lost to the client, never given twice.
 *
 * <p>A token's denial is looked up in Redis at most every {@link #RECHECK_MS} per node;
 * a logout also publishes the denial ({@link TokenDenials}), which every edge applies at
 * once. If Redis is unreachable, a group that fails open lets the request through
 * (availability over limiting) and one that fails closed refuses it with 503
 * ({@code whenRedisDown}); either way a token this edge has been told is denied stays
 * refused, since the published denials are held here, and the readiness check reports
 * Redis down. A denial this edge never heard (it started after the logout) is not known
 * while Redis is away: access tokens are short-lived.
 */
public final class RateLimiter {
  private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);
  static final long LEASE_MS = 1_000;
  static final int MAX_LEASE = 100;
  static final long RECHECK_MS = 1_000;
  // KEYS: the buckets, then the denial key when an access token is checked.
  // ARGV: capacity, refill per second, number of buckets, tokens wanted.
  // Answers {granted, wait ms}; {-1, 0} when the access token is denied.
  private static final String SCRIPT = """
      local capacity = tonumber(ARGV[1])
      local rate = tonumber(ARGV[2]) / 1000
      local buckets = tonumber(ARGV[3])
      local grant = tonumber(ARGV[4])
      if #KEYS > buckets and redis.call('EXISTS', KEYS[#KEYS]) == 1 then
        return {-1, 0}
      end
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
      local levels = {}
      for i = 1, buckets do
        local b = redis.call('HMGET', KEYS[i], 'tokens', 'ts')
        local tokens = tonumber(b[1]) or capacity
        local ts = tonumber(b[2]) or now
        tokens = math.min(capacity, tokens + math.max(0, now - ts) * rate)
        levels[i] = tokens
        grant = math.min(grant, math.floor(tokens))
      end
      local wait = 0
      if grant < 1 then
        grant = 0
        for i = 1, buckets do
          if levels[i] < 1 then wait = math.max(wait, math.ceil((1 - levels[i]) / rate)) end
        end
      end
      local ttl = math.ceil(capacity / rate) + 1000
      for i = 1, buckets do
        redis.call('HSET', KEYS[i], 'tokens', tostring(levels[i] - grant), 'ts', tostring(now))
        redis.call('PEXPIRE', KEYS[i], ttl)
      end
      return {grant, wait}
      """;

  /** What {@link #take} answers for a denied access token. */
  public static final long DENIED = -1;

  /** Tokens this node took ahead for one group, client IP and principal. */
  private static final class Lease {
    int tokens;
    long expiresAt;
    int size = 1;
  }

  private final RedisAPI redis;
  private final HttpConfig http;
  private final Cache<String, Lease> leases = Caffeine.newBuilder()
      .maximumSize(100_000).expireAfterAccess(Duration.ofSeconds(10)).build();
  /** Access tokens Redis said were not denied, by jti, with when it said so. */
  private final Cache<String, Long> checked = Caffeine.newBuilder()
      .maximumSize(100_000).expireAfterWrite(Duration.ofMillis(RECHECK_MS)).build();
  private final Cache<String, Boolean> denied = Caffeine.newBuilder()
      .maximumSize(100_000).expireAfterWrite(Duration.ofHours(24)).build();
  private volatile String sha;
  private long lastWarning;

  public RateLimiter(RedisAPI redis, HttpConfig http) {
    this.redis = redis;
    this.http = http;
  }

  /** A denial published by the auth domain: refused from now on without asking Redis. */
  void denied(String jti) {
    denied.put(jti, Boolean.TRUE);
    checked.invalidate(jti);
  }

  /**
   * Takes a token for the request; the future holds 0 when allowed, {@link #DENIED} when
   * the access token {@code jti} was denied, otherwise the milliseconds until a token is free.
   */
  public Future<Long> take(String group, String ip, String principal, String jti) {
    if (jti != null && denied.getIfPresent(jti) != null) {
      return Future.succeededFuture(DENIED);
    }
    HttpConfig.RateLimit limit = http.rateLimit(group);
    String key = group + '|' + ip + '|' + (principal == null ? "" : principal);
    Lease lease = leases.get(key, k -> new Lease());
    boolean tokenChecked = jti == null || checked.getIfPresent(jti) != null;
    long now = System.currentTimeMillis();
    int want;
    synchronized (lease) {
      boolean live = now < lease.expiresAt;
      if (tokenChecked && live && lease.tokens > 0) {
        lease.tokens--;
        return Future.succeededFuture(0L);
      }
      if (lease.expiresAt != 0) {
        int cap = (int) Math.max(1, Math.min(MAX_LEASE, limit.capacity() / 20));
        lease.size = live && lease.tokens <= 0 ? Math.min(cap, lease.size * 2)
            : !live && lease.tokens > 0 ? Math.max(1, lease.size / 2) : Math.min(cap, lease.size);
      }
      // A lease that still has tokens only needs the token's denial checked: take one.
      want = live && lease.tokens > 0 ? 1 : lease.size;
    }
    List<String> args = new ArrayList<>(8);
    int buckets = principal == null ? 1 : 2;
    args.add(String.valueOf(buckets + (jti == null ? 0 : 1)));
    args.add("mercato:rl:" + group + ":ip:" + ip);
    if (principal != null) {
      args.add("mercato:rl:" + group + ":sub:" + principal);
    }
    if (jti != null) {
      args.add(TokenDenials.key(jti));
    }
    args.add(String.valueOf(limit.capacity()));
    args.add(String.valueOf(limit.refillPerSecond()));
    args.add(String.valueOf(buckets));
    args.add(String.valueOf(want));
    return run(args)
        .map(response -> {
          long granted = response.get(0).toLong();
          if (granted < 0) {
            denied(jti);
            return DENIED;
          }
          if (jti != null) {
            checked.put(jti, now);
          }
          if (granted == 0) {
            return Math.max(1, response.get(1).toLong());
          }
          if (granted > 1) {
            long at = System.currentTimeMillis();
            synchronized (lease) {
              lease.tokens = (at < lease.expiresAt ? lease.tokens : 0) + (int) granted - 1;
              lease.expiresAt = at + LEASE_MS;
            }
          } else if (lease.expiresAt == 0) {
            synchronized (lease) {
              lease.expiresAt = System.currentTimeMillis() + LEASE_MS;
            }
          }
          return 0L;
        })
        .recover(failure -> {
          warn(failure);
          return limit.closedWhenRedisDown()
              ? Future.failedFuture(Problem.unavailable("Rate limiting is unavailable; try again shortly."))
              : Future.succeededFuture(0L);
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
      LOG.warn("rate limiting is off while Redis fails (groups that fail closed answer 503): {}", failure.toString());
    }
  }
}
