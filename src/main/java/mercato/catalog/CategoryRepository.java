package mercato.catalog;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The category tree: every node at once (it is small), and single-node writes. */
final class CategoryRepository {
  static final String SELECT_ALL = "SELECT id, parent_id, name, slug FROM categories ORDER BY name, id";
  static final String SELECT_FOR_UPDATE = "SELECT id, parent_id, name, slug FROM categories WHERE id = $1 FOR UPDATE";
  static final String INSERT = """
      INSERT INTO categories (id, parent_id, name, slug) VALUES ($1, $2, $3, $4)
      RETURNING id, parent_id, name, slug
      """;
  static final String UPDATE = """
      UPDATE categories SET parent_id = $2, name = $3, slug = $4, updated_at = now() WHERE id = $1
      RETURNING id, parent_id, name, slug
      """;
  /** Whether {@code $2} lies in the subtree of {@code $1} (itself included): moving $1 under it makes a cycle. */
  static final String IN_SUBTREE = "SELECT EXISTS (" + ProductRepository.SUBTREE.formatted("$1")
      + " WHERE id = $2) AS inside";
  // Refused while anything hangs on it: children, or products (soft-deleted ones keep their category too).
  static final String DELETE_IF_EMPTY = """
      DELETE FROM categories c WHERE c.id = $1
         AND NOT EXISTS (SELECT 1 FROM categories child WHERE child.parent_id = c.id)
         AND NOT EXISTS (SELECT 1 FROM products p WHERE p.category_id = c.id)
      RETURNING id
      """;
  static final String EXISTS = "SELECT 1 FROM categories WHERE id = $1";

  private CategoryRepository() {}

  static Future<List<JsonObject>> all(SqlClient client) {
    return client.preparedQuery(SELECT_ALL).execute().map(CategoryRepository::rows);
  }

  static Future<JsonObject> findForUpdate(SqlClient client, UUID id) {
    return client.preparedQuery(SELECT_FOR_UPDATE).execute(Tuple.of(id)).map(CategoryRepository::single);
  }

  static Future<JsonObject> insert(SqlClient client, UUID id, UUID parent, String name, String slug) {
    return client.preparedQuery(INSERT).execute(Tuple.of(id, parent, name, slug)).map(CategoryRepository::single);
  }

  static Future<JsonObject> update(SqlClient client, UUID id, UUID parent, String name, String slug) {
    return client.preparedQuery(UPDATE).execute(Tuple.of(id, parent, name, slug)).map(CategoryRepository::single);
  }

  static Future<Boolean> inSubtree(SqlClient client, UUID root, UUID candidate) {
    return client.preparedQuery(IN_SUBTREE).execute(Tuple.of(root, candidate))
        .map(rows -> rows.iterator().next().getBoolean("inside"));
  }

  static Future<Boolean> deleteIfEmpty(SqlClient client, UUID id) {
    return client.preparedQuery(DELETE_IF_EMPTY).execute(Tuple.of(id)).map(rows -> rows.size() == 1);
  }

  static Future<Boolean> exists(SqlClient client, UUID id) {
    return client.preparedQuery(EXISTS).execute(Tuple.of(id)).map(rows -> rows.size() == 1);
  }

  static JsonObject toJson(Row row) {
    UUID parent = row.getUUID("parent_id");
    return new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("parentId", parent == null ? null : parent.toString())
        .put("name", row.getString("name"))
        .put("slug", row.getString("slug"));
  }

  private static JsonObject single(RowSet<Row> rows) {
    return rows.size() == 0 ? null : toJson(rows.iterator().next());
  }

  private static List<JsonObject> rows(RowSet<Row> rows) {
    List<JsonObject> out = new ArrayList<>(rows.size());
    rows.forEach(row -> out.add(toJson(row)));
    return out;
  }
}
