package mercato.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import mercato.testing.Await;
import mercato.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The test gateway confirms a tok_async payment by itself, through its signed webhook. */
class AsyncConfirmationTest {
  static TestNode app;

  @BeforeAll
  static void start() {
    app = TestNode.of(PaymentDomain.domain()).withKeys().set("payment.asyncConfirmMs", "200").start();
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void pendingBecomesCapturedOnce() {
    UUID account = UUID.randomUUID();
    UUID order = UUID.randomUUID();
    JsonObject stored = new JsonObject().put("orderId", order.toString()).put("accountId", account.toString())
        .put("status", "pending_payment").put("total", new JsonObject().put("amount", 900).put("currency", "EUR"))
        .put("groups", new JsonArray());
    Await.result(app.node.vertx().eventBus().<JsonObject>consumer("mercato.order.get-order-for-payment",
        message -> message.reply(stored)).completion());
    String token = app.tokens.sign(new JsonObject().put("sub", account.toString()).put("typ", "customer")
        .put("roles", new JsonArray()).put("email_verified", true), 600);
    JsonObject answer = app.api.post("/payments", token, new JsonObject().put("orderId", order.toString())
        .put("paymentMethod", new JsonObject().put("type", "card").put("token", "tok_async"))).bodyAsJsonObject();
    assertThat(answer.getString("status")).isEqualTo("pending");
    Await.until("the gateway's own webhook captures", Duration.ofSeconds(5), () -> app.db.column(
        "SELECT status FROM payment.payments WHERE id = '" + answer.getString("paymentId") + "'").contains("captured"));
    assertThat(app.db.count("SELECT count(*) FROM payment.outbox WHERE type = 'mercato.payment.captured.v1'"))
        .isEqualTo(1);
    assertThat(app.db.count("SELECT count(*) FROM payment.webhook_deliveries")).isEqualTo(1);
  }
}
