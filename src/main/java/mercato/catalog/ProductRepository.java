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
