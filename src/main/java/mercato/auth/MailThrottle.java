package mercato.auth;

import io.vertx.core.Future;
import java.util.Locale;

/**
 * How many mails a request may make auth send to one address (verification, password
 * reset), counted in Redis so every node shares the count: {@code auth.mailThrottle.perAddress}
 * within {@code windowSeconds} of the first. Beyond that the mail is quietly not sent and the
 * request answers exactly as if it had been, so the throttle tells nobody whether an address
 * has an account, and nobody can bomb an inbox through Mercato. Redis down: the mail goes.
 */
final class MailThrottle {
  private final Throttle throttle;
  private final int perAddress;
  private final int windowSeconds;

  MailThrottle(Throttle throttle, AuthConfig config) {
    this.throttle = throttle;
    this.perAddress = config.mailPerAddress();
    this.windowSeconds = config.mailWindowSeconds();
  }

  static String key(String email) {
    return "mercato:auth:mail:" + email.toLowerCase(Locale.ROOT);
  }

  /** Counts one mail to {@code email}; true when it may be sent. */
  Future<Boolean> admit(String email) {
    return throttle.hit(key(email), windowSeconds).map(count -> count <= perAddress);
  }
}
