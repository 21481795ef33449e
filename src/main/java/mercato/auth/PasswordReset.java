package mercato.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import mercato.auth.api.AuthEvents;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Fields;
import mercato.platform.bus.Problem;
import mercato.platform.events.Event;
import mercato.platform.events.Outbox;

/**
 * Password reset by mail. The request answers 202 with the same body whether or not the
 * account exists (one statement does the same work either way) and whether or not the
 * address's mail throttle let the mail go; the mailed token is
 * single-use, stored hashed and short-lived; a reset ends every session of the account.
 */
final class PasswordReset {
  private static final JsonObject ACCEPTED = new JsonObject()
      .put("status", "accepted")
      .put("detail", "If an account uses this address, a reset link is on its way.");

  private final Vertx vertx;
  private final Pool pool;
  private final Passwords passwords;
  private final Sessions sessions;
  private final MailThrottle mails;
  private final AuthConfig config;
  private final Outbox outbox;

  PasswordReset(Vertx vertx, Pool pool, Passwords passwords, Sessions sessions, MailThrottle mails, AuthConfig config,
      Outbox outbox) {
    this.vertx = vertx;
    this.pool = pool;
    this.passwords = passwords;
    this.sessions = sessions;
    this.mails = mails;
    this.config = config;
    this.outbox = outbox;
  }

  Future<?> request(Envelope envelope) {
    String email = Fields.email(envelope.bodyObject(), "email").toLowerCase(java.util.Locale.ROOT);
    String token = Secrets.newToken();
    return mails.admit(email)
        .compose(send -> !send ? Future.<Void>succeededFuture() : pool.withTransaction(tx -> tx.preparedQuery(AccountRepository.RESET_TOKEN_FOR_EMAIL)
            .execute(Tuple.of(email, Secrets.hash(token), config.resetTokenMinutes()))
            .compose(rows -> {
              if (rows.size() == 0) {
                return Future.<Void>succeededFuture();
              }
              var row = rows.iterator().next();
              JsonObject data = new JsonObject()
                  .put("accountId", row.getUUID("id").toString())
                  .put("email", row.getString("email"))
                  .put("name", row.getString("name"))
                  .put("token", token)
                  .put("expiresAt", Instant.now().plusSeconds(config.resetTokenMinutes() * 60L).toString());
              return outbox.append(tx, Event.of(AuthEvents.PASSWORD_RESET_REQUESTED, row.getUUID("id").toString(), data));
            })))
        .map(v -> ACCEPTED.copy());
  }

  Future<?> reset(Envelope envelope) {
    JsonObject body = envelope.bodyObject();
    String token = Fields.text(body, "token", 200);
    String password = body.getString("password");
    PasswordPolicy.check(password, null, "/password");
    // Argon2 is deliberately slow: on a worker, never on the event loop.
    return vertx.executeBlocking(() -> passwords.hash(password), false)
        .compose(hash -> pool.withTransaction(tx -> AccountRepository.consumeToken(tx, Secrets.hash(token), "password-reset")
            .compose(accountId -> {
              if (accountId == null) {
                return Future.failedFuture(Problem.invalidField("/token", "is invalid, used or expired"));
              }
              return tx.preparedQuery(AccountRepository.UPDATE_PASSWORD).execute(Tuple.of(accountId, hash))
                  .compose(v -> sessions.endAll(tx, accountId, "password-reset"))
                  .compose(v -> outbox.append(tx, Event.of(AuthEvents.PASSWORD_CHANGED, accountId.toString(),
                      new JsonObject().put("accountId", accountId.toString()))))
                  .map(accountId);
            })))
        .compose(sessions::denyLive)
        .map(v -> new JsonObject().put("status", "password-changed"));
  }
}
