package mercato.catalog;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Products: insert, read, update, soft delete, lookups by ids, and the listing query. */
final class ProductRepository {
  static final String COLUMNS = """
      id, seller_id, name, slug, description, price_amount, price_currency, status, category_id, tags, attributes,
      images, sku, low_stock_threshold, rating_average, rating_count, rating_distribution, version, created_at, updated_at,
      deleted_at""";
  static final String COLUMNS_P = """
      p.id, p.seller_id, p.name, p.slug, p.description, p.price_amount, p.price_currency, p.status, p.category_id,
      p.tags, p.attributes, p.images, p.sku, p.low_stock_threshold, p.rating_average, p.rating_count,
      p.rating_distribution, p.version, p.created_at, p.updated_at, p.deleted_at""";
  /** The ids of a category and all its descendants; %s is the parameter holding the root id. */
  static final String SUBTREE = """
      WITH RECURSIVE subtree (id) AS (
        SELECT id FROM categories WHERE id = %s
        UNION ALL
        SELECT c.id FROM categories c JOIN subtree s ON c.parent_id = s.id)
      SELECT id FROM subtree""";
  /** A category's ancestry, root first: {@code path} (ids) and {@code names}; nulls for no category. */
  static final String SELECT_TRAIL = """
      WITH RECURSIVE up (id, parent_id, name, depth) AS (
        SELECT id, parent_id, name, 0 FROM categories WHERE id = $1
        UNION ALL
        SELECT c.id, c.parent_id, c.name, up.depth + 1 FROM categories c JOIN up ON c.id = up.parent_id)
      SELECT array_agg(id ORDER BY depth DESC) AS path, array_agg(name ORDER BY depth DESC) AS names FROM up""";
  /**
   * One page of every live product in id order, each with its category's trail (the tree is
   * small: its trails are computed once per page). For readers that rebuild a copy of the catalog.
   */
  static final String EXPORT_PAGE = """
      WITH RECURSIVE trail (id, path, names) AS (
        SELECT id, ARRAY[id], ARRAY[name] FROM categories WHERE parent_id IS NULL
        UNION ALL
        SELECT c.id, t.path || c.id, t.names || c.name FROM categories c JOIN trail t ON c.parent_id = t.id)
      SELECT""" + " " + COLUMNS_P + """
      , t.path, t.names
        FROM products p LEFT JOIN trail t ON t.id = p.category_id
       WHERE p.deleted_at IS NULL AND ($1::uuid IS NULL OR p.id > $1)
       ORDER BY p.id
       LIMIT $2""";
  static final String SELECT_LIVE = "SELECT " + COLUMNS + " FROM products WHERE id = $1 AND deleted_at IS NULL";
  static final String SELECT_LIVE_FOR_UPDATE = SELECT_LIVE + " FOR UPDATE";
  static final String SELECT_MANY = "SELECT " + COLUMNS + " FROM products WHERE id = ANY($1::uuid[])";
  static final String INSERT = """
      INSERT INTO products (id, seller_id, name, slug, description, price_amount, price_currency, status, category_id,
                            tags, attributes, images, sku, low_stock_threshold)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
      RETURNING """ + " " + COLUMNS;
  static final String UPDATE = """
      UPDATE products SET name = $3, slug = $4, description = $5, price_amount = $6, price_currency = $7, status = $8,
                          category_id = $9, tags = $10, attributes = $11, images = $12, sku = $13,
                          low_stock_threshold = $14, version = version + 1, updated_at = now()
       WHERE id = $1 AND seller_id = $2 AND deleted_at IS NULL
      RETURNING """ + " " + COLUMNS;
  static final String SOFT_DELETE = """
      UPDATE products SET deleted_at = now(), version = version + 1, updated_at = now()
       WHERE id = $1 AND deleted_at IS NULL
      RETURNING """ + " " + COLUMNS;

  private ProductRepository() {}

  static Future<Product> find(SqlClient client, UUID id, boolean forUpdate) {
    return client.preparedQuery(forUpdate ? SELECT_LIVE_FOR_UPDATE : SELECT_LIVE).execute(Tuple.of(id))
        .map(ProductRepository::single);
  }

  static Future<List<Product>> findMany(SqlClient client, UUID[] ids) {
    return client.preparedQuery(SELECT_MANY).execute(Tuple.of(ids)).map(ProductRepository::all);
  }

  static Future<Product> insert(SqlClient client, Product product) {
    return client.preparedQuery(INSERT).execute(values(product)).map(ProductRepository::single);
  }

  static Future<Product> update(SqlClient client, Product product) {
    return client.preparedQuery(UPDATE).execute(values(product)).map(ProductRepository::single);
  }

  static Future<Product> softDelete(SqlClient client, UUID id) {
    return client.preparedQuery(SOFT_DELETE).execute(Tuple.of(id)).map(ProductRepository::single);
  }

  static Future<List<Product>> list(SqlClient client, ProductListing listing) {
    return client.preparedQuery(listing.sql()).execute(listing.params()).map(ProductRepository::all);
  }

  static Future<CategoryTrail> trail(SqlClient client, UUID categoryId) {
    if (categoryId == null) {
      return Future.succeededFuture(CategoryTrail.NONE);
    }
    return client.preparedQuery(SELECT_TRAIL).execute(Tuple.of(categoryId))
        .map(rows -> CategoryTrail.from(rows.iterator().next()));
  }

  /** Snapshots of the live products after {@code after} (null: from the start), at most {@code limit}. */
  static Future<List<io.vertx.core.json.JsonObject>> export(SqlClient client, UUID after, int limit) {
    return client.preparedQuery(EXPORT_PAGE).execute(Tuple.of(after, limit)).map(rows -> {
      List<io.vertx.core.json.JsonObject> out = new ArrayList<>(rows.size());
      rows.forEach(row -> out.add(Product.from(row).snapshot(CategoryTrail.from(row))));
      return out;
    });
  }

  private static Tuple values(Product p) {
    return Tuple.tuple()
        .addValue(p.id())
        .addValue(p.sellerId())
        .addValue(p.name())
        .addValue(p.slug())
        .addValue(p.description())
        .addValue(p.price().amount())
        .addValue(p.price().currency())
        .addValue(p.status())
        .addValue(p.categoryId())
        .addValue(p.tags().toArray(String[]::new))
        .addValue(p.attributes())
        .addValue(p.images())
        .addValue(p.sku())
        .addValue(p.lowStockThreshold());
  }

  private static Product single(RowSet<Row> rows) {
    return rows.size() == 0 ? null : Product.from(rows.iterator().next());
  }

  private static List<Product> all(RowSet<Row> rows) {
    List<Product> out = new ArrayList<>(rows.size());
    rows.forEach(row -> out.add(Product.from(row)));
    return out;
  }
}
