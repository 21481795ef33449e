package mercato.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import mercato.platform.db.Databases;
import mercato.platform.db.Migrations;
import mercato.platform.domain.DomainContext;

/**
 * {@code java -jar mercato.jar create-admin EMAIL}: the first admin, without a running node,
 * given the auth domain's context as its verticle would be.
 */
public final class AdminCommand {
  private AdminCommand() {}

  /** Migrates the auth schema (blocking: the command line has no event loop to protect), then creates the admin. */
  public static Future<JsonObject> createAdmin(Vertx vertx, DomainContext context, String email, String password) {
    Migrations.migrate(context.db(), context.name());
    AuthConfig auth = AuthConfig.read(context.section(), context.tokens());
    Pool pool = Databases.pool(vertx, context.db(), context.name(), 1);
    // No mail throttle (nor Redis) here: an admin is created verified, so no mail is sent.
    Registration registration = new Registration(vertx, pool,
        new Passwords(auth.memoryKib(), auth.iterations(), auth.parallelism()), auth, context.outbox(), null);
    return registration.createAdmin(email, password)
        .map(Account::toJson)
        .eventually(() -> pool.close());
  }
}
