package mercato.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
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
 * Payments through Stripe (automatic capture) on a whole node with its real database, Stripe's
 * API played by a WireMock stand-in answering with Stripe's documented JSON: approvals,
 * declines, 3-D Secure completed by a signed webhook, answers lost to a timeout, a 5xx or a
 * malformed body (unknown, then settled by the reconciler from what Stripe says), webhook
 * signatures, duplicates and late events, and refunds capped by the capture.
 */
class StripeGatewayTest {
  static StripeShop shop;
  static StripeStandIn stripe;

  @BeforeAll
  static void start() {
    shop = new StripeShop(Map.of());
    stripe = shop.stripe;
  }

  @AfterAll
  static void stop() {
    if (shop != null) {
      shop.close();
    }
  }

  // ---- the tests

  @Test
  void anApprovedCardIsAuthorisedAndCapturedInOneCall() {
    StripeShop.Shopper ada = shop.shopper();
    UUID order = shop.newOrder(ada, 2599);
    String[] paid = shop.captured(ada, order, 2599);
    String paymentId = paid[0];

    assertThat(shop.column("gateway", paymentId)).isEqualTo("stripe");
    assertThat(shop.column("gateway_reference", paymentId)).isEqualTo(paid[1]);
    assertThat(shop.column("captured", paymentId)).isEqualTo("2599");
    assertThat(shop.kinds(paymentId)).containsExactly("authorization", "capture");
    assertThat(shop.events("authorized", order)).isEqualTo(1);
    assertThat(shop.events("captured", order)).isEqualTo(1);
    assertThat(shop.checks(paymentId)).isZero();

    List<LoggedRequest> creates = stripe.creates(order);
    assertThat(creates).hasSize(1);
    LoggedRequest create = creates.get(0);
    assertThat(create.getHeader("Authorization")).isEqualTo("Bearer " + StripeStandIn.SECRET_KEY);
    assertThat(create.getHeader("Idempotency-Key")).isEqualTo("mercato-" + paymentId + "-create");
    assertThat(create.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(StripeShop.form(create, "amount")).isEqualTo("2599");
    assertThat(StripeShop.form(create, "currency")).isEqualTo("eur");
    assertThat(StripeShop.form(create, "payment_method")).isEqualTo("pm_card_visa");
    assertThat(StripeShop.form(create, "payment_method_types[0]")).isEqualTo("card");
    assertThat(StripeShop.form(create, "confirm")).isEqualTo("true");
    assertThat(StripeShop.form(create, "capture_method")).isEqualTo("automatic");
    assertThat(StripeShop.form(create, "metadata[payment_id]")).isEqualTo(paymentId);
    assertThat(StripeShop.form(create, "metadata[order_id]")).isEqualTo(order.toString());
    assertThat(StripeShop.form(create, "return_url")).isEqualTo("http://127.0.0.1:8080/orders/" + order);

    // a second payment of a paid order is refused without asking Stripe
    assertThat(shop.pay(ada, order, "pm_card_visa", null).statusCode()).isEqualTo(409);
    assertThat(stripe.creates(order)).hasSize(1);
  }

  @Test
  void aDeclineFailsThePaymentWithTheDeclineCodeAndTheOrderMayPayAgain() {
    StripeShop.Shopper bo = shop.shopper();
    UUID order = shop.newOrder(bo, 1250);
    String declined = StripeShop.intentId();
    String scenario = "decline-" + order;
    stripe.server.stubFor(inScenario(stripe.create(order), scenario, null, "declined").willReturn(json(402,
        StripeStandIn.cardError("card_declined", "insufficient_funds", "Your card has insufficient funds.",
            intent(declined, "requires_payment_method", 1250, "eur", null, order, "automatic")))));
    HttpResponse<Buffer> answer = shop.pay(bo, order, "pm_card_visa_chargeDeclinedInsufficientFunds", null);
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(201);
    JsonObject failed = answer.bodyAsJsonObject();
    assertThat(failed.getString("status")).isEqualTo("failed");
    assertThat(failed.getString("failureReason")).isEqualTo("insufficient_funds");
    String paymentId = failed.getString("paymentId");
    assertThat(shop.column("failure_reason", paymentId)).isEqualTo("insufficient_funds");
    assertThat(shop.column("gateway_reference", paymentId)).isEqualTo(declined);
    assertThat(shop.events("failed", order)).isEqualTo(1);
    assertThat(shop.app.db.column("SELECT data->>'reason' FROM payment.outbox WHERE type = 'mercato.payment.failed.v1'"
        + " AND subject = '" + order + "'")).containsExactly("insufficient_funds");
    assertThat(shop.events("authorized", order)).isZero();
    assertThat(shop.checks(paymentId)).isZero();

    // a generic decline of another card, then a card that works: a failed payment is not live
    stripe.server.stubFor(inScenario(stripe.create(order), scenario, "declined", "approved").willReturn(json(402,
        StripeStandIn.cardError("card_declined", "generic_decline", "Your card was declined.",
            intent(StripeShop.intentId(), "requires_payment_method", 1250, "eur", null, order, "automatic")))));
    assertThat(shop.pay(bo, order, "pm_card_chargeDeclined", null).bodyAsJsonObject().getString("failureReason"))
        .isEqualTo("generic_decline");
    stripe.server.stubFor(inScenario(stripe.create(order), scenario, "approved", null).willReturn(json(200,
        intent(StripeShop.intentId(), "succeeded", 1250, "eur", null, order, "automatic"))));
    assertThat(shop.pay(bo, order, "pm_card_visa", null).bodyAsJsonObject().getString("status")).isEqualTo("captured");
    assertThat(shop.events("failed", order)).isEqualTo(2);
    assertThat(shop.events("captured", order)).isEqualTo(1);
  }

  @Test
  void threeDSecureIsPendingWithTheRedirectUntilTheSignedWebhookCompletesIt() {
    StripeShop.Shopper cy = shop.shopper();
    UUID order = shop.newOrder(cy, 4200);
    String pi = StripeShop.intentId();
    String url = "https://hooks.stripe.com/3d_secure_2/hosted?merchant=acct_1Mercato&payment_intent=" + pi
        + "&payment_intent_client_secret=" + pi + "_secret_x&publishable_key=pk_test_x&source=payatt_x";
    stripe.server.stubFor(stripe.create(order).willReturn(json(200,
        StripeStandIn.requiresAction(pi, 4200, "eur", null, order, url))));
    stripe.server.stubFor(stripe.retrieve(pi).willReturn(json(200,
        StripeStandIn.requiresAction(pi, 4200, "eur", null, order, url))));

    HttpResponse<Buffer> answer = shop.pay(cy, order, "pm_card_threeDSecure2Required", null);
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(201);
    JsonObject pending = answer.bodyAsJsonObject();
    assertThat(pending.getString("status")).isEqualTo("pending");
    // The payer also gets the PaymentIntent's client secret, with which Stripe.js completes it in the page.
    String secret = pi + "_secret_Xa3fMercatoStandIn";
    assertThat(pending.getJsonObject("nextAction")).isEqualTo(new JsonObject().put("type", "redirect").put("url", url)
        .put("clientSecret", secret));
    String paymentId = pending.getString("paymentId");
    JsonObject read = shop.app.api.get("/payments/" + paymentId, cy.token()).bodyAsJsonObject();
    assertThat(read.getJsonObject("nextAction").getString("url")).isEqualTo(url);
    assertThat(read.getJsonObject("nextAction").getString("clientSecret")).isEqualTo(secret);
    // ... and no one else: an admin reads the page to send the customer to, not the secret.
    String admin = shop.app.tokens.sign(new JsonObject().put("sub", UUID.randomUUID().toString()).put("typ", "admin")
        .put("roles", new io.vertx.core.json.JsonArray()).put("email_verified", true), 600);
    JsonObject asAdmin = shop.app.api.get("/payments/" + paymentId, admin).bodyAsJsonObject();
    assertThat(asAdmin.getJsonObject("nextAction")).isEqualTo(new JsonObject().put("type", "redirect").put("url", url));
    assertThat(shop.app.api.get("/payments", admin).bodyAsString()).doesNotContain(secret);
    assertThat(shop.events("authorized", order)).isEqualTo(1);
    assertThat(shop.events("captured", order)).isZero();
    assertThat(shop.checks(paymentId)).as("a pending payment is looked up in case its webhook is lost").isEqualTo(1);

    JsonObject succeeded = StripeStandIn.event(StripeShop.eventId(),
        "payment_intent.succeeded", intent(pi, "succeeded", 4200, "eur", UUID.fromString(paymentId), order, "automatic"));
    HttpResponse<Buffer> delivered = shop.deliver(succeeded);
    assertThat(delivered.statusCode()).as(delivered.bodyAsString()).isEqualTo(200);
    assertThat(delivered.bodyAsJsonObject().getString("status")).isEqualTo("captured");
    assertThat(shop.status(paymentId)).isEqualTo("captured");
    assertThat(shop.column("next_action_secret", paymentId)).as("cleared once the payment leaves pending").isNull();
    assertThat(shop.kinds(paymentId)).containsExactly("authorization", "capture");
    assertThat(shop.events("captured", order)).isEqualTo(1);
    assertThat(shop.checks(paymentId)).isZero();
    assertThat(shop.app.api.get("/payments/" + paymentId, cy.token()).bodyAsJsonObject().getValue("nextAction")).isNull();
  }

  @Test
  void aDuplicateWebhookIsANoOp() {
    StripeShop.Shopper di = shop.shopper();
    UUID order = shop.newOrder(di, 900);
    String pi = StripeShop.intentId();
    stripe.server.stubFor(stripe.create(order).willReturn(json(200,
        StripeStandIn.requiresAction(pi, 900, "eur", null, order, "https://hooks.stripe.com/redirect/x"))));
    String paymentId = shop.pay(di, order, "pm_card_threeDSecure2Required", null).bodyAsJsonObject().getString("paymentId");
    String id = StripeShop.eventId();
    JsonObject event = StripeStandIn.event(id, "payment_intent.succeeded",
        intent(pi, "succeeded", 900, "eur", UUID.fromString(paymentId), order, "automatic"));
    assertThat(shop.deliver(event).statusCode()).isEqualTo(200);
    HttpResponse<Buffer> again = shop.deliver(event);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.bodyAsJsonObject().getBoolean("duplicate")).isTrue();
    assertThat(shop.events("captured", order)).isEqualTo(1);
    assertThat(shop.kinds(paymentId)).containsExactly("authorization", "capture");
    assertThat(shop.app.db.count("SELECT count(*) FROM payment.webhook_deliveries WHERE webhook_id = '" + id + "'"))
        .isEqualTo(1);
  }

