package mercato.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.UUID;
import mercato.platform.bus.Principal;
import mercato.platform.bus.Problem;
import mercato.testing.Await;
import mercato.testing.TestNode;

/**
 * What inventory tests share: products made by delivering catalog events to the inbox (as
 * the relay would), warehouses and stock through the bus with a principal, reservations,
 * and a look at the ledger.
 */
final class InventoryFixture {
  final TestNode app;

  InventoryFixture(TestNode app) {
    this.app = app;
  }

  /** A catalog product-created event for a new product of {@code seller}. */
  UUID product(UUID seller, String sku, int threshold) {
    UUID id = UUID.randomUUID();
    JsonObject data = new JsonObject().put("productId", id.toString()).put("sellerId", seller.toString())
        .put("sku", sku).put("name", sku).put("status", "active").put("lowStockThreshold", threshold);
    deliver("mercato.catalog.product-created.v1", id.toString(), data);
    return id;
  }

  JsonObject deliver(String type, String subject, JsonObject data) {
    JsonObject event = new JsonObject().put("specversion", "1.0").put("id", UUID.randomUUID().toString())
        .put("type", type).put("source", "/mercato/catalog").put("subject", subject)
        .put("time", "2026-01-01T00:00:00Z").put("data", data);
    return deliver(event);
  }

  JsonObject deliver(JsonObject event) {
    return Await.result(app.node.vertx().eventBus().<JsonObject>request("mercato.inventory.inbox", event)).body();
  }

  /** A bus request with an envelope; the reply body, or a failed future carrying the Problem. */
  Future<Object> call(String address, Principal principal, Object body, JsonObject params) {
    JsonObject envelope = new JsonObject().put("body", body).put("requestId", UUID.randomUUID().toString())
        .put("params", params == null ? new JsonObject() : params).put("query", new JsonObject());
    if (principal != null) {
      envelope.put("principal", principal.toJson());
    }
    return app.node.vertx().eventBus().<Object>request(address, envelope)
        .map(message -> message.body())
        .recover(failure -> Future.failedFuture(failure instanceof ReplyException reply ? Problem.from(reply) : failure));
  }

  JsonObject ok(String address, Principal principal, Object body, JsonObject params) {
    return (JsonObject) Await.result(call(address, principal, body, params));
  }

  Problem problem(String address, Principal principal, Object body) {
    return problem(address, principal, body, null);
  }

  Problem problem(String address, Principal principal, Object body, JsonObject params) {
    try {
      Await.result(call(address, principal, body, params));
    } catch (Problem problem) {
      return problem;
    } catch (RuntimeException e) {
      if (e.getCause() instanceof Problem problem) {
        return problem;
      }
      throw e;
    }
    throw new AssertionError("expected a problem from " + address);
  }

  static Principal seller(UUID id) {
    return new Principal(id.toString(), "company", List.of(), true, null, null, 0);
  }

  static Principal admin() {
    return new Principal(UUID.randomUUID().toString(), "admin", List.of(), true, null, null, 0);
  }

  UUID warehouse(Principal owner, String name, int priority) {
    JsonObject body = new JsonObject().put("name", name).put("capacity", 1000).put("priority", priority)
        .put("location", location());
    return UUID.fromString(ok("mercato.inventory.create-warehouse", owner, body, null).getString("id"));
  }

  static JsonObject location() {
    return new JsonObject().put("line1", "1 Dock Road").put("city", "Hamburg").put("postalCode", "20457")
        .put("country", "DE");
  }

  JsonObject setStock(Principal who, UUID product, UUID warehouse, int onHand) {
    return ok("mercato.inventory.set-stock", who, new JsonObject().put("warehouseId", warehouse.toString())
        .put("onHand", onHand), new JsonObject().put("product_id", product.toString()));
  }

  static JsonObject order(UUID orderId, Object... productAndQuantity) {
    JsonArray lines = new JsonArray();
    for (int i = 0; i < productAndQuantity.length; i += 2) {
      lines.add(new JsonObject().put("productId", productAndQuantity[i].toString())
          .put("quantity", productAndQuantity[i + 1]));
    }
    return new JsonObject().put("orderId", orderId.toString()).put("lines", lines);
  }

  Future<Object> reserve(JsonObject order) {
    return call("mercato.inventory.reserve-stock", null, order, null);
  }

  /** on_hand and reserved of one stock row, as "onHand/reserved". */
  String row(UUID product, UUID warehouse) {
    List<String> rows = app.db.column("SELECT on_hand || '/' || reserved FROM inventory.stock WHERE product_id = '"
        + product + "' AND warehouse_id = '" + warehouse + "'");
    return rows.isEmpty() ? null : rows.get(0);
  }

  /** The ledger's sums for one row, as "onHand/reserved": they must equal the row. */
  String ledger(UUID product, UUID warehouse) {
    return app.db.column("SELECT coalesce(sum(delta_on_hand), 0) || '/' || coalesce(sum(delta_reserved), 0) "
        + "FROM inventory.movements WHERE product_id = '" + product + "' AND warehouse_id = '" + warehouse + "'").get(0);
  }

  static void assertStatus(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
  }
}
