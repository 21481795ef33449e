package mercato.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static mercato.payment.PayPalStandIn.json;
import static mercato.payment.PayPalStandIn.order;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PayPal's OAuth2 token on a node of its own (the tests count token requests): one token
 * serves every call while it lasts, one close to its expiry is not used, and a token PayPal
 * refuses (401) is replaced once, the call repeated with the same request id; credentials
 * PayPal refuses are a gateway not reached (503, nothing charged).
 */
class PayPalTokenTest {
  static PayPalStandIn paypal;
  static StripeShop shop;

  @BeforeAll
  static void start() {
    paypal = new PayPalStandIn();
    // The reconciler waits an hour: only the payments a test makes call PayPal, so their tokens can be counted.
    java.util.Map<String, String> settings = new java.util.HashMap<>(paypal.settings(StripeShop.TIMEOUT_MS, 3_600_000));
    settings.put("payment.stripe.reconcileMs", "3600000");
    shop = new StripeShop(settings);
  }

  @AfterAll
  static void stop() {
    if (shop != null) {
      shop.close();
    }
    if (paypal != null) {
      paypal.close();
    }
  }

  /** A checkout of a fresh order: one create at PayPal, answered pending. */
  List<LoggedRequest> checkout() {
    StripeShop.Shopper payer = shop.shopper();
    UUID order = shop.newOrder(payer, 1000);
    paypal.server.stubFor(paypal.create(order).willReturn(json(201,
        order(PayPalStandIn.orderId(), "PAYER_ACTION_REQUIRED", "10.00", "EUR", order, null))));
    HttpResponse<Buffer> paid = shop.pay(payer, new JsonObject().put("orderId", order.toString()).put("gateway", "paypal")
        .put("paymentMethod", new JsonObject().put("type", "paypal").put("token", PayPalGateway.CHECKOUT)), null);
    assertThat(paid.statusCode()).as(paid.bodyAsString()).isEqualTo(201);
    assertThat(paid.bodyAsJsonObject().getString("status")).isEqualTo("pending");
    return paypal.creates(order);
  }

  @Test
  void aTokenServesEveryCallUntilCloseToItsExpiryAndARefusedOneIsReplacedOnce() {
    // a token with less than a minute of life is never used for a new call
    paypal.issue("A21AAShortLivedToken", 30);
    int before = paypal.tokens().size();
    checkout();
    checkout();
    assertThat(paypal.tokens().size() - before).isEqualTo(2);

    // a token of hours serves every call
    paypal.issue("A21AALongLivedToken", 32_400);
    checkout();
    int asked = paypal.tokens().size();
    List<LoggedRequest> creates = checkout();
    checkout();
    assertThat(paypal.tokens().size()).isEqualTo(asked);
    assertThat(creates.get(0).getHeader("Authorization")).isEqualTo("Bearer A21AALongLivedToken");
    assertThat(paypal.tokens().get(0).getHeader("Authorization")).startsWith("Basic ");

    // PayPal revokes it: the call is refused once, a new token is fetched, the call repeated
    paypal.server.stubFor(post(urlPathEqualTo("/v2/checkout/orders")).atPriority(1)
        .withHeader("Authorization", equalTo("Bearer A21AALongLivedToken"))
        .willReturn(json(401, new JsonObject().put("error", "invalid_token")
            .put("error_description", "Token signature verification failed"))));
    paypal.issue("A21AARenewedToken", 32_400);
    List<LoggedRequest> retried = checkout();
    assertThat(retried).hasSize(2);
    assertThat(retried.get(0).getHeader("Authorization")).isEqualTo("Bearer A21AALongLivedToken");
    assertThat(retried.get(1).getHeader("Authorization")).isEqualTo("Bearer A21AARenewedToken");
    assertThat(retried.get(1).getHeader("PayPal-Request-Id")).isEqualTo(retried.get(0).getHeader("PayPal-Request-Id"));
    assertThat(paypal.tokens().size()).isEqualTo(asked + 1);
    checkout();
    assertThat(paypal.tokens().size()).isEqualTo(asked + 1);

    // PayPal refuses that token too, and then the client credentials: not reached, nothing charged
    paypal.server.stubFor(post(urlPathEqualTo("/v2/checkout/orders")).atPriority(1)
        .withHeader("Authorization", equalTo("Bearer A21AARenewedToken"))
        .willReturn(json(401, new JsonObject().put("error", "invalid_token"))));
    paypal.server.stubFor(post(urlPathEqualTo("/v1/oauth2/token")).atPriority(1)
        .willReturn(json(401, new JsonObject().put("error", "invalid_client")
            .put("error_description", "Client Authentication failed"))));
    StripeShop.Shopper payer = shop.shopper();
    UUID order = shop.newOrder(payer, 1000);
    HttpResponse<Buffer> refused = shop.pay(payer, new JsonObject().put("orderId", order.toString())
        .put("gateway", "paypal")
        .put("paymentMethod", new JsonObject().put("type", "paypal").put("token", PayPalGateway.CHECKOUT)), null);
    assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(503);
    assertThat(refused.bodyAsJsonObject().getString("type")).isEqualTo("/problems/gateway-unavailable");
    assertThat(paypal.creates(order)).as("refused once, not repeated without a new token").hasSize(1);
    assertThat(shop.events("failed", order) + shop.events("captured", order)).isZero();
  }
}
