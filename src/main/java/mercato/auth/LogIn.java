package mercato.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Fields;
import mercato.platform.bus.Problem;

/**
 * Email + password -> access and refresh tokens. Unknown email and wrong password look
 * the same (same answer, a hash verified either way); failures count per account and per
 * client IP, and past the limit the answer is 429 until the window ends.
 */
final class LogIn {
  private final Vertx vertx;
  private final Pool pool;
  private final Passwords passwords;
  private final Sessions sessions;
  private final Throttle throttle;
  private final AuthConfig config;

  LogIn(Vertx vertx, Pool pool, Passwords passwords, Sessions sessions, Throttle throttle, AuthConfig config) {
    this.vertx = vertx;
    this.pool = pool;
    this.passwords = passwords;
    this.sessions = sessions;
    this.throttle = throttle;
    this.config = config;
  }

  Future<?> handle(Envelope envelope) {
    JsonObject body = envelope.bodyObject();
    String email = Fields.text(body, "email", 254).toLowerCase(java.util.Locale.ROOT);
    String password = Fields.text(body, "password", PasswordPolicy.MAX * 4);
    String byAccount = Throttle.failedLogins("account", email);
    String byIp = Throttle.failedLogins("ip", envelope.clientIp() == null ? "unknown" : envelope.clientIp());
    return throttle.refuseAt(byAccount, config.loginPerAccount())
        .compose(v -> throttle.refuseAt(byIp, config.loginPerIp()))
        .compose(v -> AccountRepository.byEmail(pool, email))
        .compose(account -> {
          String hash = account != null && account.canLogIn() ? account.passwordHash() : null;
          // Argon2 verification is deliberately slow: on a worker, never on the event loop.
          return vertx.executeBlocking(() -> passwords.verify(password, hash), false).compose(ok -> {
            if (!ok) {
              return Future.join(throttle.hit(byAccount, config.loginWindowSeconds()),
                      throttle.hit(byIp, config.loginWindowSeconds()))
                  .transform(x -> Future.failedFuture(Problem.unauthenticated("The email or the password is wrong.")));
            }
            return throttle.clear(byAccount)
                .compose(v -> upgrade(account, password))
                .compose(v -> pool.withTransaction(tx -> sessions.open(tx, account)))
                .map(grant -> grant.toJson());
          });
        });
  }

  /** Re-hashes with the current parameters when the stored hash is weaker. */
  private Future<Void> upgrade(Account account, String password) {
    if (!passwords.outdated(account.passwordHash())) {
      return Future.succeededFuture();
    }
    // Hashing is deliberately slow: on a worker, never on the event loop.
    return vertx.executeBlocking(() -> passwords.hash(password), false)
        .compose(hash -> pool.preparedQuery(AccountRepository.UPDATE_PASSWORD).execute(Tuple.of(account.id(), hash)))
        .mapEmpty();
  }
}
