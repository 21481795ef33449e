package mercato.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.Set;
import java.util.UUID;
import mercato.auth.api.AuthEvents;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Fields;
import mercato.platform.bus.Problem;
import mercato.platform.bus.ProblemType;
import mercato.platform.events.Event;
import mercato.platform.events.Outbox;
import mercato.platform.ids.Ids;

/**
 * Creates accounts: self-registration (never an admin), accounts made by an admin (any
 * type), and the first admin at start; verifies emails with a mailed single-use token.
 */
final class Registration {
  static final Set<String> SELF_TYPES = Set.of("customer", "company", "shop", "warehouse", "affiliate");
  static final Set<String> ALL_TYPES = Set.of("customer", "company", "shop", "warehouse", "affiliate", "admin");

  private final Vertx vertx;
  private final Pool pool;
  private final Passwords passwords;
  private final AuthConfig config;
  private final Outbox outbox;
  private final MailThrottle mails;

  Registration(Vertx vertx, Pool pool, Passwords passwords, AuthConfig config, Outbox outbox, MailThrottle mails) {
    this.vertx = vertx;
    this.pool = pool;
    this.passwords = passwords;
    this.config = config;
    this.outbox = outbox;
    this.mails = mails;
  }

  /** Self-registration; {@code /user/register} sends realm "user" (a company there becomes a customer). */
  Future<?> register(Envelope envelope) {
    JsonObject body = envelope.bodyObject();
    String type = body.getString("type", "customer");
    if ("user".equals(body.getString("realm")) && "company".equals(type)) {
      type = "customer";
    }
    if ("admin".equals(type)) {
      throw Problem.forbidden("Admin accounts are created by admins.");
    }
    if (!SELF_TYPES.contains(type)) {
      throw Problem.invalidField("/type", "must be one of " + SELF_TYPES);
    }
    return create(body, type, false).map(account -> account.toJson());
  }

  /** An admin creates an account of any type, optionally with the email already verified. */
  Future<?> createByAdmin(Envelope envelope) {
    JsonObject body = envelope.bodyObject();
    String type = Fields.text(body, "type", 20);
    if (!ALL_TYPES.contains(type)) {
      throw Problem.invalidField("/type", "must be one of " + ALL_TYPES);
    }
    return create(body, type, body.getBoolean("emailVerified", false))
        .map(account -> account.toJson());
  }

  /** Creates the configured first admin when no account has its email yet. */
  Future<Void> bootstrapAdmin() {
    if (config.adminEmail().isBlank() || config.adminPassword().isBlank()) {
      return Future.succeededFuture();
    }
    return AccountRepository.byEmail(pool, config.adminEmail()).compose(existing -> existing != null
        ? Future.succeededFuture()
        : createAdmin(config.adminEmail(), config.adminPassword()).mapEmpty());
  }

  /** An admin account with a verified email (first admin: configuration or the command line). */
  Future<Account> createAdmin(String email, String password) {
    return create(new JsonObject().put("email", email).put("password", password), "admin", true);
  }

  private Future<Account> create(JsonObject body, String type, boolean verified) {
    String email = Fields.email(body, "email");
    String password = body.getString("password");
    PasswordPolicy.check(password, email, "/password");
    String name = Fields.optionalText(body, "name", 200);
    String username = Fields.optionalText(body, "username", 64);
    if ((type.equals("company") || type.equals("shop")) && name == null) {
      throw Problem.invalidField("/name", "is required for a " + type);
    }
    // Argon2 is deliberately slow (tens of ms): it runs on a worker, never on the event loop.
    Future<String> hashed = vertx.executeBlocking(() -> passwords.hash(password), false);
    // The verification mail counts against the address's mail throttle; over it, the account
    // is still made and its owner asks for the mail later (resend).
    Future<Boolean> mail = verified ? Future.succeededFuture(false) : mails.admit(email);
    return Future.all(hashed, mail).compose(both -> pool.withTransaction(tx ->
        insert(tx, new NewAccount(email, username, name, type, hashed.result(), verified), mail.result())));
  }

