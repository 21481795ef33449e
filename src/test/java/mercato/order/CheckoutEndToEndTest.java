package mercato.order;

import static mercato.order.Shop.line;
import static mercato.order.Shop.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mercato.auth.AuthDomain;
import mercato.cart.CartDomain;
import mercato.catalog.CatalogDomain;
import mercato.email.EmailDomain;
import mercato.inventory.InventoryDomain;
import mercato.payment.PaymentDomain;
import mercato.platform.webhooks.WebhookSignature;
import mercato.profile.ProfileDomain;
import mercato.testing.Await;
import mercato.testing.GreenMailApi;
import mercato.testing.KafkaRecords;
import mercato.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The checkout as a customer lives it, over HTTP against PostgreSQL, Redis, Kafka and the
 * SMTP server: register, verify the address from the mail, sign in, fill the cart, place,
 * pay at once and through the gateway's signed webhook; stock committed, the confirmation
 * mailed, the placed/paid/captured CloudEvents on the Kafka topics.
 */
class CheckoutEndToEndTest {
  static final Pattern VERIFY = Pattern.compile("https://shop\\.example/verify-email\\?token=(\\S+)");
  static Shop shop;

  @BeforeAll
  static void start() {
    shop = new Shop(TestNode.of(AuthDomain.domain(), ProfileDomain.domain(), EmailDomain.domain(),
            CatalogDomain.domain(), InventoryDomain.domain(), CartDomain.domain(), OrderDomain.domain(),
            PaymentDomain.domain())
        .quickAuth().requiring("postgres", "redis", "kafka", "smtp")
        .set("kafka.enabled", "true")
        .set("roles", "http,kafka,auth,profile,email,catalog,inventory,cart,order,payment")
        .set("email.sweepMs", "100").set("email.linkBase", "https://shop.example"));
  }

  @AfterAll
  static void stop() {
    if (shop != null) {
      shop.close();
    }
  }

  /** A registered customer whose address is verified through the mailed link; its access token. */
  static String verifiedCustomer(String email) {
    status(shop.app.api.post("/auth/register", null, new JsonObject().put("email", email)
        .put("password", "correct horse battery staple").put("name", "Cleo")), 201);
    GreenMailApi.Mail mail = GreenMailApi.await(email, 1, Duration.ofSeconds(20)).get(0);
    Matcher link = VERIFY.matcher(mail.text());
    assertThat(link.find()).as(mail.text()).isTrue();
    status(shop.app.api.post("/auth/verify-email", null, new JsonObject()
        .put("token", URLDecoder.decode(link.group(1), StandardCharsets.UTF_8))), 200);
    HttpResponse<Buffer> login = shop.app.api.post("/auth/login", null, new JsonObject().put("email", email)
        .put("password", "correct horse battery staple"));
    status(login, 200);
    return login.bodyAsJsonObject().getString("accessToken");
  }

