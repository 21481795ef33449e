package mercato.inventory;

import mercato.catalog.api.CatalogEvents;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;
import mercato.platform.events.Event;
import mercato.platform.events.Inbox;

/**
 * Inventory's read model of products (owner, SKU, low-stock threshold, deleted), fed by
 * catalog events through the durable inbox, so inventory never asks catalog on a request
 * path. The type names come from the catalog's api.
 */
final class ProductFeed {
  static final String CREATED = CatalogEvents.PRODUCT_CREATED;
  static final String UPDATED = CatalogEvents.PRODUCT_UPDATED;
  static final String PRICE_CHANGED = CatalogEvents.PRICE_CHANGED;
  static final String DELETED = CatalogEvents.PRODUCT_DELETED;
  static final List<String> TYPES = List.of(CREATED, UPDATED, PRICE_CHANGED, DELETED);

  static final String UPSERT = """
      INSERT INTO products (product_id, seller_id, sku, low_stock_threshold, deleted)
      VALUES ($1, $2, $3, $4, false)
      ON CONFLICT (product_id) DO UPDATE SET
        seller_id = $2, sku = $3, low_stock_threshold = $4, updated_at = now()
      """;
  // A deletion wins over a late update; the row stays so stock and orders still resolve it.
  static final String MARK_DELETED = """
      INSERT INTO products (product_id, seller_id, sku, deleted) VALUES ($1, $2, $3, true)
      ON CONFLICT (product_id) DO UPDATE SET deleted = true, updated_at = now()
      """;
  static final int DEFAULT_THRESHOLD = 5;

  private ProductFeed() {}

  static Inbox register(Inbox inbox) {
    return inbox.on(CREATED, ProductFeed::upsert)
        .on(UPDATED, ProductFeed::upsert)
        // Prices are not inventory's concern; the subscription keeps the contract's four types.
        .on(PRICE_CHANGED, (event, tx) -> Future.succeededFuture())
        .on(DELETED, ProductFeed::delete);
  }

  private static Future<?> upsert(Event event, SqlConnection tx) {
    JsonObject data = event.data();
    Integer threshold = data.getInteger("lowStockThreshold");
    return tx.preparedQuery(UPSERT).execute(Tuple.of(UUID.fromString(data.getString("productId")),
        UUID.fromString(data.getString("sellerId")), data.getString("sku"),
        threshold == null || threshold < 0 ? DEFAULT_THRESHOLD : threshold));
  }

  private static Future<?> delete(Event event, SqlConnection tx) {
    JsonObject data = event.data();
    return tx.preparedQuery(MARK_DELETED).execute(Tuple.of(UUID.fromString(data.getString("productId")),
        UUID.fromString(data.getString("sellerId")), data.getString("sku")));
  }
}
