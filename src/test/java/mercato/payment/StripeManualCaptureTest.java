package mercato.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static mercato.payment.StripeStandIn.inScenario;
import static mercato.payment.StripeStandIn.intent;
import static mercato.payment.StripeStandIn.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import mercato.testing.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Stripe with {@code captureMethod: manual}: the create authorises ({@code requires_capture})
 * and Mercato captures at once through {@code /capture}; after 3-D Secure, Stripe's
 * {@code amount_capturable_updated} event hands the authorisation to the reconciler, which
 * captures it; a capture whose answer is lost leaves the payment unknown until Stripe says.
 */
class StripeManualCaptureTest {
  static StripeShop shop;
  static StripeStandIn stripe;

  @BeforeAll
  static void start() {
    shop = new StripeShop(Map.of("payment.stripe.captureMethod", "manual"));
    stripe = shop.stripe;
  }

  @AfterAll
  static void stop() {
    if (shop != null) {
      shop.close();
    }
  }

  private List<LoggedRequest> captures(String pi) {
    return stripe.server.findAll(postRequestedFor(urlPathEqualTo("/v1/payment_intents/" + pi + "/capture")));
  }

  @Test
  void anAuthorisationIsCapturedAtOnceForTheWholeAmount() {
    StripeShop.Shopper ana = shop.shopper();
    UUID order = shop.newOrder(ana, 6400);
    String pi = StripeShop.intentId();
    stripe.server.stubFor(stripe.create(order).withFormParam("capture_method", equalTo("manual"))
        .willReturn(json(200, intent(pi, "requires_capture", 6400, "eur", null, order, "manual"))));
    stripe.server.stubFor(stripe.capture(pi).withFormParam("amount_to_capture", equalTo("6400"))
        .willReturn(json(200, intent(pi, "succeeded", 6400, "eur", null, order, "manual"))));
    HttpResponse<Buffer> paid = shop.pay(ana, order, "pm_card_visa", null);
    assertThat(paid.statusCode()).as(paid.bodyAsString()).isEqualTo(201);
    assertThat(paid.bodyAsJsonObject().getString("status")).isEqualTo("captured");
    String paymentId = paid.bodyAsJsonObject().getString("paymentId");
    assertThat(shop.kinds(paymentId)).containsExactly("authorization", "capture");
    assertThat(shop.events("captured", order)).isEqualTo(1);
    List<LoggedRequest> captures = captures(pi);
    assertThat(captures).hasSize(1);
    assertThat(captures.get(0).getHeader("Idempotency-Key")).isEqualTo("mercato-" + paymentId + "-capture");
    assertThat(StripeShop.form(captures.get(0), "amount_to_capture")).isEqualTo("6400");
  }

  @Test
  void afterThreeDSecureTheReconcilerCapturesWhatStripeAuthorised() {
    StripeShop.Shopper ben = shop.shopper();
    UUID order = shop.newOrder(ben, 1500);
    String pi = StripeShop.intentId();
    stripe.server.stubFor(stripe.create(order).willReturn(json(200,
        StripeStandIn.requiresAction(pi, 1500, "eur", null, order, "https://hooks.stripe.com/redirect/z")
            .put("capture_method", "manual"))));
    String scenario = "authenticated-" + order;
    stripe.server.stubFor(inScenario(stripe.retrieve(pi), scenario, null, null).willReturn(json(200,
        StripeStandIn.requiresAction(pi, 1500, "eur", null, order, "https://hooks.stripe.com/redirect/z")
            .put("capture_method", "manual"))));
    stripe.server.stubFor(inScenario(stripe.retrieve(pi), scenario, "authorised", null).willReturn(json(200,
        intent(pi, "requires_capture", 1500, "eur", null, order, "manual"))));
    stripe.server.stubFor(stripe.capture(pi).willReturn(json(200, intent(pi, "succeeded", 1500, "eur", null, order,
        "manual"))));
    String paymentId = shop.pay(ben, order, "pm_card_threeDSecure2Required", null).bodyAsJsonObject()
        .getString("paymentId");
    assertThat(shop.status(paymentId)).isEqualTo("pending");
    assertThat(captures(pi)).isEmpty();

    // the customer authenticated: Stripe holds the amount and says so
    stripe.server.setScenarioState(scenario, "authorised");
    HttpResponse<Buffer> delivered = shop.deliver(StripeStandIn.event(
        StripeShop.eventId(), "payment_intent.amount_capturable_updated",
        intent(pi, "requires_capture", 1500, "eur", UUID.fromString(paymentId), order, "manual")));
    assertThat(delivered.statusCode()).as(delivered.bodyAsString()).isEqualTo(200);
    Await.until("the reconciler captures", Duration.ofSeconds(10),
        () -> shop.status(paymentId).equals("captured"));
    assertThat(captures(pi)).hasSize(1);
    assertThat(shop.kinds(paymentId)).containsExactly("authorization", "capture");
    assertThat(shop.events("captured", order)).isEqualTo(1);
    assertThat(shop.checks(paymentId)).isZero();
  }

  @Test
  void aCaptureWhoseAnswerIsLostIsUnknownUntilStripeShowsItCaptured() {
    StripeShop.Shopper cat = shop.shopper();
    UUID order = shop.newOrder(cat, 2750);
    String pi = StripeShop.intentId();
    stripe.server.stubFor(stripe.create(order).willReturn(json(200,
        intent(pi, "requires_capture", 2750, "eur", null, order, "manual"))));
    stripe.server.stubFor(stripe.capture(pi).willReturn(json(502, new JsonObject()
        .put("error", new JsonObject().put("type", "api_error").put("message", "Bad gateway")))));
    String scenario = "captured-late-" + order;
    stripe.server.stubFor(inScenario(stripe.retrieve(pi), scenario, null, null).willReturn(json(503, new JsonObject()
        .put("error", new JsonObject().put("type", "api_error").put("message", "Service unavailable")))));
    stripe.server.stubFor(inScenario(stripe.retrieve(pi), scenario, "known", null).willReturn(json(200,
        intent(pi, "succeeded", 2750, "eur", null, order, "manual"))));
    HttpResponse<Buffer> answer = shop.pay(cat, order, "pm_card_visa", null);
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(502);
    String paymentId = answer.bodyAsJsonObject().getString("paymentId");
    assertThat(shop.status(paymentId)).isEqualTo("unknown");
    assertThat(shop.column("gateway_reference", paymentId)).isEqualTo(pi);
    assertThat(shop.events("authorized", order) + shop.events("captured", order)).isZero();
    stripe.server.setScenarioState(scenario, "known");
    Await.until("the reconciler settles", Duration.ofSeconds(10),
        () -> shop.status(paymentId).equals("captured"));
    assertThat(shop.kinds(paymentId)).containsExactly("authorization", "capture");
    assertThat(shop.events("captured", order)).isEqualTo(1);
  }
}
