package mercato.auth;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Accounts, their roles, and the single-use tokens mailed to them. */
final class AccountRepository {
  private static final String COLUMNS = """
      id, email, username, name, type, password_hash, active, email_verified_at, warehouse_id, created_at, closed_at
      """;
  static final String INSERT_ACCOUNT = """
      INSERT INTO accounts (id, email, email_lower, username, name, type, password_hash, email_verified_at)
      VALUES ($1, $2, lower($2), $3, $4, $5, $6, CASE WHEN $7 THEN now() END)
      ON CONFLICT (email_lower) DO NOTHING
      RETURNING %s""".formatted(COLUMNS);
  static final String SELECT_BY_EMAIL = "SELECT %s FROM accounts WHERE email_lower = lower($1)".formatted(COLUMNS);
  static final String SELECT_BY_ID = "SELECT %s FROM accounts WHERE id = $1".formatted(COLUMNS);
  static final String SELECT_BY_IDS = "SELECT %s FROM accounts WHERE id = ANY($1)".formatted(COLUMNS);
  static final String SELECT_ROLES = "SELECT role FROM account_roles WHERE account_id = $1 ORDER BY role";
  // An account and its roles in one statement: what another domain asks for.
  private static final String WITH_ROLES = """
      SELECT %s, ARRAY(SELECT r.role FROM account_roles r WHERE r.account_id = a.id ORDER BY r.role) AS roles
        FROM accounts a""".formatted(COLUMNS);
  static final String SELECT_WITH_ROLES_BY_ID = WITH_ROLES + " WHERE a.id = $1";
  static final String SELECT_WITH_ROLES_BY_EMAIL = WITH_ROLES + " WHERE a.email_lower = lower($1)";
  static final String UPDATE_PASSWORD = """
      UPDATE accounts SET password_hash = $2, updated_at = now() WHERE id = $1
      """;
  static final String INSERT_TOKEN = """
      INSERT INTO one_time_tokens (token_hash, account_id, purpose, expires_at)
      VALUES ($1, $2, $3, now() + $4 * interval '1 minute')
      """;
  // Consumes a single-use token: only one caller can ever get the row back.
  static final String CONSUME_TOKEN = """
      UPDATE one_time_tokens SET used_at = now()
       WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
      RETURNING account_id
      """;
  static final String MARK_VERIFIED = """
      UPDATE accounts SET email_verified_at = coalesce(email_verified_at, now()), updated_at = now()
       WHERE id = $1 AND closed_at IS NULL
      RETURNING %s""".formatted(COLUMNS);
  // One statement whether or not the account exists, so both cases take the same time.
  static final String RESET_TOKEN_FOR_EMAIL = """
      WITH account AS (
        SELECT id, email, name FROM accounts
         WHERE email_lower = lower($1) AND active AND closed_at IS NULL AND password_hash IS NOT NULL),
      token AS (
        INSERT INTO one_time_tokens (token_hash, account_id, purpose, expires_at)
        SELECT $2, id, 'password-reset', now() + $3 * interval '1 minute' FROM account
        RETURNING account_id)
      SELECT a.id, a.email, a.name FROM account a JOIN token t ON t.account_id = a.id
      """;
  static final String CLOSE = """
      UPDATE accounts
         SET active = false, closed_at = now(), updated_at = now(), password_hash = NULL,
             email = 'closed-' || id || '@invalid', email_lower = 'closed-' || id || '@invalid',
             username = NULL, name = NULL
       WHERE id = $1 AND closed_at IS NULL
      RETURNING id
      """;
  static final String BIND_WAREHOUSE = """
      UPDATE accounts SET warehouse_id = $2, updated_at = now()
       WHERE id = $1 AND type = 'warehouse' AND closed_at IS NULL
      RETURNING id
      """;

  private AccountRepository() {}

  static Future<Account> byEmail(SqlClient client, String email) {
    return client.preparedQuery(SELECT_BY_EMAIL).execute(Tuple.of(email)).map(AccountRepository::first);
  }

  static Future<Account> byId(SqlClient client, UUID id) {
    return client.preparedQuery(SELECT_BY_ID).execute(Tuple.of(id)).map(AccountRepository::first);
  }

  /** The account found by {@code sql} (one of the SELECT_WITH_ROLES ones) with its roles; null when none. */
  static Future<Account.WithRoles> withRoles(SqlClient client, String sql, Object key) {
    return client.preparedQuery(sql).execute(Tuple.of(key)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row row = rows.iterator().next();
      return new Account.WithRoles(Account.from(row), List.of(row.getArrayOfStrings("roles")));
    });
  }

  static Future<List<String>> roles(SqlClient client, UUID id) {
    return client.preparedQuery(SELECT_ROLES).execute(Tuple.of(id)).map(rows -> {
      List<String> roles = new ArrayList<>();
      rows.forEach(row -> roles.add(row.getString(0)));
      return roles;
    });
  }

  static Future<Void> insertToken(SqlClient client, byte[] hash, UUID account, String purpose, int minutes) {
    return client.preparedQuery(INSERT_TOKEN).execute(Tuple.of(hash, account, purpose, minutes)).mapEmpty();
  }

  /** The account a single-use token belongs to, consuming the token; null when unusable. */
  static Future<UUID> consumeToken(SqlClient client, byte[] hash, String purpose) {
    return client.preparedQuery(CONSUME_TOKEN).execute(Tuple.of(hash, purpose))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID(0));
  }

  static Account first(io.vertx.sqlclient.RowSet<Row> rows) {
    return rows.size() == 0 ? null : Account.from(rows.iterator().next());
  }
}
