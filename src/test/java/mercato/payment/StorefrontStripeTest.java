package mercato.payment;

import static mercato.payment.StripeStandIn.intent;
import static mercato.payment.StripeStandIn.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import mercato.testing.Browser;
import mercato.testing.WebNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The storefront paying with Stripe in a real headless Chromium: a whole node whose default
 * gateway is Stripe, against the Stripe API stand-in (WireMock) and a stand-in of Stripe.js
 * served on this suite's ports ({@link StripeJsStandIn}). The card is typed into the Stripe.js
 * field and becomes a PaymentMethod there; Mercato only ever sees the {@code pm_} id. Covered:
 * a card paid at once, a card that needs 3-D Secure and passes it, one that fails it (the
 * payment ends failed and the form offers another try), a mistyped card refused by Stripe.js
 * and a card the bank declines. Each asserts what the shopper sees and the payment the API reads.
 */
class StorefrontStripeTest {
  static StripeStandIn stripe;
  static StripeJsStandIn stripeJs;
  static WebNode web;
  static Browser browser;

  @BeforeAll
  static void start() {
    stripe = new StripeStandIn();
    Map<String, String> settings = new HashMap<>(stripe.settings(5_000, 60_000));
    // The Stripe.js stand-in needs the node's port for its events, and the node its address:
    // the node is told the address of the range's first free port, which the stand-in then binds.
    stripeJs = new StripeJsStandIn(stripe, () -> web.app.node.httpPort());
    settings.putAll(stripeJs.settings());
    web = WebNode.start(settings);
    browser = Browser.open(web.base, Browser.Size.DESKTOP);
  }

