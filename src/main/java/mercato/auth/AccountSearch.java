package mercato.auth;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Pages;
import mercato.platform.bus.Problem;
import mercato.platform.bus.QueryParams;

/**
 * {@code GET /admin/accounts}: admins find accounts (to give one a role, to look one up) by
 * exact email, part of an email, type, role and status, newest first, keyset-paged by id.
 */
final class AccountSearch {
  static final int DEFAULT_PAGE = 20;
  static final int MAX_TEXT = 320;
  static final Set<String> TYPES = Set.of("customer", "company", "shop", "warehouse", "affiliate", "admin");
  static final Set<String> STATUSES = Arrays.stream(AccountStatus.values()).map(status -> status.text)
      .collect(Collectors.toSet());
  // strpos, not LIKE: a % or _ in the search text is a character, not a pattern. $5 is compared
  // with the status as AccountStatus.of derives it from the row.
  static final String SEARCH = """
      SELECT a.id, a.email, a.username, a.name, a.type, a.password_hash, a.active, a.email_verified_at,
             a.warehouse_id, a.created_at, a.closed_at,
             ARRAY(SELECT r.role FROM account_roles r WHERE r.account_id = a.id ORDER BY r.role) AS roles
        FROM accounts a
       WHERE ($1::text IS NULL OR a.email_lower = lower($1))
         AND ($2::text IS NULL OR strpos(a.email_lower, lower($2)) > 0)
         AND ($3::text IS NULL OR a.type = $3)
         AND ($4::text IS NULL OR EXISTS (SELECT 1 FROM account_roles r WHERE r.account_id = a.id AND r.role = $4))
         AND ($5::text IS NULL OR CASE WHEN a.closed_at IS NOT NULL THEN 'closed'
                                       WHEN a.active THEN 'active' ELSE 'disabled' END = $5)
         AND ($6::uuid IS NULL OR a.id < $6)
       ORDER BY a.id DESC
       LIMIT $7
      """;

  private final Pool pool;
  private final int maxPageSize;

  AccountSearch(Pool pool, int maxPageSize) {
    this.pool = pool;
    this.maxPageSize = maxPageSize;
  }

  /** {items: [account with roles and status], nextCursor}. */
  Future<?> list(Envelope envelope) {
    JsonObject query = envelope.query();
    int limit = Pages.limit(envelope, DEFAULT_PAGE, maxPageSize);
    UUID cursor = Pages.idCursor(envelope);
    String email = bounded(query, "email");
    String contains = bounded(query, "emailContains");
    String type = oneOf(query, "type", TYPES);
    String role = bounded(query, "role");
    String status = oneOf(query, "status", STATUSES);
    return pool.preparedQuery(SEARCH)
        .execute(Tuple.from(Arrays.asList(email, contains, type, role, status, cursor, limit + 1)))
        .map(rows -> {
          List<Row> found = new ArrayList<>();
          rows.forEach(found::add);
          JsonArray items = new JsonArray();
          found.stream().limit(limit).forEach(row -> items.add(view(row)));
          String next = found.size() > limit ? found.get(limit - 1).getUUID("id").toString() : null;
          return new JsonObject().put("items", items).put("nextCursor", next);
        });
  }

  private static JsonObject view(Row row) {
    Account account = Account.from(row);
    return account.toJson().put("status", account.status().text)
        .put("roles", new JsonArray(Arrays.asList((Object[]) row.getArrayOfStrings("roles"))));
  }

  private static String bounded(JsonObject query, String name) {
    String value = QueryParams.text(query, name);
    if (value != null && value.length() > MAX_TEXT) {
      throw Problem.invalidField("/" + name, "must be at most " + MAX_TEXT + " characters");
    }
    return value;
  }

  private static String oneOf(JsonObject query, String name, Set<String> allowed) {
    String value = QueryParams.text(query, name);
    if (value != null && !allowed.contains(value)) {
      throw Problem.invalidField("/" + name, "must be one of " + allowed.stream().sorted().toList());
    }
    return value;
  }
}
