package mercato.order;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import mercato.cart.api.CartAddresses;
import mercato.catalog.api.CatalogAddresses;
import mercato.inventory.api.InventoryAddresses;
import mercato.platform.bus.PeerClient;

/**
 * The other domains the order asks over the bus: catalog for prices, inventory for stock,
 * cart for the customer's cart. Their problems (404, 409 out-of-stock) stay problems.
 */
final class Peers {
  private final PeerClient peers;

  Peers(PeerClient peers) {
    this.peers = peers;
  }

  /** Catalog's view of each product: {id, sellerId, sku, name, status, price, deleted}; unknown ids absent. */
  Future<Map<UUID, JsonObject>> products(List<UUID> ids, String requestId) {
    JsonObject body = new JsonObject().put("ids", new JsonArray(ids.stream().map(UUID::toString).toList()));
    return ask(CatalogAddresses.GET_PRODUCTS, body, requestId).map(reply -> {
      Map<UUID, JsonObject> found = new LinkedHashMap<>();
      reply.getJsonArray("items").forEach(item -> found.put(UUID.fromString(((JsonObject) item).getString("id")),
          (JsonObject) item));
      return found;
    });
  }

  /** All lines or none; the reply's allocations say which warehouse holds what. */
  Future<JsonObject> reserve(UUID orderId, List<Draft.Line> lines, int ttlSeconds, String requestId) {
    return ask(InventoryAddresses.RESERVE_STOCK, stockBody(orderId, lines).put("ttlSeconds", ttlSeconds), requestId);
  }

  Future<JsonObject> replace(UUID orderId, List<Draft.Line> lines, String requestId) {
    return ask(InventoryAddresses.REPLACE_STOCK, stockBody(orderId, lines), requestId);
  }

  /** Releases an active reservation, or returns a committed one's units to stock. */
  Future<JsonObject> release(UUID orderId, String requestId) {
    return ask(InventoryAddresses.RELEASE_STOCK, new JsonObject().put("orderId", orderId.toString()), requestId);
  }

  /** {cartId, lines: [{productId, quantity}], referralCode?}; cartId null when the customer has no cart. */
  Future<JsonObject> cart(UUID accountId, String requestId) {
    return ask(CartAddresses.GET_CART_FOR_ORDER, new JsonObject().put("accountId", accountId.toString()), requestId);
  }

  /** The warehouse an account operates, or null. */
  Future<UUID> operatedWarehouse(String accountId, String requestId) {
    return ask(InventoryAddresses.GET_OPERATED_WAREHOUSE, new JsonObject().put("accountId", accountId), requestId)
        .map(reply -> reply.getString("warehouseId") == null ? null : UUID.fromString(reply.getString("warehouseId")));
  }

  private Future<JsonObject> ask(String address, JsonObject body, String requestId) {
    return peers.ask(address, body, requestId);
  }

  private static JsonObject stockBody(UUID orderId, List<Draft.Line> lines) {
    JsonArray items = new JsonArray();
    lines.forEach(line -> items.add(new JsonObject().put("productId", line.productId().toString())
        .put("quantity", line.quantity())));
    return new JsonObject().put("orderId", orderId.toString()).put("lines", items);
  }
}