  @AfterAll
  static void stop() {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      try {
        if (web != null) {
          web.close();
        }
      } finally {
        stripeJs.close();
        stripe.close();
      }
    }
  }

  static By css(String selector) {
    return By.cssSelector(selector);
  }

  /** A signed-in customer with an order of one mug awaiting payment, on its order page's payment form. */
  record Visit(String token, UUID order) {}

  static Visit orderPageOfNewCustomer() {
    String token = web.token("customer", UUID.randomUUID().toString());
    UUID order = UUID.fromString(web.placeOrder(token, web.demo.product("Stoneware Mug"), 1));
    browser.go("/");
    browser.script("localStorage.setItem('mercato.session', JSON.stringify({accessToken: arguments[0],"
        + " refreshToken: null, expiresAt: Date.now() + 3600000}));", token);
    browser.go("/orders/" + order + "?pay=1");
    browser.visible(css("#payment-form #card-element input"));
    return new Visit(token, order);
  }

  static void pay(String card) {
    browser.type(css("#card-element input"), card);
    browser.click(css("#pay"));
  }

  /** The payment Mercato made for the order, as its owner reads it from the API. */
  static JsonObject payment(Visit visit) {
    String id = StripeShop.form(stripe.creates(visit.order()).get(0), "metadata[payment_id]");
    return web.ok(web.app.api.get("/payments/" + id, visit.token()));
  }

  /** Completes or fails the bank's 3-D Secure page Stripe.js shows over the form. */
  static void threeDSecure(String button) {
    WebElement frame = browser.visible(css("#stand-in-3ds iframe"));
    browser.driver().switchTo().frame(frame);
    try {
      browser.click(css(button));
    } finally {
      browser.driver().switchTo().defaultContent();
    }
  }

  @Test
  void aCardIsPaidAtOnceAndOnlyItsPaymentMethodReachesMercato() {
    Visit visit = orderPageOfNewCustomer();
    browser.check("stripe-01-card-form");
    String pi = StripeShop.intentId();
    stripe.server.stubFor(stripe.create(visit.order()).willReturn(json(200,
        intent(pi, "succeeded", 1450, "eur", null, visit.order(), "automatic"))));
    pay(StripeJsStandIn.VISA);
    browser.until("the order to turn paid", d -> !d.findElements(css("#order-status [data-status=paid]")).isEmpty());

    JsonObject payment = payment(visit);
    assertThat(payment.getString("gateway")).isEqualTo("stripe");
    assertThat(payment.getString("status")).isEqualTo("captured");
    assertThat(payment.getJsonObject("captured").getLong("amount")).isEqualTo(1450);
    assertThat(StripeShop.form(stripe.creates(visit.order()).get(0), "payment_method"))
        .isEqualTo(StripeJsStandIn.PAYMENT_METHODS.get(StripeJsStandIn.VISA));
    assertThat(stripe.creates(visit.order()).get(0).getBodyAsString()).doesNotContain(StripeJsStandIn.VISA);
  }

  @Test
  void aCardThatNeedsThreeDSecurePassesItAndThePageShowsTheServersOutcome() {
    Visit visit = orderPageOfNewCustomer();
    String pi = StripeShop.intentId();
    stripe.server.stubFor(stripe.create(visit.order()).willReturn(json(200, StripeStandIn.requiresAction(pi, 1450,
        "eur", null, visit.order(), stripeJs.origin + "/3ds/" + pi))));
    stripeJs.awaitsThreeDSecure(pi, visit.order(), 1450);
    pay(StripeJsStandIn.THREE_D_SECURE);
    browser.visible(css("#stand-in-3ds iframe"));
    browser.withText(css("#payment-outcome"), "Confirming the payment with your bank");

    // While the bank asks, the payment is pending; its client secret is its owner's alone.
    JsonObject pending = payment(visit);
    assertThat(pending.getString("status")).isEqualTo("pending");
    assertThat(pending.getJsonObject("nextAction").getString("clientSecret")).startsWith(pi + "_secret_");
    JsonObject asAdmin = web.ok(web.app.api.get("/payments/" + pending.getString("paymentId"), web.demo.adminToken()));
    assertThat(asAdmin.getJsonObject("nextAction").containsKey("clientSecret")).isFalse();
    browser.check("stripe-02-three-d-secure");

    threeDSecure("#complete");
    browser.until("the order to turn paid", d -> !d.findElements(css("#order-status [data-status=paid]")).isEmpty());
    JsonObject payment = payment(visit);
    assertThat(payment.getString("status")).isEqualTo("captured");
    assertThat(payment.getValue("nextAction")).isNull();
    assertThat(payment.getJsonArray("transactions").stream().map(t -> ((JsonObject) t).getString("kind")).toList())
        .containsExactly("authorization", "capture");
  }

  @Test
  void aFailedThreeDSecureEndsThePaymentFailedAndTheFormOffersAnotherTry() {
    Visit visit = orderPageOfNewCustomer();
    String pi = StripeShop.intentId();
    stripe.server.stubFor(stripe.create(visit.order()).willReturn(json(200, StripeStandIn.requiresAction(pi, 1450,
        "eur", null, visit.order(), stripeJs.origin + "/3ds/" + pi))));
    stripeJs.awaitsThreeDSecure(pi, visit.order(), 1450);
    pay(StripeJsStandIn.THREE_D_SECURE);
    threeDSecure("#fail");

    browser.withText(css("#payment-outcome [role=alert]"), "3-D Secure was not completed");
    browser.withText(css("#order-status"), "Payment failed");
    assertThat(browser.visible(css("#pay")).isEnabled()).isTrue();
    browser.visible(css("#card-element input"));
    browser.check("stripe-03-three-d-secure-failed");
    JsonObject payment = payment(visit);
    assertThat(payment.getString("status")).isEqualTo("failed");
    assertThat(payment.getString("failureReason")).isEqualTo("payment_intent_authentication_failure");

    // ... and another try with another card pays the order.
    String again = StripeShop.intentId();
    stripe.server.stubFor(stripe.create(visit.order()).willReturn(json(200,
        intent(again, "succeeded", 1450, "eur", null, visit.order(), "automatic"))));
    pay(StripeJsStandIn.VISA);
    browser.until("the order to turn paid", d -> !d.findElements(css("#order-status [data-status=paid]")).isEmpty());
    assertThat(stripe.creates(visit.order())).hasSize(2);
    assertThat(StripeShop.form(stripe.creates(visit.order()).get(1), "metadata[payment_id]"))
        .isNotEqualTo(payment.getString("paymentId"));
  }

  @Test
  void aMistypedCardIsRefusedInTheFormAndADeclinedOneIsSaidInWords() {
    Visit visit = orderPageOfNewCustomer();
    pay(StripeJsStandIn.MISTYPED);
    browser.withText(css("#card-errors[role=alert]"), "Your card number is incorrect.");
    assertThat(stripe.creates(visit.order())).isEmpty(); // nothing was sent to Mercato

    String pi = StripeShop.intentId();
    stripe.server.stubFor(stripe.create(visit.order()).willReturn(json(402, StripeStandIn.cardError("card_declined",
        "generic_decline", "Your card was declined.", intent(pi, "requires_payment_method", 1450, "eur", null,
            visit.order(), "automatic")))));
    pay(StripeJsStandIn.DECLINED);
    browser.withText(css("#payment-outcome [role=alert]"), "Your card was declined");
    browser.until("the card error cleared", d -> d.findElement(css("#card-errors")).getText().isEmpty());
    browser.withText(css("#order-status"), "Payment failed");
    browser.check("stripe-04-declined");
    List<com.github.tomakehurst.wiremock.verification.LoggedRequest> creates = stripe.creates(visit.order());
    assertThat(creates).hasSize(1);
    assertThat(StripeShop.form(creates.get(0), "payment_method"))
        .isEqualTo(StripeJsStandIn.PAYMENT_METHODS.get(StripeJsStandIn.DECLINED));
    JsonObject payment = payment(visit);
    assertThat(payment.getString("status")).isEqualTo("failed");
    assertThat(payment.getString("failureReason")).isEqualTo("generic_decline");
  }

  @Test
  void theStorefrontIsToldOfStripeAndItsPageAllowsStripeJsOriginOnly() {
    JsonObject gateways = web.ok(web.app.api.get("/payments/gateways", null));
    assertThat(gateways.getString("defaultGateway")).isEqualTo("stripe");
    JsonObject entry = gateways.getJsonArray("gateways").stream().map(JsonObject.class::cast)
        .filter(g -> g.getString("name").equals("stripe")).findFirst().orElseThrow();
    assertThat(entry.getString("publishableKey")).isEqualTo(StripeJsStandIn.PUBLISHABLE_KEY);
    assertThat(entry.getString("jsUrl")).isEqualTo(stripeJs.origin + "/v3/");
    assertThat(entry.encode()).doesNotContain("sk_").doesNotContain("whsec_");
    String csp = web.app.api.http().send(io.vertx.core.http.HttpMethod.GET, "/",
        io.vertx.core.MultiMap.caseInsensitiveMultiMap().add("Accept", "text/html"), null)
        .getHeader("Content-Security-Policy");
    assertThat(csp).contains("script-src 'self' " + stripeJs.origin + ";")
        .contains("frame-src " + stripeJs.origin + ";")
        .contains("connect-src 'self' " + stripe.server.baseUrl() + ";")
        .doesNotContain("*").doesNotContain("unsafe");
  }
}