  @Test
  void aLateFailureAfterTheSuccessChangesNothing() {
    StripeShop.Shopper ed = shop.shopper();
    UUID order = shop.newOrder(ed, 3100);
    String[] paid = shop.captured(ed, order, 3100);
    UUID paymentId = UUID.fromString(paid[0]);
    JsonObject failedSnapshot = intent(paid[1], "requires_payment_method", 3100, "eur", paymentId, order, "automatic")
        .put("last_payment_error", new JsonObject().put("type", "card_error").put("code", "card_declined")
            .put("decline_code", "do_not_honor"));
    HttpResponse<Buffer> late = shop.deliver(StripeStandIn.event(
        StripeShop.eventId(), "payment_intent.payment_failed", failedSnapshot));
    assertThat(late.statusCode()).as(late.bodyAsString()).isEqualTo(200);
    assertThat(late.bodyAsJsonObject().getString("status")).isEqualTo("captured");
    HttpResponse<Buffer> canceled = shop.deliver(StripeStandIn.event(
        StripeShop.eventId(), "payment_intent.canceled",
        intent(paid[1], "canceled", 3100, "eur", paymentId, order, "automatic")));
    assertThat(canceled.statusCode()).isEqualTo(200);
    assertThat(shop.status(paid[0])).isEqualTo("captured");
    assertThat(shop.column("failure_reason", paid[0])).isNull();
    assertThat(shop.events("failed", order)).isZero();
    assertThat(shop.events("captured", order)).isEqualTo(1);
    assertThat(shop.kinds(paid[0])).containsExactly("authorization", "capture");
  }

