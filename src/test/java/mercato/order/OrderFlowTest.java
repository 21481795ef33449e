package mercato.order;

import static mercato.order.Shop.line;
import static mercato.order.Shop.order;
import static mercato.order.Shop.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import mercato.testing.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Orders over HTTP on the real checkout domains: placement and its rules, multi-vendor
 * groups, who sees what, payment making an order paid with stock committed, changes,
 * fulfilment, cancellation with refund and stock back, reservation expiry, batches.
 */
class OrderFlowTest {
  static Shop shop;

  @BeforeAll
  static void start() {
    shop = new Shop(Shop.checkout().set("inventory.sweepMs", "100"));
  }

  @AfterAll
  static void stop() {
    if (shop != null) {
      shop.close();
    }
  }

  @Test
  void placesAMultiVendorOrderAtCatalogPricesAndPaysIt() {
    Shop.Seller a = shop.seller();
    Shop.Seller b = shop.seller();
    String pen = shop.product(a, "Pen", 250, 10);
    String ink = shop.product(b, "Ink", 1000, 10);
    String customer = shop.customer();
    JsonObject body = order(line(pen, 2).put("unitPrice", 1), line(ink, 1)).put("total", 1);
    JsonObject placed = shop.placed(customer, body);
    assertThat(placed.getString("status")).isEqualTo("pending_payment");
    assertThat(placed.getJsonObject("total").getLong("amount")).isEqualTo(1500); // client price ignored
    assertThat(placed.getJsonArray("groups")).hasSize(2);
    String id = placed.getString("orderId");
    assertThat(shop.stock(pen)).containsExactly(10, 2);

    // a seller sees only its group; another customer and an uninvolved seller get 404
    JsonObject seen = shop.read(a.token(), id);
    assertThat(seen.getJsonArray("groups")).hasSize(1);
    assertThat(seen.getJsonObject("total").getLong("amount")).isEqualTo(500);
    assertThat(seen.containsKey("payment")).isFalse();
    assertThat(shop.app.api.get("/orders/" + id, shop.customer()).statusCode()).isEqualTo(404);
    assertThat(shop.app.api.delete("/orders/" + id, shop.customer()).statusCode()).isEqualTo(404);
    assertThat(shop.app.api.get("/order/" + id, shop.seller().token()).statusCode()).isEqualTo(404);
    JsonArray listed = shop.app.api.get("/orders", a.token()).bodyAsJsonObject().getJsonArray("items");
    assertThat(listed).hasSize(1);
    assertThat(listed.getJsonObject(0).getJsonArray("groups")).hasSize(1);

    HttpResponse<Buffer> paid = shop.pay(customer, id, "tok_visa", null);
    status(paid, 201);
    JsonObject after = shop.await(customer, id, "paid");
    assertThat(after.getJsonObject("payment").getJsonObject("captured").getLong("amount")).isEqualTo(1500);
    // the seller sees the payment's id (to refund its group by), never the amounts of the whole order
    JsonObject sellersView = shop.read(a.token(), id);
    assertThat(sellersView.getString("paymentId")).isEqualTo(after.getJsonObject("payment").getString("paymentId"));
    assertThat(sellersView.containsKey("payment")).isFalse();
    Await.until("stock committed", Duration.ofSeconds(5), () -> shop.stock(pen)[0] == 8 && shop.stock(pen)[1] == 0);
    assertThat(after.getJsonArray("history").stream().map(h -> ((JsonObject) h).getString("to")).toList())
        .contains("pending_payment", "paid");

    // fulfilment: guarded moves, shipment details, the order follows its groups
    String groupA = shop.read(a.token(), id).getJsonArray("groups").getJsonObject(0).getString("groupId");
    status(shop.app.api.put("/orders/" + id, a.token(), new JsonObject().put("status", "delivered")), 409);
    status(shop.app.api.put("/orders/" + id, a.token(), new JsonObject().put("status", "shipped")), 400);
    status(shop.app.api.put("/orders/" + id, customer, new JsonObject().put("status", "shipped")), 403);
    status(shop.app.api.put("/orders/" + id, a.token(), new JsonObject().put("status", "shipped")
        .put("carrier", "DHL").put("trackingNumber", "JD0001")), 200);
    assertThat(shop.read(customer, id).getString("status")).isEqualTo("fulfilling");
    status(shop.app.api.put("/order/" + id, b.token(), new JsonObject().put("status", "shipped")
        .put("carrier", "UPS").put("trackingNumber", "1Z9")), 200);
    assertThat(shop.read(customer, id).getString("status")).isEqualTo("shipped");
    assertThat(shop.app.db.count("SELECT count(*) FROM \"order\".outbox WHERE type = 'mercato.order.shipped.v1'"
        + " AND subject = '" + id + "'")).isEqualTo(2);
    JsonObject group = shop.read(a.token(), id).getJsonArray("groups").getJsonObject(0);
    assertThat(group.getString("groupId")).isEqualTo(groupA);
    assertThat(group.getJsonObject("shipment").getString("trackingNumber")).isEqualTo("JD0001");
    // a shipped order can no longer be cancelled, not even by an admin
    status(shop.app.api.delete("/orders/" + id, shop.admin()), 409);
    status(shop.app.api.put("/orders/" + id, a.token(), new JsonObject().put("status", "delivered")), 200);
    status(shop.app.api.put("/orders/" + id, b.token(), new JsonObject().put("status", "delivered")), 200);
    assertThat(shop.read(customer, id).getString("status")).isEqualTo("delivered");
  }

