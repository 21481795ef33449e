package mercato.search;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import mercato.platform.events.Event;

/**
 * Search's read model, written from events in the inbox transaction (a redelivered event is
 * skipped by the inbox; an older one arriving late is dropped by the version or time rules).
 * Products follow the catalog's version (a higher one wins, a tombstone wins a tie); stock
 * and ratings follow their event time and are copied into the product row, which may arrive
 * before or after them.
 */
final class ProductIndex {
  static final String UPSERT = """
      INSERT INTO products AS p (product_id, seller_id, name, description, tags, category_id, category_path,
                                 category_names, price_amount, price_currency, status, version, created_at, available,
                                 rating_average, rating_count, rebuild_id, indexed_at, image)
      VALUES ($1, $2, $3, $4, $5::text[], $6, $7::uuid[], $8::text[], $9, $10, $11, $12, $13,
              coalesce((SELECT sum(greatest(available, 0)) FROM stock WHERE product_id = $1), 0),
              coalesce((SELECT average FROM ratings WHERE product_id = $1), 0),
              coalesce((SELECT count FROM ratings WHERE product_id = $1), 0), $14, now(), $15::jsonb)
      ON CONFLICT (product_id) DO UPDATE SET
        seller_id = excluded.seller_id, name = excluded.name, description = excluded.description, tags = excluded.tags,
        category_id = excluded.category_id, category_path = excluded.category_path,
        category_names = excluded.category_names, price_amount = excluded.price_amount,
        price_currency = excluded.price_currency, status = excluded.status, version = excluded.version,
        created_at = excluded.created_at, rebuild_id = excluded.rebuild_id, indexed_at = now(), image = excluded.image
       WHERE p.version < excluded.version OR (p.version = excluded.version AND NOT p.deleted)
      """;
  static final String NAME_CATEGORIES = """
      INSERT INTO categories (category_id, name) SELECT * FROM unnest($1::uuid[], $2::text[])
      ON CONFLICT (category_id) DO UPDATE SET name = excluded.name WHERE categories.name <> excluded.name
      """;
  static final String TOMBSTONE = """
      INSERT INTO products AS p (product_id, seller_id, name, price_amount, price_currency, status, deleted, version,
                                 created_at, indexed_at)
      VALUES ($1, $2, '', 0, 'XXX', 'deleted', true, $3, now(), now())
      ON CONFLICT (product_id) DO UPDATE SET deleted = true, version = greatest(p.version, excluded.version),
        indexed_at = now()
      """;
  /** Products below the category get its new trail in place of the old prefix. */
  static final String MOVE_CATEGORY = """
      UPDATE products SET
        category_path = $2::uuid[] || category_path[array_position(category_path, $1) + 1:],
        category_names = $3::text[] || category_names[array_position(category_path, $1) + 1:],
        indexed_at = now()
       WHERE category_path @> ARRAY[$1]::uuid[]
      """;
  static final String STOCK = """
      INSERT INTO stock AS s (product_id, warehouse_id, available, changed_at) VALUES ($1, $2, $3, $4)
      ON CONFLICT (product_id, warehouse_id) DO UPDATE SET available = excluded.available, changed_at = excluded.changed_at
       WHERE s.changed_at <= excluded.changed_at
      """;
  static final String SUM_STOCK = """
      UPDATE products SET available = (SELECT coalesce(sum(greatest(available, 0)), 0) FROM stock WHERE product_id = $1)
       WHERE product_id = $1
      """;
  static final String RATING = """
      INSERT INTO ratings AS r (product_id, average, count, changed_at) VALUES ($1, $2, $3, $4)
      ON CONFLICT (product_id) DO UPDATE SET average = excluded.average, count = excluded.count,
        changed_at = excluded.changed_at
       WHERE r.changed_at <= excluded.changed_at
      """;
  static final String COPY_RATING = """
      UPDATE products p SET rating_average = r.average, rating_count = r.count FROM ratings r
       WHERE p.product_id = $1 AND r.product_id = $1
      """;

  private ProductIndex() {}

  static Future<?> productChanged(Event event, SqlConnection tx) {
    return upsert(tx, event.data(), null);
  }