  /** What {@link #insert} stores. */
  private record NewAccount(String email, String username, String name, String type, String hash, boolean verified) {}

  private Future<Account> insert(SqlConnection tx, NewAccount fields, boolean mail) {
    UUID id = Ids.uuid7();
    String type = fields.type();
    return tx.preparedQuery(AccountRepository.INSERT_ACCOUNT)
        .execute(Tuple.of(id, fields.email(), fields.username(), fields.name(), type, fields.hash(), fields.verified()))
        .compose(rows -> {
          Account account = AccountRepository.first(rows);
          if (account == null) {
            return Future.failedFuture(new Problem(ProblemType.CONFLICT,
                "An account with this email address exists."));
          }
          JsonObject registered = new JsonObject().put("accountId", id.toString()).put("type", type)
              .put("createdAt", account.createdAt().toInstant().toString());
          Future<Void> events = outbox.append(tx, Event.of(AuthEvents.REGISTERED, id.toString(), registered));
          if (mail) {
            events = events.compose(v -> requestVerification(tx, account));
          }
          return events.map(account);
        });
  }

  /** Mails a fresh verification token (inside {@code tx}). */
  Future<Void> requestVerification(SqlConnection tx, Account account) {
    String token = Secrets.newToken();
    JsonObject data = new JsonObject().put("accountId", account.id().toString()).put("email", account.email())
        .put("name", account.name()).put("token", token);
    return AccountRepository.insertToken(tx, Secrets.hash(token), account.id(), "verify-email",
            config.verifyTokenHours() * 60)
        .compose(v -> outbox.append(tx, Event.of(AuthEvents.VERIFICATION_REQUESTED, account.id().toString(), data)));
  }

  /**
   * A signed-in, not yet verified account asks for another verification mail. The answer is
   * the same 202 whether the mail goes or the address's mail throttle holds it back.
   */
  Future<?> resendVerification(Envelope envelope) {
    UUID id = UUID.fromString(envelope.requirePrincipal().sub());
    return AccountRepository.byId(pool, id).compose(account -> {
      if (account == null || !account.canLogIn()) {
        return Future.failedFuture(Problem.notFound("No such account."));
      }
      if (account.emailVerified()) {
        return Future.succeededFuture(new JsonObject().put("emailVerified", true));
      }
      return mails.admit(account.email())
          .compose(send -> send ? pool.withTransaction(tx -> requestVerification(tx, account)) : Future.succeededFuture())
          .map(v -> new JsonObject().put("status", "sent"));
    });
  }

  /** Consumes a verification token (from the query of a mailed link, or a JSON body). */
  Future<?> verifyEmail(Envelope envelope) {
    String token = envelope.queryParam("token");
    if (token == null && envelope.body() instanceof JsonObject body) {
      token = body.getString("token");
    }
    if (token == null || token.isBlank() || token.length() > 200) {
      throw Problem.invalidField("/token", "is required");
    }
    byte[] hash = Secrets.hash(token);
    return pool.withTransaction(tx -> AccountRepository.consumeToken(tx, hash, "verify-email").compose(accountId -> {
      if (accountId == null) {
        return Future.failedFuture(Problem.validation("The verification link is invalid, used or expired.",
            java.util.List.of(new Problem.FieldError("/token", "is invalid, used or expired"))));
      }
      return tx.preparedQuery(AccountRepository.MARK_VERIFIED).execute(Tuple.of(accountId)).compose(rows -> {
        Account account = AccountRepository.first(rows);
        if (account == null) {
          return Future.failedFuture(Problem.notFound("No such account."));
        }
        JsonObject data = new JsonObject().put("accountId", accountId.toString()).put("email", account.email())
            .put("name", account.name());
        return outbox.append(tx, Event.of(AuthEvents.EMAIL_VERIFIED, accountId.toString(), data))
            .map(v -> account.toJson());
      });
    }));
  }
}
