package mercato.notification;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code webhook_endpoints} table: an account's endpoints, the enabled ones the fan-out
 * matches events against, and the changes an owner makes. Disabling parks the endpoint's
 * pending deliveries (due at infinity, so the worker's scan never meets them); enabling
 * makes them due again.
 */
final class WebhookEndpoints {
  private static final String COLUMNS = """
      id, account_id, url, secret, description, event_types, filter, owner_field, status, disabled_at,
      disabled_reason, created_at""";
  private static final String INSERT = "INSERT INTO webhook_endpoints (id, account_id, url, secret, description,"
      + " event_types, filter, owner_field) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING " + COLUMNS;
  private static final String BY_ACCOUNT = "SELECT " + COLUMNS
      + " FROM webhook_endpoints WHERE account_id = $1 ORDER BY created_at, id";
  private static final String BY_ID = "SELECT " + COLUMNS + " FROM webhook_endpoints WHERE id = $1";
  private static final String LOCK = BY_ID + " FOR UPDATE";
  private static final String ENABLED = "SELECT " + COLUMNS + " FROM webhook_endpoints WHERE status = 'enabled'";
  private static final String UPDATE = """
      UPDATE webhook_endpoints
         SET url = $2, event_types = $3, filter = $4, description = $5, status = $6,
             disabled_at = CASE WHEN $6 = 'enabled' THEN NULL ELSE disabled_at END,
             disabled_reason = CASE WHEN $6 = 'enabled' THEN NULL ELSE disabled_reason END,
             failed_in_row = CASE WHEN $6 = 'enabled' THEN 0 ELSE failed_in_row END,
             updated_at = now()
       WHERE id = $1
      """ + " RETURNING " + COLUMNS;
  private static final String DELETE = "DELETE FROM webhook_endpoints WHERE id = $1";
  private static final String PARK = """
      UPDATE webhook_deliveries SET next_attempt_at = 'infinity'
       WHERE endpoint_id = $1 AND status = 'pending'""";
  private static final String UNPARK = """
      UPDATE webhook_deliveries SET next_attempt_at = now()
       WHERE endpoint_id = $1 AND status = 'pending' AND next_attempt_at = 'infinity'""";

  private final Pool pool;

  WebhookEndpoints(Pool pool) {
    this.pool = pool;
  }

  Pool pool() {
    return pool;
  }

  Future<WebhookEndpoint> insert(UUID id, UUID account, WebhookEndpointRules.Create request, String secret,
      String ownerField) {
    return pool.preparedQuery(INSERT)
        .execute(Tuple.from(Arrays.asList(id, account, request.url(), secret, request.description(),
            request.eventTypes().toArray(String[]::new), request.filter(), ownerField)))
        .map(rows -> of(rows.iterator().next()));
  }

  Future<List<WebhookEndpoint>> ofAccount(UUID account) {
    return pool.preparedQuery(BY_ACCOUNT).execute(Tuple.of(account)).map(WebhookEndpoints::all);
  }

  Future<Optional<WebhookEndpoint>> get(UUID id) {
    return one(pool, BY_ID, id);
  }

  Future<Optional<WebhookEndpoint>> lock(SqlConnection tx, UUID id) {
    return one(tx, LOCK, id);
  }

  /** Every enabled endpoint: what a batch of events is matched against. */
  Future<List<WebhookEndpoint>> enabled() {
    return pool.preparedQuery(ENABLED).execute().map(WebhookEndpoints::all);
  }

  /** Writes {@code after} over the locked row; a change of status parks or unparks its pending deliveries. */
  Future<WebhookEndpoint> update(SqlConnection tx, WebhookEndpoint before, WebhookEndpoint after) {
    Future<RowSet<Row>> moved = before.status().equals(after.status()) ? Future.succeededFuture()
        : tx.preparedQuery(after.status().equals(WebhookEndpoint.ENABLED) ? UNPARK : PARK).execute(Tuple.of(after.id()));
    return moved.compose(v -> tx.preparedQuery(UPDATE)
            .execute(Tuple.from(Arrays.asList(after.id(), after.url(), after.eventTypes().toArray(String[]::new),
                after.filter(), after.description(), after.status()))))
        .map(rows -> of(rows.iterator().next()));
  }

  Future<Void> delete(UUID id) {
    return pool.preparedQuery(DELETE).execute(Tuple.of(id)).mapEmpty();
  }

  Future<Void> park(SqlClient client, UUID id) {
    return client.preparedQuery(PARK).execute(Tuple.of(id)).mapEmpty();
  }

  private static Future<Optional<WebhookEndpoint>> one(SqlClient client, String sql, UUID id) {
    return client.preparedQuery(sql).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(of(rows.iterator().next())));
  }

  private static List<WebhookEndpoint> all(RowSet<Row> rows) {
    List<WebhookEndpoint> out = new ArrayList<>(rows.size());
    rows.forEach(row -> out.add(of(row)));
    return out;
  }

  static WebhookEndpoint of(Row row) {
    Object filter = row.getValue("filter");
    return new WebhookEndpoint(row.getUUID("id"), row.getUUID("account_id"), row.getString("url"),
        row.getString("secret"), row.getString("description"), Arrays.asList(row.getArrayOfStrings("event_types")),
        filter instanceof JsonObject json ? json : new JsonObject(), row.getString("owner_field"),
        row.getString("status"), row.getOffsetDateTime("disabled_at"), row.getString("disabled_reason"),
        row.getOffsetDateTime("created_at"));
  }
}