  @Test
  void aForgedOrStaleSignatureIsRefusedAndChangesNothing() {
    StripeShop.Shopper fi = shop.shopper();
    UUID order = shop.newOrder(fi, 700);
    String pi = StripeShop.intentId();
    stripe.server.stubFor(stripe.create(order).willReturn(json(200,
        StripeStandIn.requiresAction(pi, 700, "eur", null, order, "https://hooks.stripe.com/redirect/y"))));
    String paymentId = shop.pay(fi, order, "pm_card_threeDSecure2Required", null).bodyAsJsonObject().getString("paymentId");
    String id = StripeShop.eventId();
    String body = StripeStandIn.event(id, "payment_intent.succeeded",
        intent(pi, "succeeded", 700, "eur", UUID.fromString(paymentId), order, "automatic")).encode();
    long now = System.currentTimeMillis() / 1000;

    List<String> refused = List.of(
        StripeStandIn.signature("whsec_someoneElsesSecret", now, body),
        StripeStandIn.signature(StripeStandIn.WEBHOOK_SECRET, now, body.replace("succeeded", "canceled")),
        StripeStandIn.signature(StripeStandIn.WEBHOOK_SECRET, now - 301, body),
        StripeStandIn.signature(StripeStandIn.WEBHOOK_SECRET, now + 301, body),
        StripeStandIn.signature(StripeStandIn.WEBHOOK_SECRET, now, body).replace("v1=", "v0="),
        "t=" + now);
    for (String signature : refused) {
      HttpResponse<Buffer> answer = shop.deliver(body, signature);
      assertThat(answer.statusCode()).as(signature + ": " + answer.bodyAsString()).isEqualTo(400);
      JsonObject problem = answer.bodyAsJsonObject();
      assertThat(problem.getString("type")).isEqualTo("/problems/validation");
      assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("pointer")).isEqualTo("/Stripe-Signature");
    }
    assertThat(shop.deliver(body, null).statusCode()).isEqualTo(400);
    assertThat(shop.status(paymentId)).isEqualTo("pending");
    assertThat(shop.events("captured", order)).isZero();
    assertThat(shop.app.db.count("SELECT count(*) FROM payment.webhook_deliveries WHERE webhook_id = '" + id + "'")).isZero();

