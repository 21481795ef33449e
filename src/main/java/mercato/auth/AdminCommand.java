package mercato.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import mercato.platform.config.MercatoConfig;
import mercato.platform.db.Databases;
import mercato.platform.db.Migrations;
import mercato.platform.events.Outbox;
import mercato.platform.events.Subscriptions;

/** {@code java -jar mercato.jar create-admin EMAIL}: the first admin, without a running node. */
public final class AdminCommand {
  private AdminCommand() {}

  /** Migrates the auth schema (blocking: the command line has no event loop to protect), then creates the admin. */
  public static Future<JsonObject> createAdmin(Vertx vertx, MercatoConfig config, Subscriptions subscriptions,
      String email, String password) {
    Migrations.migrate(config.db(), "auth");
    AuthConfig auth = AuthConfig.read(config.section("auth"), config.tokens());
    Pool pool = Databases.pool(vertx, config.db(), "auth", 1);
    // No mail throttle (nor Redis) here: an admin is created verified, so no mail is sent.
    Registration registration = new Registration(vertx, pool,
        new Passwords(auth.memoryKib(), auth.iterations(), auth.parallelism()), auth, new Outbox(subscriptions), null);
    return registration.createAdmin(email, password)
        .map(Account::toJson)
        .eventually(() -> pool.close());
  }
}