  @Test
  void registerVerifyCartPlacePayAndMail() {
    String email = "cleo-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    String customer = verifiedCustomer(email);
    Shop.Seller seller = shop.seller();
    String book = shop.product(seller, "Field Guide", 2450, 5);

    status(shop.app.api.post("/cart/add", customer, line(book, 2)), 200);
    JsonObject placed = shop.placed(customer, new JsonObject().put("fromCart", true)
        .put("shippingAddress", Shop.address()));
    String orderId = placed.getString("orderId");
    assertThat(placed.getJsonObject("total").getLong("amount")).isEqualTo(4900);
    assertThat(shop.stock(book)).containsExactly(5, 2);

    status(shop.pay(customer, orderId, "tok_visa", "pay-" + orderId), 201);
    shop.await(customer, orderId, "paid");
    Await.until("stock committed", Duration.ofSeconds(10), () -> shop.stock(book)[0] == 3 && shop.stock(book)[1] == 0);

    List<GreenMailApi.Mail> mails = GreenMailApi.await(email, 3, Duration.ofSeconds(20));
    GreenMailApi.Mail confirmation = mails.stream().filter(m -> m.subject().contains(orderId)).findFirst().orElseThrow();
    assertThat(confirmation.text()).contains("2 x Field Guide: 49.00 EUR").contains("Total: 49.00 EUR");

    List<KafkaRecords.Received> orders = KafkaRecords.read("mercato.order.events", r -> orderId.equals(r.key()),
        seen -> seen.stream().map(r -> r.value().getString("type")).toList()
            .containsAll(List.of("mercato.order.placed.v1", "mercato.order.paid.v1")), Duration.ofSeconds(30));
    assertThat(orders.stream().map(r -> r.value().getString("type")).toList())
        .containsSubsequence("mercato.order.placed.v1", "mercato.order.paid.v1");
    assertThat(orders.get(0).value().getString("specversion")).isEqualTo("1.0");
    KafkaRecords.read("mercato.payment.events", r -> orderId.equals(r.key()),
        seen -> seen.stream().anyMatch(r -> r.value().getString("type").equals("mercato.payment.captured.v1")),
        Duration.ofSeconds(30));

    // the seller ships, an admin refunds part: the customer gets a mail for each
    status(shop.app.api.put("/orders/" + orderId, seller.token(), new JsonObject().put("status", "shipped")
        .put("carrier", "DHL").put("trackingNumber", "JD0042")), 200);
    String paymentId = shop.app.db.column("SELECT id FROM payment.payments WHERE order_id = '" + orderId + "'").get(0);
    status(shop.app.api.post("/payment/refund", shop.admin(), new JsonObject().put("paymentId", paymentId)
        .put("amount", new JsonObject().put("amount", 1250).put("currency", "EUR"))), 200);
    List<GreenMailApi.Mail> later = GreenMailApi.await(email, 5, Duration.ofSeconds(20));
    assertThat(later.stream().map(GreenMailApi.Mail::text).toList())
        .anySatisfy(text -> assertThat(text).contains("has shipped with DHL").contains("JD0042"))
        .anySatisfy(text -> assertThat(text).contains("We have refunded 12.50 EUR"));
  }

  @Test
  void anAsynchronousPaymentIsConfirmedBySignedWebhookOnly() {
    String customer = shop.customer();
    Shop.Seller seller = shop.seller();
    String lamp = shop.product(seller, "Lamp", 3900, 2);
    String orderId = shop.placed(customer, Shop.order(line(lamp, 1))).getString("orderId");
    JsonObject pending = shop.pay(customer, orderId, "tok_async", null).bodyAsJsonObject();
    assertThat(pending.getString("status")).isEqualTo("pending");
    String reference = shop.app.db.column("SELECT gateway_reference FROM payment.payments WHERE id = '"
        + pending.getString("paymentId") + "'").get(0);
    String body = new JsonObject().put("type", "payment.succeeded")
        .put("data", new JsonObject().put("gatewayReference", reference)).encode();
    long now = System.currentTimeMillis() / 1000;

    String forged = WebhookSignature.sign("whsec_" + java.util.Base64.getEncoder().encodeToString("another-secret-of-32-bytes-long!!".getBytes(StandardCharsets.UTF_8)),
        "msg_1", now, body);
    assertThat(webhook("msg_1", now, body, forged).statusCode()).isEqualTo(401);
    assertThat(webhook("msg_2", now - 600, body, WebhookSignature.sign(Shop.SECRET, "msg_2", now - 600, body))
        .statusCode()).isEqualTo(401);
    assertThat(shop.read(customer, orderId).getString("status")).isEqualTo("pending_payment");
    assertThat(shop.stock(lamp)).containsExactly(2, 1);

    status(webhook("msg_3", now, body, WebhookSignature.sign(Shop.SECRET, "msg_3", now, body)), 200);
    shop.await(customer, orderId, "paid");
    Await.until("stock committed", Duration.ofSeconds(10), () -> shop.stock(lamp)[0] == 1 && shop.stock(lamp)[1] == 0);
  }

  static HttpResponse<Buffer> webhook(String id, long timestamp, String body, String signature) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json")
        .add("webhook-id", id).add("webhook-timestamp", Long.toString(timestamp)).add("webhook-signature", signature);
    return shop.app.api.http().send(HttpMethod.POST, "/payments/webhook/test", headers, Buffer.buffer(body));
  }
}