    // Stripe signs with each active secret while one is rolled: any one v1 may match
    String rolled = "t=" + now + ",v1=" + "0".repeat(64) + ","
        + StripeStandIn.signature(StripeStandIn.WEBHOOK_SECRET, now, body).substring(("t=" + now + ",").length())
        + ",v0=" + "f".repeat(64);
    HttpResponse<Buffer> accepted = shop.deliver(body, rolled);
    assertThat(accepted.statusCode()).as(accepted.bodyAsString()).isEqualTo(200);
    assertThat(shop.status(paymentId)).isEqualTo("captured");
  }

  @Test
  void aTimeoutIsUnknownUntilTheReconcilerRepeatsTheCreateWithTheSameKey() {
    StripeShop.Shopper gus = shop.shopper();
    UUID order = shop.newOrder(gus, 5100);
    String pi = StripeShop.intentId();
    String scenario = "timeout-" + order;
    JsonObject charged = intent(pi, "succeeded", 5100, "eur", null, order, "automatic");
    // Stripe charges, but its answer arrives after Mercato gave up; a repeat while the first
    // request still runs is a 409; once it is done Stripe replays the stored answer.
    stripe.server.stubFor(inScenario(stripe.create(order), scenario, null, "running")
        .willReturn(json(200, charged).withFixedDelay((int) (4 * StripeShop.TIMEOUT_MS))));
    stripe.server.stubFor(inScenario(stripe.create(order), scenario, "running", null)
        .willReturn(json(409, StripeStandIn.keyInUse())));
    stripe.server.stubFor(inScenario(stripe.create(order), scenario, "stored", null).willReturn(json(200, charged)));

    HttpResponse<Buffer> answer = shop.pay(gus, order, "pm_card_visa", "checkout-" + order);
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(502);
    JsonObject problem = answer.bodyAsJsonObject();
    assertThat(problem.getString("type")).isEqualTo("/problems/payment-outcome-unknown");
    assertThat(answer.getHeader("Content-Type")).startsWith("application/problem+json");
    String paymentId = problem.getString("paymentId");
    stripe.server.stubFor(stripe.search(UUID.fromString(paymentId)).willReturn(json(200, StripeStandIn.searchResult())));

    Await.until("the reconciler repeated the create", Duration.ofSeconds(10), () -> stripe.creates(order).size() >= 2);
    assertThat(shop.status(paymentId)).isEqualTo("unknown");
    assertThat(shop.checks(paymentId)).isEqualTo(1);
    assertThat(shop.events("authorized", order) + shop.events("captured", order) + shop.events("failed", order)).isZero();
    // the order is not paid a second time meanwhile
    HttpResponse<Buffer> again = shop.pay(gus, order, "pm_card_mastercard", null);
    assertThat(again.statusCode()).as(again.bodyAsString()).isEqualTo(409);
    assertThat(shop.app.api.get("/payments/" + paymentId, gus.token()).bodyAsJsonObject().getString("status"))
        .isEqualTo("unknown");

    stripe.server.setScenarioState(scenario, "stored");
    Await.until("the reconciler settles the payment", Duration.ofSeconds(15),
        () -> shop.status(paymentId).equals("captured"));
    assertThat(shop.column("gateway_reference", paymentId)).isEqualTo(pi);
    assertThat(shop.kinds(paymentId)).containsExactly("authorization", "capture");
    assertThat(shop.events("captured", order)).isEqualTo(1);
    assertThat(shop.checks(paymentId)).isZero();
    List<LoggedRequest> creates = stripe.creates(order);
    assertThat(creates.stream().map(r -> r.getHeader("Idempotency-Key")).distinct().toList())
        .containsExactly("mercato-" + paymentId + "-create");
    assertThat(creates.stream().map(LoggedRequest::getBodyAsString).distinct().count())
        .as("every repeat sends the same parameters").isEqualTo(1);
    assertThat(creates.stream().map(r -> StripeShop.form(r, "payment_method")).distinct().toList())
        .containsExactly("pm_card_visa");
  }

  @Test
  void aServerErrorIsUnknownUntilStripesSearchShowsTheFailure() {
    StripeShop.Shopper hal = shop.shopper();
    UUID order = shop.newOrder(hal, 800);
    String pi = StripeShop.intentId();
    // Stripe saves a 500 with its idempotency key: every repeat gets the same 500
    stripe.server.stubFor(stripe.create(order).willReturn(json(500, StripeStandIn.apiError())));
    HttpResponse<Buffer> answer = shop.pay(hal, order, "pm_card_visa", null);
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(502);
    String paymentId = answer.bodyAsJsonObject().getString("paymentId");
    UUID payment = UUID.fromString(paymentId);
    String scenario = "search-" + order;
    stripe.server.stubFor(inScenario(stripe.search(payment), scenario, null, null)
        .willReturn(json(200, StripeStandIn.searchResult())));
    JsonObject failed = intent(pi, "requires_payment_method", 800, "eur", payment, order, "automatic")
        .put("last_payment_error", new JsonObject().put("type", "card_error").put("code", "card_declined")
            .put("decline_code", "generic_decline").put("message", "Your card was declined."));
    stripe.server.stubFor(inScenario(stripe.search(payment), scenario, "indexed", null)
        .willReturn(json(200, StripeStandIn.searchResult(failed))));

    Await.until("the reconciler searched", Duration.ofSeconds(10), () -> stripe.searches(payment).size() >= 1);
    assertThat(shop.status(paymentId)).isEqualTo("unknown");
    assertThat(shop.events("failed", order)).isZero();

    stripe.server.setScenarioState(scenario, "indexed");
    Await.until("the reconciler settles the payment", Duration.ofSeconds(15), () -> shop.status(paymentId).equals("failed"));
    assertThat(shop.column("failure_reason", paymentId)).isEqualTo("generic_decline");
    assertThat(shop.column("gateway_reference", paymentId)).isEqualTo(pi);
    assertThat(shop.events("failed", order)).isEqualTo(1);
    assertThat(shop.events("captured", order)).isZero();
    assertThat(shop.checks(paymentId)).isZero();
    assertThat(stripe.creates(order)).hasSizeGreaterThanOrEqualTo(2)
        .allSatisfy(r -> assertThat(r.getHeader("Idempotency-Key")).isEqualTo("mercato-" + paymentId + "-create"));
  }

  @Test
  void aMalformedAnswerIsUnknownNeverAGuess() {
    StripeShop.Shopper ivy = shop.shopper();
    UUID order = shop.newOrder(ivy, 1999);
    String pi = StripeShop.intentId();
    String scenario = "malformed-" + order;
    stripe.server.stubFor(inScenario(stripe.create(order), scenario, null, "unclear").willReturn(
        com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200)
            .withHeader("Content-Type", "application/json").withBody("{\"id\": \"" + pi + "\", \"object\": \"payment_int")));
    stripe.server.stubFor(inScenario(stripe.create(order), scenario, "unclear", null)
        .willReturn(json(409, StripeStandIn.keyInUse())));
    stripe.server.stubFor(inScenario(stripe.create(order), scenario, "stored", null)
        .willReturn(json(200, intent(pi, "succeeded", 1999, "eur", null, order, "automatic"))));
    HttpResponse<Buffer> answer = shop.pay(ivy, order, "pm_card_visa", null);
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(502);
    String paymentId = answer.bodyAsJsonObject().getString("paymentId");
    assertThat(shop.status(paymentId)).isIn("unknown");
    assertThat(shop.events("captured", order) + shop.events("failed", order)).isZero();
    stripe.server.setScenarioState(scenario, "stored");
    Await.until("the reconciler settles the payment", Duration.ofSeconds(15),
        () -> shop.status(paymentId).equals("captured"));
    assertThat(shop.events("captured", order)).isEqualTo(1);
  }

  @Test
  void partialRefundsGoToStripeAndNeverExceedTheCapture() {
    StripeShop.Shopper jo = shop.shopper();
    UUID order = shop.newOrder(jo, 1000);
    String[] paid = shop.captured(jo, order, 1000);
    String paymentId = paid[0];
    String pi = paid[1];
    String scenario = "refunds-" + order;
    stripe.server.stubFor(inScenario(stripe.refund(pi), scenario, null, "one").withFormParam("amount", equalTo("400"))
        .willReturn(json(200, StripeStandIn.refundObject("re_1" + order.toString().substring(0, 8), pi, 400, "eur",
            "succeeded", null))));
    stripe.server.stubFor(inScenario(stripe.refund(pi), scenario, "one", null).withFormParam("amount", equalTo("600"))
        .willReturn(json(200, StripeStandIn.refundObject("re_2" + order.toString().substring(0, 8), pi, 600, "eur",
            "pending", null))));

    HttpResponse<Buffer> first = shop.refund(paymentId, 400);
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);
    assertThat(first.bodyAsJsonObject().getJsonObject("refundedTotal").getLong("amount")).isEqualTo(400);
    String refundId = first.bodyAsJsonObject().getString("refundId");
    List<LoggedRequest> sent = stripe.refunds(pi);
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).getHeader("Idempotency-Key")).isEqualTo("mercato-" + refundId + "-refund");
    assertThat(StripeShop.form(sent.get(0), "amount")).isEqualTo("400");
    assertThat(StripeShop.form(sent.get(0), "metadata[refund_id]")).isEqualTo(refundId);

    HttpResponse<Buffer> over = shop.refund(paymentId, 601);
    assertThat(over.statusCode()).as(over.bodyAsString()).isEqualTo(409);
    assertThat(over.bodyAsJsonObject().getString("type")).isEqualTo("/problems/conflict");
    assertThat(stripe.refunds(pi)).as("an over-refund never reaches Stripe").hasSize(1);

    HttpResponse<Buffer> rest = shop.refund(paymentId, 600);
    assertThat(rest.statusCode()).as(rest.bodyAsString()).isEqualTo(200);
    assertThat(rest.bodyAsJsonObject().getJsonObject("refundedTotal").getLong("amount")).isEqualTo(1000);
    assertThat(shop.refund(paymentId, 1).statusCode()).isEqualTo(409);
    assertThat(shop.column("refunded", paymentId)).isEqualTo("1000");
    assertThat(shop.events("refunded", order)).isEqualTo(2);

    // Stripe's own refund events for Mercato's refunds record nothing twice
    HttpResponse<Buffer> echoed = shop.deliver(StripeStandIn.event(
        StripeShop.eventId(), "refund.created",
        StripeStandIn.refundObject("re_1" + order.toString().substring(0, 8), pi, 400, "eur", "succeeded",
            UUID.fromString(refundId))));
    assertThat(echoed.statusCode()).isEqualTo(200);
    assertThat(shop.column("refunded", paymentId)).isEqualTo("1000");
    assertThat(shop.events("refunded", order)).isEqualTo(2);
  }

  @Test
  void aRefundWhoseAnswerWasLostStaysCountedUntilStripeListsIt() {
    StripeShop.Shopper kai = shop.shopper();
    UUID order = shop.newOrder(kai, 1000);
    String[] paid = shop.captured(kai, order, 1000);
    String paymentId = paid[0];
    String pi = paid[1];
    String scenario = "lost-refund-" + order;
    stripe.server.stubFor(inScenario(stripe.refund(pi), scenario, null, "running").willReturn(json(200,
        StripeStandIn.refundObject("re_3" + order.toString().substring(0, 8), pi, 300, "eur", "succeeded", null))
        .withFixedDelay((int) (4 * StripeShop.TIMEOUT_MS))));
    stripe.server.stubFor(inScenario(stripe.refund(pi), scenario, "running", null)
        .willReturn(json(409, StripeStandIn.keyInUse())));
    stripe.server.stubFor(inScenario(stripe.listRefunds(pi), scenario, "running", null)
        .willReturn(json(200, StripeStandIn.refundList(pi))));

    HttpResponse<Buffer> lost = shop.refund(paymentId, 300);
    assertThat(lost.statusCode()).as(lost.bodyAsString()).isEqualTo(502);
    assertThat(lost.bodyAsJsonObject().getString("type")).isEqualTo("/problems/payment-outcome-unknown");
    UUID refundId = UUID.fromString(lost.bodyAsJsonObject().getString("refundId"));
    assertThat(shop.column("refunded", paymentId)).isEqualTo("300");
    assertThat(shop.column("refund_unknown", paymentId)).isEqualTo("300");
    assertThat(shop.app.db.count("SELECT count(*) FROM payment.gateway_checks WHERE id = '" + refundId
        + "' AND step = 'refund'")).isEqualTo(1);
    // still counted: nothing can refund past the capture meanwhile
    assertThat(shop.refund(paymentId, 701).statusCode()).isEqualTo(409);

    Await.until("the reconciler repeated the refund", Duration.ofSeconds(10), () -> stripe.refunds(pi).size() >= 2);
    assertThat(shop.column("refund_unknown", paymentId)).isEqualTo("300");
    assertThat(shop.events("refunded", order)).isZero();

    stripe.server.stubFor(inScenario(stripe.listRefunds(pi), scenario, "listed", null)
        .willReturn(json(200, StripeStandIn.refundList(pi, StripeStandIn.refundObject(
            "re_3" + order.toString().substring(0, 8), pi, 300, "eur", "succeeded", refundId)))));
    stripe.server.setScenarioState(scenario, "listed");
    Await.until("the reconciler settles the refund", Duration.ofSeconds(15),
        () -> shop.column("refund_unknown", paymentId).equals("0"));
    assertThat(shop.column("refunded", paymentId)).isEqualTo("300");
    assertThat(shop.events("refunded", order)).isEqualTo(1);
    assertThat(shop.app.db.column("SELECT gateway_reference FROM payment.payment_transactions WHERE id = '" + refundId
        + "' AND kind = 'refund'")).containsExactly("re_3" + order.toString().substring(0, 8));
    assertThat(stripe.refunds(pi)).allSatisfy(r -> assertThat(r.getHeader("Idempotency-Key"))
        .isEqualTo("mercato-" + refundId + "-refund"));
  }

  @Test
  void aRefundMadeInTheDashboardIsRecordedOnce() {
    StripeShop.Shopper lu = shop.shopper();
    UUID order = shop.newOrder(lu, 2000);
    String[] paid = shop.captured(lu, order, 2000);
    String re = "re_4" + order.toString().substring(0, 8);
    JsonObject refund = StripeStandIn.refundObject(re, paid[1], 250, "eur", "succeeded", null);
    HttpResponse<Buffer> created = shop.deliver(StripeStandIn.event(
        StripeShop.eventId(), "refund.created", refund));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(200);
    HttpResponse<Buffer> updated = shop.deliver(StripeStandIn.event(
        StripeShop.eventId(), "refund.updated", refund));
    assertThat(updated.statusCode()).isEqualTo(200);
    assertThat(shop.column("refunded", paid[0])).isEqualTo("250");
    assertThat(shop.events("refunded", order)).isEqualTo(1);
    assertThat(shop.app.db.column("SELECT reason FROM payment.payment_transactions WHERE payment_id = '" + paid[0]
        + "' AND kind = 'refund'")).containsExactly("refunded-at-gateway");
  }

  @Test
  void theClientMayNameTheGateway() {
    StripeShop.Shopper mo = shop.shopper();
    UUID order = shop.newOrder(mo, 500);
    JsonObject body = new JsonObject().put("orderId", order.toString()).put("gateway", "test")
        .put("paymentMethod", new JsonObject().put("type", "card").put("token", "tok_visa"));
    HttpResponse<Buffer> paid = shop.pay(mo, body, null);
    assertThat(paid.statusCode()).as(paid.bodyAsString()).isEqualTo(201);
    assertThat(paid.bodyAsJsonObject().getString("gateway")).isEqualTo("test");
    assertThat(stripe.creates(order)).isEmpty();
    HttpResponse<Buffer> unknown = shop.pay(mo, body.copy().put("orderId", shop.newOrder(mo, 500).toString())
        .put("gateway", "paypal"), null);
    assertThat(unknown.statusCode()).isEqualTo(400);
  }
}
