package mercato.auth;

import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.util.List;
import mercato.platform.bus.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counters in Redis that slow down guessing and flooding: failed logins per account and per
 * client IP, mails per address ({@link MailThrottle}). Each counter lives for its window from the first
 * hit. When Redis is unreachable the check lets the request through and says so in the log.
 */
final class Throttle {
  private static final Logger LOG = LoggerFactory.getLogger(Throttle.class);
  private static final String HIT = """
      local n = redis.call('INCR', KEYS[1])
      if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
      return n
      """;

  private final RedisAPI redis;

  Throttle(RedisAPI redis) {
    this.redis = redis;
  }

  static String failedLogins(String kind, String who) {
    return "mercato:auth:failed-login:" + kind + ":" + who;
  }

  /** Fails with 429 (and the seconds to wait) when {@code key} reached {@code limit}. */
  Future<Void> refuseAt(String key, int limit) {
    return redis.get(key).compose(count -> {
      if (count == null || count.toLong() < limit) {
        return Future.succeededFuture();
      }
      return redis.pttl(key).compose(ttl -> Future.failedFuture(Problem.rateLimited(Math.max(1, (ttl.toLong() + 999) / 1000))));
    }, this::openOnFailure);
  }

  /** Counts a hit; the future holds the count within the window. */
  Future<Long> hit(String key, int windowSeconds) {
    return redis.eval(List.of(HIT, "1", key, String.valueOf(windowSeconds))).map(Response::toLong)
        .recover(failure -> openOnFailure(failure).map(0L));
  }

  Future<Void> clear(String key) {
    return redis.del(List.of(key)).<Void>mapEmpty().recover(this::openOnFailure);
  }

  private Future<Void> openOnFailure(Throwable failure) {
    if (failure instanceof Problem problem) {
      return Future.failedFuture(problem);
    }
    LOG.warn("throttling skipped while Redis fails: {}", failure.toString());
    return Future.succeededFuture();
  }
}
