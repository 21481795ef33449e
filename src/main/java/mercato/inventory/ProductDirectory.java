package mercato.inventory;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import mercato.catalog.api.CatalogAddresses;
import mercato.platform.bus.PeerClient;

/**
 * Inventory's products as its read model knows them, and when it does not yet (a product
 * created a moment ago, whose catalog event is still on its way) as catalog answers: what
 * catalog knows is written into the read model at once, so a seller may stock a product
 * the moment its create returned. Called before any transaction opens; the event that
 * follows finds the row and updates it.
 */
final class ProductDirectory {
  // DO NOTHING: a feed event that landed meanwhile is newer than this answer and stays.
  private static final String INSERT_FROM_CATALOG = """
      INSERT INTO products (product_id, seller_id, sku, low_stock_threshold, deleted)
      VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (product_id) DO NOTHING
      """;

  private final PeerClient peers;
  private final Pool pool;

  ProductDirectory(PeerClient peers, Pool pool) {
    this.peers = peers;
    this.pool = pool;
  }

  /** The product as {@link StockLevels#product} reads it, or null when neither inventory nor catalog knows it. */
  Future<JsonObject> find(UUID id, String requestId) {
    return StockLevels.product(pool, id).compose(known -> known != null ? Future.succeededFuture(known)
        : fromCatalog(id, requestId).compose(learned -> learned ? StockLevels.product(pool, id)
            : Future.succeededFuture(null)));
  }

  private Future<Boolean> fromCatalog(UUID id, String requestId) {
    JsonObject body = new JsonObject().put("ids", new JsonArray().add(id.toString()));
    return peers.ask(CatalogAddresses.GET_PRODUCTS, body, requestId).map(reply -> reply.getJsonArray("items"))
        // Catalog running nowhere (a node set up for stock alone): the read model's answer stands.
        .recover(failure -> PeerClient.unavailable(failure)
            ? Future.succeededFuture(new JsonArray()) : Future.failedFuture(failure))
        .compose(items -> {
          if (items.isEmpty()) {
            return Future.succeededFuture(false);
          }
          JsonObject item = items.getJsonObject(0);
          Integer threshold = item.getInteger("lowStockThreshold");
          return pool.preparedQuery(INSERT_FROM_CATALOG).execute(Tuple.of(id, UUID.fromString(item.getString("sellerId")),
                  item.getString("sku"), threshold == null || threshold < 0 ? ProductFeed.DEFAULT_THRESHOLD : threshold,
                  item.getBoolean("deleted", false)))
              .map(true);
        });
  }
}
