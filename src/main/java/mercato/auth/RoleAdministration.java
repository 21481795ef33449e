package mercato.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import mercato.auth.api.AuthAddresses;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Fields;
import mercato.platform.bus.Principal;
import mercato.platform.bus.Problem;
import mercato.platform.bus.ProblemType;

/**
 * Roles, the permissions they grant, and which accounts hold them (admin only). A change to
 * a role's permissions reaches every edge by broadcast; a role taken from an account denies
 * the account's live access tokens (the logout path: Redis and a broadcast, so every edge
 * refuses them within a second), and its next refresh carries the roles it holds now. Either
 * change makes the edges forget the account's API keys, which then act with the roles it holds now.
 */
final class RoleAdministration {
  private static final Pattern ROLE = Pattern.compile("^[a-z][a-z0-9-]{1,62}$");
  private static final Pattern PERMISSION = Pattern.compile("^[a-z][a-z0-9-]*:[a-z][a-z0-9-]*$");
  private static final String SELECT_ROLES = "SELECT name, description, permissions FROM roles ORDER BY name";
  private static final String OWN_PERMISSIONS = """
      SELECT DISTINCT p FROM roles, unnest(permissions) AS p WHERE name = ANY($1) ORDER BY p
      """;
  private static final String INSERT_ROLE = """
      INSERT INTO roles (name, description, permissions) VALUES ($1, $2, $3)
      ON CONFLICT (name) DO NOTHING
      RETURNING name, description, permissions
      """;
  private static final String UPDATE_ROLE = """
      UPDATE roles SET description = coalesce($2, description), permissions = $3, updated_at = now()
       WHERE name = $1
      RETURNING name, description, permissions
      """;
  private static final String ASSIGN = """
      INSERT INTO account_roles (account_id, role)
      SELECT a.id, r.name FROM accounts a, roles r WHERE a.id = $1 AND r.name = $2 AND a.closed_at IS NULL
      ON CONFLICT DO NOTHING
      """;
  private static final String CHECK_BOTH = """
      SELECT (SELECT count(*) FROM accounts WHERE id = $1 AND closed_at IS NULL) AS accounts,
             (SELECT count(*) FROM roles WHERE name = $2) AS roles
      """;
  private static final String UNASSIGN = "DELETE FROM account_roles WHERE account_id = $1 AND role = $2";

  private final Vertx vertx;
  private final Pool pool;
  private final Sessions sessions;

  RoleAdministration(Vertx vertx, Pool pool, Sessions sessions) {
    this.vertx = vertx;
    this.pool = pool;
    this.sessions = sessions;
  }

  Future<?> list(Envelope envelope) {
    return pool.preparedQuery(SELECT_ROLES).execute().map(rows -> {
      JsonArray items = new JsonArray();
      rows.forEach(row -> items.add(toJson(row)));
      return new JsonObject().put("items", items);
    });
  }

  /**
   * GET /auth/permissions: what the caller's token grants, as the edge reads it (the token's
   * roles mapped through the role table), so a client shows only what the caller may do.
   * Admins hold every permission ({@code all: true}).
   */
  Future<?> own(Envelope envelope) {
    Principal principal = envelope.requirePrincipal();
    JsonObject body = new JsonObject().put("type", principal.typ()).put("roles", new JsonArray(principal.roles()))
        .put("all", principal.isAdmin());
    return pool.preparedQuery(OWN_PERMISSIONS).execute(Tuple.of(principal.roles().toArray(String[]::new))).map(rows -> {
      JsonArray permissions = new JsonArray();
      rows.forEach(row -> permissions.add(row.getString(0)));
      return body.put("permissions", permissions);
    });
  }

  Future<?> create(Envelope envelope) {
    JsonObject body = envelope.bodyObject();
    String name = Fields.text(body, "name", 63);
    if (!ROLE.matcher(name).matches()) {
      throw Problem.invalidField("/name", "must be lowercase letters, digits and dashes, starting with a letter");
    }
    String description = body.getString("description", "");
    String[] permissions = permissions(body);
    return pool.preparedQuery(INSERT_ROLE).execute(Tuple.of(name, description, permissions)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(new Problem(ProblemType.CONFLICT, "A role named " + name + " exists."));
      }
      changed();
      return Future.succeededFuture(toJson(rows.iterator().next()));
    });
  }

  /** Replaces the role's permissions (and description when given). */
  Future<?> update(Envelope envelope) {
    String name = envelope.param("role");
    JsonObject body = envelope.bodyObject();
    return pool.preparedQuery(UPDATE_ROLE)
        .execute(Tuple.of(name, body.getString("description"), permissions(body)))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(Problem.notFound("No role named " + name + "."));
          }
          changed();
          return Future.succeededFuture(toJson(rows.iterator().next()));
        });
  }

  Future<?> assign(Envelope envelope) {
    UUID account = Fields.pathId(envelope, "account_id");
    String role = envelope.param("role");
    return pool.preparedQuery(CHECK_BOTH).execute(Tuple.of(account, role)).compose(rows -> {
      Row row = rows.iterator().next();
      if (row.getLong("accounts") == 0) {
        return Future.failedFuture(Problem.notFound("No such account."));
      }
      if (row.getLong("roles") == 0) {
        return Future.failedFuture(Problem.notFound("No role named " + role + "."));
      }
      return pool.preparedQuery(ASSIGN).execute(Tuple.of(account, role))
          .onSuccess(v -> accountChanged(account)).mapEmpty();
    });
  }

  Future<?> unassign(Envelope envelope) {
    UUID account = Fields.pathId(envelope, "account_id");
    // Tokens carry role names and live up to auth.accessTokenMinutes: ending them is what
    // makes the removal apply now rather than at their expiry.
    return pool.preparedQuery(UNASSIGN).execute(Tuple.of(account, envelope.param("role")))
        .compose(rows -> rows.rowCount() == 0 ? Future.<Void>succeededFuture()
            : sessions.denyLive(account).onSuccess(v -> accountChanged(account)))
        .mapEmpty();
  }

  private static String[] permissions(JsonObject body) {
    JsonArray list = body.getJsonArray("permissions");
    if (list == null) {
      throw Problem.invalidField("/permissions", "is required");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      Object permission = list.getValue(i);
      if (!(permission instanceof String text) || !PERMISSION.matcher(text).matches()) {
        throw Problem.invalidField("/permissions/" + i, "must look like area:action");
      }
      if (!out.contains(text)) {
        out.add(text);
      }
    }
    return out.toArray(String[]::new);
  }

  /** Tells every edge to reload the role table (a lost broadcast is caught by their minute refresh). */
  private void changed() {
    vertx.eventBus().publish(AuthAddresses.ROLES_CHANGED, new JsonObject());
  }

  /** Tells every edge to forget its API-key resolutions of the account (a lost one lapses in half a minute). */
  private void accountChanged(UUID account) {
    vertx.eventBus().publish(AuthAddresses.ACCOUNT_CHANGED, account.toString());
  }

  private static JsonObject toJson(Row row) {
    JsonArray permissions = new JsonArray();
    for (String permission : row.getArrayOfStrings("permissions")) {
      permissions.add(permission);
    }
    return new JsonObject().put("name", row.getString("name")).put("description", row.getString("description"))
        .put("permissions", permissions);
  }

}
