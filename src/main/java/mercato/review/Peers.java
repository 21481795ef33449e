package mercato.review;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import mercato.auth.api.AuthAddresses;
import mercato.catalog.api.CatalogAddresses;
import mercato.platform.bus.PeerClient;
import mercato.platform.bus.Problem;
import mercato.review.api.ReviewAddresses;

/**
 * What the review domain asks other domains over the bus: whether a review's target exists
 * (catalog for a product, auth for a selling company) and whether the customer bought it
 * (the order domain's has-purchased).
 */
final class Peers {
  private final PeerClient peers;

  Peers(PeerClient peers) {
    this.peers = peers;
  }

  /** Fails with 404 unless the target is a live product (not deleted, not a draft) or an open selling account. */
  Future<Void> requireTarget(Target target, String requestId) {
    return target.isProduct() ? requireProduct(target.id(), requestId) : requireCompany(target.id(), requestId);
  }

  private Future<Void> requireProduct(UUID id, String requestId) {
    JsonObject body = new JsonObject().put("ids", new JsonArray().add(id.toString()));
    return ask(CatalogAddresses.GET_PRODUCTS, body, requestId).map(reply -> {
      JsonObject product = reply.getJsonArray("items", new JsonArray()).stream()
          .map(JsonObject.class::cast).filter(p -> id.toString().equals(p.getString("id"))).findFirst().orElse(null);
      if (product == null || product.getBoolean("deleted", false) || "draft".equals(product.getString("status"))) {
        throw Problem.notFound("No such product.");
      }
      return null;
    });
  }

  private Future<Void> requireCompany(UUID id, String requestId) {
    return ask(AuthAddresses.GET_ACCOUNT, new JsonObject().put("accountId", id.toString()), requestId)
        .recover(failure -> PeerClient.refused(failure, 404)
            ? Future.succeededFuture(null) : Future.failedFuture(failure))
        .map(account -> {
          String type = account == null ? null : account.getString("type");
          if (!("company".equals(type) || "shop".equals(type)) || !account.getBoolean("active", false)) {
            throw Problem.notFound("No such company.");
          }
          return null;
        });
  }

  /** Whether {@code accountId} has a paid order with the product, or with any product of the company. */
  Future<Boolean> purchased(UUID accountId, Target target, String requestId) {
    JsonObject body = new JsonObject().put("accountId", accountId.toString())
        .put(target.isProduct() ? "productId" : "sellerId", target.id().toString());
    return ask(ReviewAddresses.HAS_PURCHASED, body, requestId).map(reply -> reply.getBoolean("purchased", false));
  }

  private Future<JsonObject> ask(String address, JsonObject body, String requestId) {
    return peers.ask(address, body, requestId).map(reply -> reply == null ? new JsonObject() : reply);
  }
}
