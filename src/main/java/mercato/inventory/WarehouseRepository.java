package mercato.inventory;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Warehouses: create, read, list per viewer, update, delete while empty. */
final class WarehouseRepository {
  private static final String COLUMNS = """
      id, owner_id, name, location, capacity, priority, operator_account_id, invited_operator_id, invited_at,
      created_at, updated_at
      """;
  static final String INSERT = """
      INSERT INTO warehouses (id, owner_id, name, location, capacity, priority, operator_account_id,
                              invited_operator_id, invited_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CASE WHEN $8::uuid IS NOT NULL THEN now() END)
      RETURNING %s""".formatted(COLUMNS);
  static final String SELECT = "SELECT %s FROM warehouses WHERE id = $1".formatted(COLUMNS);
  static final String SELECT_FOR_UPDATE = SELECT + " FOR UPDATE";
  // $1 owner filter, $2 operator filter (null: none), keyset after $3.
  static final String LIST = """
      SELECT %s FROM warehouses
       WHERE ($1::uuid IS NULL OR owner_id = $1) AND ($2::uuid IS NULL OR operator_account_id = $2)
         AND id > $3
       ORDER BY id LIMIT $4""".formatted(COLUMNS);
  static final String UPDATE = """
      UPDATE warehouses SET name = $2, location = $3, capacity = $4, priority = $5, operator_account_id = $6,
             invited_at = CASE WHEN $7::uuid IS NULL THEN NULL
                               WHEN invited_operator_id IS NOT DISTINCT FROM $7 THEN invited_at ELSE now() END,
             invited_operator_id = $7, updated_at = now()
       WHERE id = $1
      RETURNING %s""".formatted(COLUMNS);
  static final String HOLDS_STOCK = """
      SELECT EXISTS (SELECT 1 FROM stock WHERE warehouse_id = $1 AND (on_hand > 0 OR reserved > 0))
          OR EXISTS (SELECT 1 FROM reservation_lines l JOIN reservations r USING (order_id)
                      WHERE l.warehouse_id = $1 AND r.status = 'active') AS holds
      """;
  static final String DELETE = "DELETE FROM warehouses WHERE id = $1";

  static final UUID FIRST = new UUID(0, 0);

  private WarehouseRepository() {}

  static Future<Warehouse> find(SqlClient client, UUID id, boolean forUpdate) {
    return client.preparedQuery(forUpdate ? SELECT_FOR_UPDATE : SELECT).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : Warehouse.from(rows.iterator().next()));
  }

  static Future<Warehouse> insert(SqlClient client, Warehouse w) {
    return client.preparedQuery(INSERT).execute(Tuple.from(java.util.Arrays.asList(w.id(), w.ownerId(), w.name(),
        w.location(), w.capacity(), w.priority(), w.operatorAccountId(), w.invitedOperatorId())))
        .map(rows -> Warehouse.from(rows.iterator().next()));
  }

  static Future<Warehouse> update(SqlClient client, Warehouse w) {
    return client.preparedQuery(UPDATE).execute(Tuple.from(java.util.Arrays.asList(w.id(), w.name(), w.location(),
        w.capacity(), w.priority(), w.operatorAccountId(), w.invitedOperatorId())))
        .map(rows -> Warehouse.from(rows.iterator().next()));
  }

  static Future<List<Warehouse>> list(SqlClient client, UUID owner, UUID operator, UUID after, int limit) {
    return client.preparedQuery(LIST).execute(Tuple.of(owner, operator, after == null ? FIRST : after, limit))
        .map(rows -> {
          List<Warehouse> out = new ArrayList<>();
          rows.forEach(row -> out.add(Warehouse.from(row)));
          return out;
        });
  }

  static Future<Boolean> holdsStock(SqlClient client, UUID id) {
    return client.preparedQuery(HOLDS_STOCK).execute(Tuple.of(id)).map(rows -> rows.iterator().next().getBoolean("holds"));
  }

  static Future<Void> delete(SqlClient client, UUID id) {
    return client.preparedQuery(DELETE).execute(Tuple.of(id)).mapEmpty();
  }
}
