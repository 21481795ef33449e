package mercato.inventory;

import static mercato.inventory.InventoryFixture.assertStatus;
import static mercato.inventory.InventoryFixture.location;
import static mercato.inventory.InventoryFixture.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.UUID;
import mercato.auth.AuthDomain;
import mercato.testing.Api;
import mercato.testing.Await;
import mercato.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Warehouses and stock over HTTP: who may see and change what, validation, the contract. */
class InventoryHttpTest {
  static TestNode app;
  static Api api;
  static InventoryFixture fx;
  static UUID sellerA = UUID.randomUUID();
  static UUID sellerB = UUID.randomUUID();
  static String tokenA;
  static String tokenB;
  static String admin;

  @BeforeAll
  static void start() {
    app = TestNode.of(AuthDomain.domain(), InventoryDomain.domain()).withKeys().quickAuth()
        .set("http.contract", "openapi.yaml")
        .start();
    api = app.api;
    fx = new InventoryFixture(app);
    tokenA = token(sellerA.toString(), "company");
    tokenB = token(sellerB.toString(), "company");
    admin = token(UUID.randomUUID().toString(), "admin");
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  static String token(String sub, String typ) {
    return app.tokens.sign(new JsonObject().put("sub", sub).put("typ", typ).put("roles", new JsonArray())
        .put("email_verified", true), 300);
  }

  static String warehouse(String token, String name, String operator) {
    JsonObject body = new JsonObject().put("name", name).put("capacity", 500).put("priority", 10)
        .put("location", location());
    if (operator != null) {
      body.put("operatorAccountId", operator);
    }
    HttpResponse<Buffer> created = api.post("/warehouses", token, body);
    assertStatus(created, 201);
    return created.bodyAsJsonObject().getString("id");
  }

  /** A warehouse that {@code operator} was invited to and accepted to operate. */
  static String operated(String token, String name, String operator) {
    String id = warehouse(token, name, operator);
    assertStatus(api.post("/warehouse-invitations/" + id + "/accept", token(operator, "warehouse"), null), 200);
    return id;
  }

  /** A warehouse account made by an admin through auth. */
  static String warehouseAccount() {
    return account("warehouse", "wh-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
  }

  /** An account of {@code type} made by an admin through auth; its id. */
  static String account(String type, String email) {
    HttpResponse<Buffer> created = api.post("/admin/accounts", admin, new JsonObject().put("email", email)
        .put("password", "correct horse battery staple").put("type", type).put("emailVerified", true));
    assertStatus(created, 201);
    return created.bodyAsJsonObject().getString("id");
  }

  @Test
  void aShopInvitesAWarehouseAccountByEmailWhichOperatesOnlyOnceItAccepts() {
    UUID shop = UUID.randomUUID();
    String shopToken = token(shop.toString(), "shop");
    UUID product = fx.product(shop, "S-inv", 0);
    String email = "Dock-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    String op = account("warehouse", email);
    String operator = token(op, "warehouse");
    HttpResponse<Buffer> made = api.post("/warehouses", shopToken, new JsonObject().put("name", "Shop DC")
        .put("capacity", 10).put("location", location()).put("operatorEmail", email.toLowerCase()));
    assertStatus(made, 201);
    String w = made.bodyAsJsonObject().getString("id");
    assertThat(made.bodyAsJsonObject().getString("invitedOperatorId")).isEqualTo(op);
    assertThat(made.bodyAsJsonObject().getValue("operatorAccountId")).isNull();
    assertStatus(put("/inventory/product/" + product + "/stock", shopToken, w, "onHand", 4), 200);

    // Invited, not yet accepted: it operates nothing.
    assertStatus(api.get("/warehouses/" + w, operator), 404);
    assertStatus(put("/stock-levels/" + product, operator, w, "delta", 1), 404);
    assertThat(app.db.column("SELECT coalesce(warehouse_id::text, '-') FROM auth.accounts WHERE id = '" + op + "'"))
        .containsExactly("-");
    HttpResponse<Buffer> pending = api.get("/warehouse-invitations", operator);
    assertStatus(pending, 200);
    assertThat(pending.bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getString("warehouseId")).isEqualTo(w);
    // Someone else cannot accept it.
    assertStatus(api.post("/warehouse-invitations/" + w + "/accept", token(warehouseAccount(), "warehouse"), null), 404);

    HttpResponse<Buffer> accepted = api.post("/warehouse-invitations/" + w + "/accept", operator, null);
    assertStatus(accepted, 200);
    assertThat(accepted.bodyAsJsonObject().getString("operatorAccountId")).isEqualTo(op);
    assertThat(accepted.bodyAsJsonObject().getValue("invitedOperatorId")).isNull();
    assertThat(app.db.column("SELECT warehouse_id FROM auth.accounts WHERE id = '" + op + "'")).containsExactly(w);
    assertStatus(put("/stock-levels/" + product, operator, w, "delta", 1), 200);
    assertThat(fx.row(product, UUID.fromString(w))).isEqualTo("5/0");
    assertThat(api.get("/warehouse-invitations", operator).bodyAsJsonObject().getJsonArray("items")).isEmpty();

    // Naming another account unbinds this one at once and invites the other.
    String next = warehouseAccount();
    HttpResponse<Buffer> changed = api.put("/warehouses/" + w, shopToken, new JsonObject().put("name", "Shop DC")
        .put("capacity", 10).put("location", location()).put("operatorAccountId", next));
    assertStatus(changed, 200);
    assertThat(changed.bodyAsJsonObject().getValue("operatorAccountId")).isNull();
    assertThat(changed.bodyAsJsonObject().getString("invitedOperatorId")).isEqualTo(next);
    assertStatus(api.get("/warehouses/" + w, operator), 404);
    assertThat(app.db.column("SELECT coalesce(warehouse_id::text, '-') FROM auth.accounts WHERE id = '" + op + "'"))
        .containsExactly("-");
  }

  @Test
  void aWarehouseAccountDeclinesAndOnlyOpenWarehouseAccountsAreInvited() {
    String op = warehouseAccount();
    String operator = token(op, "warehouse");
    String w = warehouse(tokenB, "Declined", op);
    assertStatus(api.post("/warehouse-invitations/" + w + "/decline", operator, null), 204);
    assertStatus(api.post("/warehouse-invitations/" + w + "/decline", operator, null), 404);
    assertStatus(api.post("/warehouse-invitations/" + w + "/accept", operator, null), 404);
    HttpResponse<Buffer> read = api.get("/warehouses/" + w, tokenB);
    assertThat(read.bodyAsJsonObject().getValue("invitedOperatorId")).isNull();
    assertThat(read.bodyAsJsonObject().getValue("operatorAccountId")).isNull();

    String customerEmail = "cu-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    account("customer", customerEmail);
    for (String email : List.of(customerEmail, "nobody-" + UUID.randomUUID() + "@example.com")) {
      HttpResponse<Buffer> refused = api.post("/warehouses", tokenB, new JsonObject().put("name", "X").put("capacity", 1)
          .put("location", location()).put("operatorEmail", email));
      assertStatus(refused, 400);
      assertThat(refused.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("pointer"))
          .isEqualTo("/operatorEmail");
    }
    assertStatus(api.post("/warehouses", tokenB, new JsonObject().put("name", "X").put("capacity", 1)
        .put("location", location()).put("operatorEmail", "a@example.com").put("operatorAccountId", op)), 400);
    // Only warehouse accounts have invitations.
    assertStatus(api.get("/warehouse-invitations", tokenB), 403);
  }

  static HttpResponse<Buffer> put(String path, String token, String warehouse, String field, int value) {
    return api.put(path, token, new JsonObject().put("warehouseId", warehouse).put(field, value));
  }

  @Test
  void sellersSeeAndChangeOnlyTheirOwnStock() {
    UUID productA = fx.product(sellerA, "A-1", 2);
    UUID productB = fx.product(sellerB, "B-1", 2);
    String wA = warehouse(tokenA, "A main", null);
    String wB = warehouse(tokenB, "B main", null);
    assertStatus(put("/inventory/product/" + productA + "/stock", tokenA, wA, "onHand", 10), 200);
    assertStatus(put("/stock-levels/" + productB, tokenB, wB, "onHand", 7), 200);

    // A touching B's product, in B's or in its own warehouse: 404, nothing changes.
    assertStatus(put("/inventory/product/" + productB + "/stock", tokenA, wB, "onHand", 99), 404);
    assertStatus(put("/inventory/product/" + productB + "/stock", tokenA, wA, "delta", 5), 404);
    // A's product in B's warehouse: 404 as well.
    assertStatus(put("/inventory/product/" + productA + "/stock", tokenA, wB, "onHand", 1), 404);
    assertThat(fx.row(productB, UUID.fromString(wB))).isEqualTo("7/0");
    assertThat(fx.row(productB, UUID.fromString(wA))).isNull();
    assertThat(fx.row(productA, UUID.fromString(wB))).isNull();

    HttpResponse<Buffer> listA = api.get("/inventory/products", tokenA);
    assertStatus(listA, 200);
    assertThat(listA.bodyAsJsonObject().getJsonArray("items").stream()
        .map(o -> ((JsonObject) o).getString("productId")).toList()).containsExactly(productA.toString());
    HttpResponse<Buffer> aliasA = api.get("/stock-levels?limit=1", tokenA);
    assertStatus(aliasA, 200);
    assertThat(aliasA.bodyAsJsonObject().getJsonArray("items")).hasSize(1);

    // Public view: the total only; the owner also sees the warehouses.
    HttpResponse<Buffer> anonymous = api.get("/inventory/product/" + productA, null);
    assertStatus(anonymous, 200);
    assertThat(anonymous.bodyAsJsonObject()).isEqualTo(new JsonObject().put("productId", productA.toString())
        .put("available", 10));
    assertThat(api.get("/inventory/product/" + productA, tokenB).bodyAsJsonObject().containsKey("warehouses")).isFalse();
    JsonObject owner = api.get("/inventory/product/" + productA, tokenA).bodyAsJsonObject();
    assertThat(owner.getJsonArray("warehouses")).hasSize(1);
    assertThat(owner.getInteger("onHand")).isEqualTo(10);

    // Warehouses: B cannot see or delete A's.
    assertStatus(api.get("/warehouses/" + wA, tokenB), 404);
    assertStatus(api.delete("/warehouses/" + wA, tokenB), 404);
    HttpResponse<Buffer> mine = api.get("/inventory/warehouses", tokenB);
    assertStatus(mine, 200);
    assertThat(mine.bodyAsJsonObject().getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("id")).toList())
        .containsExactly(wB);
  }

  @Test
  void aWarehouseOperatorTouchesOnlyItsOwnWarehouse() {
    UUID product = fx.product(sellerA, "A-op", 0);
    String op1 = warehouseAccount();
    String op2 = warehouseAccount();
    String w1 = operated(tokenA, "Operated 1", op1);
    String w2 = operated(tokenA, "Operated 2", op2);
    assertThat(app.db.column("SELECT warehouse_id FROM auth.accounts WHERE id = '" + op1 + "'")).containsExactly(w1);
    // One warehouse per operator: the invitation may go out, accepting it is a conflict.
    String again = warehouse(tokenA, "Again", op1);
    assertStatus(api.post("/warehouse-invitations/" + again + "/accept", token(op1, "warehouse"), null), 409);
    // Not a warehouse account.
    HttpResponse<Buffer> notWarehouse = api.post("/warehouses", tokenA, new JsonObject().put("name", "X").put("capacity", 1)
        .put("location", location()).put("operatorAccountId", UUID.randomUUID().toString()));
    assertStatus(notWarehouse, 400);
    assertThat(notWarehouse.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("pointer"))
        .isEqualTo("/operatorAccountId");

    assertStatus(put("/inventory/product/" + product + "/stock", tokenA, w1, "onHand", 5), 200);
    assertStatus(put("/inventory/product/" + product + "/stock", tokenA, w2, "onHand", 6), 200);
    String operator = token(op1, "warehouse");
    assertStatus(put("/stock-levels/" + product, operator, w1, "delta", 3), 200);
    assertThat(fx.row(product, UUID.fromString(w1))).isEqualTo("8/0");
    assertStatus(put("/stock-levels/" + product, operator, w2, "onHand", 100), 404);
    assertThat(fx.row(product, UUID.fromString(w2))).isEqualTo("6/0");
    // A product its warehouse does not stock: 404 too (an operator never starts a row).
    UUID other = fx.product(sellerA, "A-other", 0);
    assertStatus(put("/stock-levels/" + other, operator, w1, "onHand", 1), 404);

    HttpResponse<Buffer> list = api.get("/inventory/products", operator);
    assertStatus(list, 200);
    assertThat(list.bodyAsJsonObject().getJsonArray("items").stream()
        .map(o -> ((JsonObject) o).getString("warehouseId")).distinct().toList()).containsExactly(w1);
    HttpResponse<Buffer> warehouses = api.get("/warehouses", operator);
    assertThat(warehouses.bodyAsJsonObject().getJsonArray("items")).hasSize(1);
    assertStatus(api.get("/warehouses/" + w1, operator), 200);
    assertStatus(api.get("/warehouses/" + w2, operator), 404);
    // An operator may not edit the warehouse itself.
    assertStatus(api.delete("/warehouses/" + w1, operator), 403);
    assertThat(app.db.column("SELECT actor FROM inventory.movements WHERE product_id = '" + product
        + "' AND warehouse_id = '" + w1 + "' ORDER BY id")).containsExactly("company:" + sellerA, "warehouse:" + op1);
  }

  @Test
  void deletingAWarehouseThatHoldsStockIsAConflict() {
    UUID product = fx.product(sellerA, "A-del", 0);
    String full = warehouse(tokenA, "Full", null);
    String empty = warehouse(tokenA, "Empty", null);
    assertStatus(put("/inventory/product/" + product + "/stock", tokenA, full, "onHand", 1), 200);
    assertStatus(put("/inventory/product/" + product + "/stock", tokenA, empty, "onHand", 0), 200);
    HttpResponse<Buffer> refused = api.delete("/warehouses/" + full, tokenA);
    assertStatus(refused, 409);
    assertThat(refused.bodyAsJsonObject().getString("type")).isEqualTo("/problems/conflict");
    assertStatus(api.get("/warehouses/" + full, tokenA), 200);
    assertStatus(api.delete("/warehouses/" + empty, tokenA), 204);
    assertStatus(api.get("/warehouses/" + empty, tokenA), 404);
    // Updating replaces the details.
    HttpResponse<Buffer> updated = api.put("/warehouses/" + full, tokenA, new JsonObject().put("name", "Renamed")
        .put("capacity", 9).put("priority", 3).put("location", location()));
    assertStatus(updated, 200);
    assertThat(updated.bodyAsJsonObject().getString("name")).isEqualTo("Renamed");
    assertThat(updated.bodyAsJsonObject().getInteger("priority")).isEqualTo(3);
  }

  @Test
  void invalidChangesAre400WithAPointerAndBelowReservedIs409() {
    UUID product = fx.product(sellerA, "A-val", 0);
    String w = warehouse(tokenA, "Validation", null);
    HttpResponse<Buffer> negative = put("/inventory/product/" + product + "/stock", tokenA, w, "onHand", -1);
    assertStatus(negative, 400);
    assertThat(negative.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("pointer"))
        .isEqualTo("/onHand");
    HttpResponse<Buffer> both = api.put("/inventory/product/" + product + "/stock", tokenA,
        new JsonObject().put("warehouseId", w).put("onHand", 1).put("delta", 1));
    assertStatus(both, 400);
    HttpResponse<Buffer> unknownField = api.put("/inventory/product/" + product + "/stock", tokenA,
        new JsonObject().put("warehouseId", w).put("onHand", 1).put("owner", "me"));
    assertStatus(unknownField, 400);
    HttpResponse<Buffer> badCountry = api.post("/warehouses", tokenA, new JsonObject().put("name", "X").put("capacity", 1)
        .put("location", location().put("country", "XX")));
    assertStatus(badCountry, 400);
    assertThat(badCountry.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("pointer"))
        .isEqualTo("/location/country");
    assertStatus(api.get("/inventory/products?limit=100000", tokenA), 400);

    assertStatus(put("/inventory/product/" + product + "/stock", tokenA, w, "onHand", 10), 200);
    Await.result(fx.reserve(order(UUID.randomUUID(), product, 6)));
    HttpResponse<Buffer> below = put("/inventory/product/" + product + "/stock", tokenA, w, "onHand", 5);
    assertStatus(below, 409);
    assertStatus(put("/inventory/product/" + product + "/stock", tokenA, w, "delta", -5), 409);
    assertThat(fx.row(product, UUID.fromString(w))).isEqualTo("10/6");
    HttpResponse<Buffer> down = put("/inventory/product/" + product + "/stock", tokenA, w, "delta", -4);
    assertStatus(down, 200);
    assertThat(down.bodyAsJsonObject().getInteger("available")).isZero();
    assertThat(fx.ledger(product, UUID.fromString(w))).isEqualTo("6/6");
    // A customer may not write stock at all.
    assertStatus(put("/inventory/product/" + product + "/stock", token(UUID.randomUUID().toString(), "customer"), w,
        "onHand", 1), 403);
    assertThat(List.of(api.get("/inventory/products", null).statusCode())).containsExactly(401);
  }
}