  @Test
  void outOfStockReservesNothingAndPlacesNothing() {
    Shop.Seller a = shop.seller();
    String plenty = shop.product(a, "Plenty", 100, 50);
    String scarce = shop.product(a, "Scarce", 100, 1);
    String customer = shop.customer();
    HttpResponse<Buffer> refused = shop.place(customer, order(line(plenty, 5), line(scarce, 2)), null);
    status(refused, 409);
    assertThat(refused.bodyAsJsonObject().getString("type")).endsWith("out-of-stock");
    assertThat(refused.bodyAsString()).contains("/lines/1");
    assertThat(shop.stock(plenty)).containsExactly(50, 0);
    assertThat(shop.app.api.get("/orders", customer).bodyAsJsonObject().getJsonArray("items")).isEmpty();
  }

  @Test
  void rejectsBadOrders() {
    String customer = shop.customer();
    status(shop.place(customer, new JsonObject().put("lines", new JsonArray()).put("shippingAddress", Shop.address()),
        null), 400);
    status(shop.place(customer, order(line("not-a-uuid", 1)), null), 400);
    Shop.Seller a = shop.seller();
    String p = shop.product(a, "Thing", 100, 5);
    status(shop.place(customer, order(line(p, 0)), null), 400);
    status(shop.place(customer, new JsonObject().put("lines", new JsonArray().add(line(p, 1))), null), 400);
    status(shop.place(customer, order(line(java.util.UUID.randomUUID().toString(), 1)), null), 409);
    status(shop.place(shop.token("company", a.id()), order(line(p, 1)), null), 403);
    status(shop.place(customer, new JsonObject().put("fromCart", true).put("shippingAddress", Shop.address()), null),
        409);
    assertThat(shop.stock(p)).containsExactly(5, 0);
  }

  @Test
  void ownerChangesAnUnpaidOrderAndCancelsAPaidOne() {
    Shop.Seller a = shop.seller();
    String cup = shop.product(a, "Cup", 300, 10);
    String mug = shop.product(a, "Mug", 500, 10);
    String customer = shop.customer();
    String id = shop.placed(customer, order(line(cup, 2))).getString("orderId");
    JsonObject changed = shop.app.api.put("/orders/" + id, customer, new JsonObject()
        .put("lines", new JsonArray().add(line(cup, 1)).add(line(mug, 3)))
        .put("shippingAddress", Shop.address().put("city", "Potsdam"))).bodyAsJsonObject();
    assertThat(changed.getJsonObject("total").getLong("amount")).isEqualTo(300 + 1500);
    assertThat(changed.getJsonObject("shippingAddress").getString("city")).isEqualTo("Potsdam");
    assertThat(shop.stock(cup)).containsExactly(10, 1);
    assertThat(shop.stock(mug)).containsExactly(10, 3);
    // more than there is: nothing changes
    status(shop.app.api.put("/orders/" + id, customer, new JsonObject()
        .put("lines", new JsonArray().add(line(mug, 11)))), 409);
    assertThat(shop.stock(mug)).containsExactly(10, 3);

    status(shop.pay(customer, id, "tok_visa", null), 201);
    shop.await(customer, id, "paid");
    Await.until("committed", Duration.ofSeconds(5), () -> shop.stock(mug)[0] == 7);
    status(shop.app.api.put("/orders/" + id, customer, new JsonObject().put("lines", new JsonArray()
        .add(line(cup, 1)))), 409);
    JsonObject cancelled = shop.app.api.delete("/orders/" + id, customer).bodyAsJsonObject();
    assertThat(cancelled.getString("status")).isEqualTo("cancelled");
    // stock back on hand (inventory follows the cancelled event), the capture refunded through it
    Await.until("stock returned", Duration.ofSeconds(10), () -> shop.stock(mug)[0] == 10 && shop.stock(mug)[1] == 0);
    Await.until("refunded", Duration.ofSeconds(10), () -> shop.read(customer, id).getJsonObject("payment")
        .getJsonObject("refunded").getLong("amount") == 1800);
    assertThat(shop.app.db.count("SELECT refunded FROM payment.payments WHERE order_id = '" + id + "'"))
        .isEqualTo(1800);
    assertThat(shop.read(customer, id).getString("status")).isEqualTo("cancelled");
    // cancelling again changes nothing
    status(shop.app.api.delete("/orders/" + id, customer), 200);
  }