  /** Indexes one catalog snapshot; {@code rebuild} names the rebuild that wrote it (null for events). */
  static Future<Void> upsert(SqlConnection tx, JsonObject snapshot, UUID rebuild) {
    JsonObject price = snapshot.getJsonObject("price");
    JsonArray path = snapshot.getJsonArray("categoryPath", new JsonArray());
    JsonArray names = snapshot.getJsonArray("categoryNames", new JsonArray());
    UUID[] pathIds = path.stream().map(id -> UUID.fromString(id.toString())).toArray(UUID[]::new);
    String[] nameArray = names.stream().map(Object::toString).toArray(String[]::new);
    String created = snapshot.getString("createdAt");
    Tuple values = Tuple.tuple()
        .addValue(UUID.fromString(snapshot.getString("productId")))
        .addValue(UUID.fromString(snapshot.getString("sellerId")))
        .addValue(snapshot.getString("name"))
        .addValue(snapshot.getString("description"))
        .addValue(snapshot.getJsonArray("tags", new JsonArray()).stream().map(Object::toString).toArray(String[]::new))
        .addValue(snapshot.getString("categoryId") == null ? null : UUID.fromString(snapshot.getString("categoryId")))
        .addValue(pathIds)
        .addValue(nameArray)
        .addValue(price.getLong("amount"))
        .addValue(price.getString("currency"))
        .addValue(snapshot.getString("status"))
        .addValue(snapshot.getInteger("version", 1))
        .addValue(created == null ? OffsetDateTime.now(ZoneOffset.UTC) : time(created))
        .addValue(rebuild)
        .addValue(firstImage(snapshot));
    Future<?> categories = pathIds.length == 0 || pathIds.length != nameArray.length ? Future.succeededFuture()
        : tx.preparedQuery(NAME_CATEGORIES).execute(Tuple.tuple().addValue(pathIds).addValue(nameArray));
    return categories.compose(v -> tx.preparedQuery(UPSERT).execute(values)).mapEmpty();
  }

  /** The snapshot's first image as {url, alt}, or null (snapshots of older catalogs carry none). */
  static JsonObject firstImage(JsonObject snapshot) {
    if (snapshot.getValue("images") instanceof JsonArray images && !images.isEmpty()
        && images.getValue(0) instanceof JsonObject image && image.getValue("url") instanceof String url) {
      return new JsonObject().put("url", url).put("alt", image.getValue("alt") instanceof String alt ? alt : null);
    }
    return null;
  }

  static Future<?> productDeleted(Event event, SqlConnection tx) {
    JsonObject data = event.data();
    // An event without a version (older catalogs) wins over any snapshot.
    return tx.preparedQuery(TOMBSTONE).execute(Tuple.of(UUID.fromString(data.getString("productId")),
        UUID.fromString(data.getString("sellerId")), data.getInteger("version", Integer.MAX_VALUE)));
  }

  static Future<?> categoryUpdated(Event event, SqlConnection tx) {
    JsonObject data = event.data();
    UUID id = UUID.fromString(data.getString("categoryId"));
    UUID[] path = data.getJsonArray("categoryPath", new JsonArray()).stream()
        .map(p -> UUID.fromString(p.toString())).toArray(UUID[]::new);
    String[] names = data.getJsonArray("categoryNames", new JsonArray()).stream().map(Object::toString)
        .toArray(String[]::new);
    if (path.length == 0 || path.length != names.length || !path[path.length - 1].equals(id)) {
      return Future.succeededFuture();
    }
    return tx.preparedQuery(NAME_CATEGORIES).execute(Tuple.tuple().addValue(path).addValue(names))
        .compose(v -> tx.preparedQuery(MOVE_CATEGORY).execute(Tuple.tuple().addValue(id).addValue(path).addValue(names)));
  }

  static Future<?> stockChanged(Event event, SqlConnection tx) {
    JsonObject data = event.data();
    UUID product = UUID.fromString(data.getString("productId"));
    return tx.preparedQuery(STOCK).execute(Tuple.of(product, UUID.fromString(data.getString("warehouseId")),
            data.getLong("available", 0L), event.time()))
        .compose(v -> tx.preparedQuery(SUM_STOCK).execute(Tuple.of(product)));
  }

  static Future<?> ratingChanged(Event event, SqlConnection tx) {
    JsonObject data = event.data();
    UUID product = UUID.fromString(data.getString("productId"));
    BigDecimal average = new BigDecimal(String.valueOf(data.getValue("average", 0))).setScale(2, java.math.RoundingMode.HALF_UP);
    return tx.preparedQuery(RATING).execute(Tuple.of(product, average, data.getInteger("count", 0), event.time()))
        .compose(v -> tx.preparedQuery(COPY_RATING).execute(Tuple.of(product)));
  }

  private static OffsetDateTime time(String instant) {
    return OffsetDateTime.ofInstant(Instant.parse(instant), ZoneOffset.UTC);
  }
}
