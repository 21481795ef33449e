package mercato.auth;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** API keys: insert, list, revoke, and the lookup by hash the edge's resolution needs. */
final class ApiKeyRepository {
  private static final String COLUMNS = """
      id, account_id, name, prefix, scopes, created_at, expires_at, last_used_at, revoked_at""";
  // The count and the insert are one statement, so no key is made past the ceiling.
  static final String INSERT = """
      INSERT INTO api_keys (id, account_id, name, prefix, key_hash, scopes, expires_at)
      SELECT $1, $2, $3, $4, $5, $6, $7
       WHERE (SELECT count(*) FROM api_keys WHERE account_id = $2 AND revoked_at IS NULL
                 AND (expires_at IS NULL OR expires_at > now())) < $8
      RETURNING %s""".formatted(COLUMNS);
  // Ids are UUIDv7: id order is creation order, and the last id of a page is the next one's cursor.
  static final String LIST = """
      SELECT %s FROM api_keys WHERE account_id = $1 AND ($2::uuid IS NULL OR id < $2)
       ORDER BY id DESC LIMIT $3""".formatted(COLUMNS);
  // Only a live key: a revoked one keeps its first revocation time and is no row (nor is another account's).
  static final String REVOKE = """
      UPDATE api_keys SET revoked_at = now()
       WHERE id = $1 AND account_id = $2 AND revoked_at IS NULL
      RETURNING %s""".formatted(COLUMNS);
  static final String EXISTS = """
      SELECT 1 FROM api_keys WHERE id = $1 AND account_id = $2""";
  static final String REVOKE_ALL = """
      UPDATE api_keys SET revoked_at = now() WHERE account_id = $1 AND revoked_at IS NULL
      RETURNING %s""".formatted(COLUMNS);
  // The key with its account as it is now: type, status and roles.
  static final String RESOLVE = """
      SELECT k.id, k.account_id, k.scopes, k.expires_at, k.revoked_at,
             a.type, a.active, a.closed_at, a.email_verified_at,
             ARRAY(SELECT r.role FROM account_roles r WHERE r.account_id = a.id ORDER BY r.role) AS roles
        FROM api_keys k JOIN accounts a ON a.id = k.account_id
       WHERE k.key_hash = $1""";
  // At most one write a minute per key, however often it is resolved.
  static final String TOUCH = """
      UPDATE api_keys SET last_used_at = now()
       WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')""";
  // What an account may be granted: its type and the permissions of its roles.
  static final String GRANTS = """
      SELECT a.type,
             ARRAY(SELECT DISTINCT p FROM account_roles ar JOIN roles r ON r.name = ar.role, unnest(r.permissions) p
                    WHERE ar.account_id = a.id) AS permissions
        FROM accounts a WHERE a.id = $1 AND a.active AND a.closed_at IS NULL""";

  /** An account's type and the permissions its roles grant. */
  record Grants(String type, List<String> permissions) {}

  private ApiKeyRepository() {}

  /** The new key, or null when the account already holds {@code ceiling} live keys. */
  static Future<ApiKey> insert(SqlClient client, ApiKey key, byte[] hash, int ceiling) {
    return client.preparedQuery(INSERT)
        .execute(Tuple.from(List.of(key.id(), key.accountId(), key.name(), key.prefix(), hash,
            key.scopes().toArray(String[]::new))).addValue(key.expiresAt()).addInteger(ceiling))
        .map(rows -> rows.size() == 0 ? null : ApiKey.from(rows.iterator().next()));
  }

  /** The account's keys older than the key {@code before} (all when null), newest first, at most {@code limit}. */
  static Future<List<ApiKey>> list(SqlClient client, UUID account, UUID before, int limit) {
    return client.preparedQuery(LIST).execute(Tuple.of(account, before, limit)).map(ApiKeyRepository::keys);
  }

  /** The key just revoked, or null when it was revoked already or the account has no key of that id. */
  static Future<ApiKey> revoke(SqlClient client, UUID id, UUID account) {
    return client.preparedQuery(REVOKE).execute(Tuple.of(id, account))
        .map(rows -> rows.size() == 0 ? null : ApiKey.from(rows.iterator().next()));
  }

  /** Whether the account has a key of that id, revoked or not. */
  static Future<Boolean> exists(SqlClient client, UUID id, UUID account) {
    return client.preparedQuery(EXISTS).execute(Tuple.of(id, account)).map(rows -> rows.size() > 0);
  }

  /** Revokes every live key of the account; answers them as revoked. */
  static Future<List<ApiKey>> revokeAll(SqlClient client, UUID account) {
    return client.preparedQuery(REVOKE_ALL).execute(Tuple.of(account)).map(ApiKeyRepository::keys);
  }

  private static List<ApiKey> keys(RowSet<Row> rows) {
    List<ApiKey> keys = new ArrayList<>();
    rows.forEach(row -> keys.add(ApiKey.from(row)));
    return keys;
  }

  /** The key row joined with its account, or null when no key has that hash. */
  static Future<Row> resolve(SqlClient client, byte[] hash) {
    return client.preparedQuery(RESOLVE).execute(Tuple.of(hash))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next());
  }

  static Future<Void> touch(SqlClient client, UUID id) {
    return client.preparedQuery(TOUCH).execute(Tuple.of(id)).mapEmpty();
  }

  /** The account's grants, or null when it is not an open, active account. */
  static Future<Grants> grants(SqlClient client, UUID account) {
    return client.preparedQuery(GRANTS).execute(Tuple.of(account)).map(rows -> rows.size() == 0 ? null
        : new Grants(rows.iterator().next().getString("type"),
            List.of(rows.iterator().next().getArrayOfStrings("permissions"))));
  }
}