  @Test
  void aDeclinedPaymentLeavesTheOrderPayable() {
    Shop.Seller a = shop.seller();
    String p = shop.product(a, "Lamp", 4200, 3);
    String customer = shop.customer();
    String id = shop.placed(customer, order(line(p, 1))).getString("orderId");
    status(shop.pay(customer, id, "tok_declined", null), 201);
    shop.await(customer, id, "payment_failed");
    status(shop.pay(customer, id, "tok_visa", null), 201);
    shop.await(customer, id, "paid");
  }

  @Test
  void anExpiredReservationCancelsTheUnpaidOrder() {
    Shop.Seller a = shop.seller();
    String p = shop.product(a, "Kettle", 2500, 4);
    String customer = shop.customer();
    String id = shop.placed(customer, order(line(p, 3))).getString("orderId");
    shop.app.db.execute("UPDATE inventory.reservations SET expires_at = now() WHERE order_id = '" + id + "'");
    JsonObject cancelled = shop.await(customer, id, "cancelled");
    assertThat(cancelled.getString("cancelReason")).isEqualTo("reservation-expired");
    assertThat(shop.stock(p)).containsExactly(4, 0);
    status(shop.pay(customer, id, "tok_visa", null), 409);
  }

  @Test
  void aReservationThatExpiredBeforeThePaidEventReachedInventoryCancelsAndRefundsThePaidOrder() {
    Shop.Seller a = shop.seller();
    String p = shop.product(a, "Teapot", 3100, 5);
    String customer = shop.customer();
    String id = shop.placed(customer, order(line(p, 2))).getString("orderId");
    status(shop.pay(customer, id, "tok_visa", null), 201);
    shop.await(customer, id, "paid");
    Await.until("stock committed", Duration.ofSeconds(10), () -> shop.stock(p)[0] == 3 && shop.stock(p)[1] == 0);
    // The race's other half: the sweeper expired the reservation first, so its event (never
    // written for a committed reservation) reaches the paid order. Delivered as the relay would.
    JsonObject event = new JsonObject().put("specversion", "1.0").put("id", UUID.randomUUID().toString())
        .put("type", "mercato.inventory.reservation-expired.v1").put("source", "/mercato/inventory")
        .put("subject", id).put("time", "2026-01-01T00:00:00Z").put("data", new JsonObject().put("orderId", id));
    JsonObject handled = Await.result(shop.app.node.vertx().eventBus().<JsonObject>request("mercato.order.inbox",
        event)).body();
    assertThat(handled.getBoolean("handled")).isTrue();
    JsonObject cancelled = shop.await(customer, id, "cancelled");
    assertThat(cancelled.getString("cancelReason")).isEqualTo("reservation-expired");
    Await.until("refunded", Duration.ofSeconds(10), () -> shop.app.db.count(
        "SELECT refunded FROM payment.payments WHERE order_id = '" + id + "'") == 6200);
    // here the reservation had been committed after all: order.cancelled puts its units back, once
    Await.until("stock returned", Duration.ofSeconds(10), () -> shop.stock(p)[0] == 5 && shop.stock(p)[1] == 0);
    assertThat(shop.app.db.count("SELECT count(*) FROM inventory.movements WHERE correlation_id = '" + id
        + "' AND reason = 'return'")).isEqualTo(1);
  }

  @Test
  void aBatchPlacesEachOrderOnItsOwn() {
    Shop.Seller a = shop.seller();
    String p = shop.product(a, "Sock", 199, 3);
    String customer = shop.customer();
    JsonObject batch = new JsonObject().put("orders", new JsonArray()
        .add(order(line(p, 2))).add(order(line(p, 2))).add(new JsonObject().put("lines", "nope")));
    HttpResponse<Buffer> answer = shop.place(customer, batch, null);
    status(answer, 200);
    List<Integer> statuses = answer.bodyAsJsonObject().getJsonArray("results").stream()
        .map(r -> ((JsonObject) r).getInteger("status")).toList();
    assertThat(statuses).containsExactly(201, 409, 400);
    assertThat(shop.stock(p)).containsExactly(3, 2);
  }

  @Test
  void placesFromTheCartAndEmptiesIt() {
    Shop.Seller a = shop.seller();
    String p = shop.product(a, "Hat", 1500, 5);
    String customer = shop.customer();
    status(shop.app.api.post("/cart/add", customer, line(p, 2)), 200);
    JsonObject placed = shop.placed(customer, new JsonObject().put("fromCart", true)
        .put("shippingAddress", Shop.address()));
    assertThat(placed.getJsonObject("total").getLong("amount")).isEqualTo(3000);
    Await.until("cart emptied", Duration.ofSeconds(10), () -> shop.app.api.get("/cart", customer).bodyAsJsonObject()
        .getJsonArray("lines").isEmpty());
  }
}
