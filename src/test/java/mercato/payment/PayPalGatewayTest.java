package mercato.payment;

import static mercato.payment.PayPalStandIn.completed;
import static mercato.payment.PayPalStandIn.json;
import static mercato.payment.PayPalStandIn.order;
import static mercato.payment.StripeStandIn.inScenario;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import mercato.testing.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Payments through PayPal (Orders v2) on a whole node with its real database, PayPal's API
 * played by a WireMock stand-in answering with PayPal's documented JSON: a saved account
 * captured at once, a declined capture, the payer's approval completed by a verified webhook,
 * webhooks PayPal does not verify, duplicates and out-of-order events, answers lost to a
 * timeout, a 5xx or a malformed body (unknown, then settled from what PayPal's order says),
 * and refunds capped by the capture.
 */
class PayPalGatewayTest {
  static PayPalStandIn paypal;
  static StripeShop shop;

  @BeforeAll
  static void start() {
    paypal = new PayPalStandIn();
    shop = new StripeShop(paypal.settings(StripeShop.TIMEOUT_MS, 200));
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

  HttpResponse<Buffer> pay(StripeShop.Shopper shopper, UUID order, String token) {
    return shop.payPal(shopper, order, token);
  }

  /** A payment of a saved PayPal account that PayPal approves and captures: its id, order id and capture id. */
  String[] captured(StripeShop.Shopper shopper, UUID order, long amount, String value) {
    String id = PayPalStandIn.orderId();
    String capture = PayPalStandIn.captureId();
    paypal.server.stubFor(paypal.create(order).willReturn(json(201, order(id, "APPROVED", value, "EUR", order, null))));
    paypal.server.stubFor(paypal.capture(id).willReturn(json(201,
        completed(id, capture, "COMPLETED", value, "EUR", order, null))));
    HttpResponse<Buffer> paid = pay(shopper, order, "8kk8451t");
    assertThat(paid.statusCode()).as(paid.bodyAsString()).isEqualTo(201);
    assertThat(paid.bodyAsJsonObject().getString("status")).isEqualTo("captured");
    return new String[] {paid.bodyAsJsonObject().getString("paymentId"), id, capture};
  }

  String[] awaitingPayer(StripeShop.Shopper shopper, UUID order, String value) {
    return paypal.awaitingPayer(shop, shopper, order, value);
  }

  // ---- the tests

  @Test
  void aSavedAccountIsApprovedAndCapturedWithItsRequestIds() {
    StripeShop.Shopper ada = shop.shopper();
    UUID order = shop.newOrder(ada, 2599);
    String[] paid = captured(ada, order, 2599, "25.99");
    String paymentId = paid[0];

    assertThat(shop.column("gateway", paymentId)).isEqualTo("paypal");
    assertThat(shop.column("gateway_reference", paymentId)).as("a captured payment is its capture").isEqualTo(paid[2]);
    assertThat(shop.column("captured", paymentId)).isEqualTo("2599");
    assertThat(shop.kinds(paymentId)).containsExactly("authorization", "capture");
    assertThat(shop.events("authorized", order)).isEqualTo(1);
    assertThat(shop.events("captured", order)).isEqualTo(1);
    assertThat(shop.checks(paymentId)).isZero();

    List<LoggedRequest> creates = paypal.creates(order);
    assertThat(creates).hasSize(1);
    LoggedRequest create = creates.get(0);
    assertThat(create.getHeader("Authorization")).isEqualTo("Bearer " + PayPalStandIn.TOKEN);
    assertThat(create.getHeader("PayPal-Request-Id")).isEqualTo("mercato-" + paymentId + "-create");
    assertThat(create.getHeader("Content-Type")).startsWith("application/json");
    JsonObject body = new JsonObject(create.getBodyAsString());
    assertThat(body.getString("intent")).isEqualTo("CAPTURE");
    JsonObject unit = body.getJsonArray("purchase_units").getJsonObject(0);
    assertThat(unit.getString("custom_id")).isEqualTo(paymentId);
    assertThat(unit.getJsonObject("amount")).isEqualTo(new JsonObject().put("currency_code", "EUR").put("value", "25.99"));
    assertThat(body.getJsonObject("payment_source").getJsonObject("paypal").getString("vault_id")).isEqualTo("8kk8451t");
    List<LoggedRequest> captures = paypal.captures(paid[1]);
    assertThat(captures).hasSize(1);
    assertThat(captures.get(0).getHeader("PayPal-Request-Id")).isEqualTo("mercato-" + paymentId + "-capture");

    // a second payment of a paid order is refused without asking PayPal; a card is not a PayPal method
    assertThat(pay(ada, order, "8kk8451t").statusCode()).isEqualTo(409);
    assertThat(paypal.creates(order)).hasSize(1);
    HttpResponse<Buffer> card = shop.pay(ada, new JsonObject().put("orderId", order.toString()).put("gateway", "paypal")
        .put("paymentMethod", new JsonObject().put("type", "card").put("token", "pm_card_visa")), null);
    assertThat(card.statusCode()).isEqualTo(400);
    assertThat(card.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("pointer"))
        .isEqualTo("/paymentMethod/type");
  }

  @Test
  void aDeclinedCaptureFailsThePaymentWithTheIssueAndTheOrderMayPayAgain() {
    StripeShop.Shopper bo = shop.shopper();
    UUID order = shop.newOrder(bo, 1250);
    String id = PayPalStandIn.orderId();
    String scenario = "decline-" + order;
    paypal.server.stubFor(inScenario(paypal.create(order), scenario, null, "declined")
        .willReturn(json(201, order(id, "APPROVED", "12.50", "EUR", order, null))));
    paypal.server.stubFor(paypal.capture(id).willReturn(json(422, PayPalStandIn.error("UNPROCESSABLE_ENTITY",
        "INSTRUMENT_DECLINED", "The instrument presented was either declined by the processor or bank, or it can't"
            + " be used for this payment."))));
    HttpResponse<Buffer> answer = pay(bo, order, "8kk8451t");
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(201);
    JsonObject failed = answer.bodyAsJsonObject();
    assertThat(failed.getString("status")).isEqualTo("failed");
    assertThat(failed.getString("failureReason")).isEqualTo("INSTRUMENT_DECLINED");
    String paymentId = failed.getString("paymentId");
    assertThat(shop.column("gateway_reference", paymentId)).isEqualTo(id);
    assertThat(shop.events("failed", order)).isEqualTo(1);
    assertThat(shop.events("captured", order)).isZero();
    assertThat(shop.checks(paymentId)).isZero();

    String next = PayPalStandIn.orderId();
    paypal.server.stubFor(inScenario(paypal.create(order), scenario, "declined", null)
        .willReturn(json(201, completed(next, PayPalStandIn.captureId(), "COMPLETED", "12.50", "EUR", order, null))));
    assertThat(pay(bo, order, "9ab7712q").bodyAsJsonObject().getString("status")).isEqualTo("captured");
    assertThat(shop.events("captured", order)).isEqualTo(1);
  }

  @Test
  void thePayerApprovesAtPayPalAndAVerifiedWebhookCompletesThePayment() {
    StripeShop.Shopper cy = shop.shopper();
    UUID order = shop.newOrder(cy, 4200);
    String capture = PayPalStandIn.captureId();
    String[] pending = awaitingPayer(cy, order, "42.00");
    String paymentId = pending[0];
    String id = pending[1];
    String url = "https://www.sandbox.paypal.com/checkoutnow?token=" + id;
    JsonObject read = shop.app.api.get("/payments/" + paymentId, cy.token()).bodyAsJsonObject();
    assertThat(read.getJsonObject("nextAction")).isEqualTo(new JsonObject().put("type", "redirect").put("url", url));
    assertThat(shop.column("gateway_reference", paymentId)).isEqualTo(id);
    assertThat(shop.checks(paymentId)).as("a pending payment is looked up in case its webhook is lost").isEqualTo(1);
    JsonObject source = new JsonObject(paypal.creates(order).get(0).getBodyAsString()).getJsonObject("payment_source")
        .getJsonObject("paypal");
    assertThat(source.containsKey("vault_id")).isFalse();
    assertThat(source.getJsonObject("experience_context").getString("return_url"))
        .isEqualTo("http://127.0.0.1:8080/orders/" + order);

    // the payer approves: PayPal's order is APPROVED, and Mercato captures it
    UUID payment = UUID.fromString(paymentId);
    JsonObject approved = order(id, "APPROVED", "42.00", "EUR", order, payment);
    paypal.server.stubFor(paypal.lookUp(id).willReturn(json(200, approved)));
    paypal.server.stubFor(paypal.capture(id).willReturn(json(201,
        completed(id, capture, "COMPLETED", "42.00", "EUR", order, payment))));
    HttpResponse<Buffer> delivered = PayPalStandIn.deliver(shop.http,
        PayPalStandIn.event(PayPalStandIn.eventId(), "CHECKOUT.ORDER.APPROVED", "checkout-order", approved));
    assertThat(delivered.statusCode()).as(delivered.bodyAsString()).isEqualTo(200);
    assertThat(delivered.bodyAsJsonObject().getString("capture")).isEqualTo("due");
    Await.until("Mercato captured the approved order", Duration.ofSeconds(10),
        () -> shop.status(paymentId).equals("captured"));
    assertThat(shop.column("gateway_reference", paymentId)).isEqualTo(capture);
    assertThat(shop.kinds(paymentId)).containsExactly("authorization", "capture");
    assertThat(paypal.captures(id)).hasSize(1);

    // PayPal's capture event then changes nothing
    HttpResponse<Buffer> completedEvent = PayPalStandIn.deliver(shop.http, PayPalStandIn.event(PayPalStandIn.eventId(),
        "PAYMENT.CAPTURE.COMPLETED", "capture",
        PayPalStandIn.capture(capture, "COMPLETED", "42.00", "EUR", id, payment)));
    assertThat(completedEvent.statusCode()).as(completedEvent.bodyAsString()).isEqualTo(200);
    assertThat(completedEvent.bodyAsJsonObject().getString("status")).isEqualTo("captured");
    assertThat(shop.events("captured", order)).isEqualTo(1);
    assertThat(shop.checks(paymentId)).isZero();
    assertThat(shop.app.api.get("/payments/" + paymentId, cy.token()).bodyAsJsonObject().getValue("nextAction")).isNull();
  }

  @Test
  void aCaptureEventCompletesAPaymentPayPalCapturedByItself() {
    StripeShop.Shopper di = shop.shopper();
    UUID order = shop.newOrder(di, 900);
    String[] pending = awaitingPayer(di, order, "9.00");
    String capture = PayPalStandIn.captureId();
    HttpResponse<Buffer> delivered = PayPalStandIn.deliver(shop.http, PayPalStandIn.event(PayPalStandIn.eventId(),
        "PAYMENT.CAPTURE.COMPLETED", "capture",
        PayPalStandIn.capture(capture, "COMPLETED", "9.00", "EUR", pending[1], UUID.fromString(pending[0]))));
    assertThat(delivered.statusCode()).as(delivered.bodyAsString()).isEqualTo(200);
    assertThat(shop.status(pending[0])).isEqualTo("captured");
    assertThat(shop.column("gateway_reference", pending[0])).isEqualTo(capture);
    assertThat(shop.events("captured", order)).isEqualTo(1);

    // a capture of another amount than the payment's is not applied
    StripeShop.Shopper eli = shop.shopper();
    UUID other = shop.newOrder(eli, 1000);
    String[] waiting = awaitingPayer(eli, other, "10.00");
    HttpResponse<Buffer> shortOne = PayPalStandIn.deliver(shop.http, PayPalStandIn.event(PayPalStandIn.eventId(),
        "PAYMENT.CAPTURE.COMPLETED", "capture",
        PayPalStandIn.capture(PayPalStandIn.captureId(), "COMPLETED", "0.01", "EUR", waiting[1],
            UUID.fromString(waiting[0]))));
    assertThat(shortOne.statusCode()).isEqualTo(200);
    assertThat(shortOne.bodyAsJsonObject().getString("ignored")).contains("amount");
    assertThat(shop.status(waiting[0])).isEqualTo("pending");
  }

  @Test
  void aWebhookPayPalDoesNotVerifyIsRefusedAndChangesNothing() {
    StripeShop.Shopper fi = shop.shopper();
    UUID order = shop.newOrder(fi, 700);
    String[] pending = awaitingPayer(fi, order, "7.00");
    String paymentId = pending[0];
    String eventId = PayPalStandIn.eventId();
    String body = PayPalStandIn.event(eventId, "PAYMENT.CAPTURE.COMPLETED", "capture",
        PayPalStandIn.capture(PayPalStandIn.captureId(), "COMPLETED", "7.00", "EUR", pending[1],
            UUID.fromString(paymentId))).encode();

    String forged = UUID.randomUUID().toString();
    HttpResponse<Buffer> refused = PayPalStandIn.deliver(shop.http, body,
        PayPalStandIn.transmission(forged, Instant.now().toString(), "c29tZW9uZSBlbHNlJ3Mgc2lnbmF0dXJl"));
    assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(400);
    assertThat(refused.bodyAsJsonObject().getString("type")).isEqualTo("/problems/validation");
    assertThat(refused.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("pointer"))
        .isEqualTo("/PAYPAL-TRANSMISSION-SIG");
    assertThat(paypal.verifications(forged)).as("PayPal was asked").hasSize(1);

    String stale = UUID.randomUUID().toString();
    HttpResponse<Buffer> late = PayPalStandIn.deliver(shop.http, body,
        PayPalStandIn.transmission(stale, Instant.now().minusSeconds(301).toString(), PayPalStandIn.GOOD_SIG));
    assertThat(late.statusCode()).as(late.bodyAsString()).isEqualTo(400);
    assertThat(late.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("pointer"))
        .isEqualTo("/PAYPAL-TRANSMISSION-TIME");
    assertThat(paypal.verifications(stale)).as("a stale transmission is refused before asking").isEmpty();

    String unsigned = UUID.randomUUID().toString();
    assertThat(PayPalStandIn.deliver(shop.http, body,
        PayPalStandIn.transmission(unsigned, Instant.now().toString(), null)).statusCode()).isEqualTo(400);
    assertThat(paypal.verifications(unsigned)).isEmpty();

    // PayPal's verification failing to answer is 503: PayPal delivers the event again
    String unanswered = UUID.randomUUID().toString();
    paypal.server.stubFor(WireMock.post(WireMock.urlPathEqualTo(PayPalWebhooks.VERIFY)).atPriority(1)
        .withRequestBody(WireMock.matchingJsonPath("$.transmission_id", WireMock.equalTo(unanswered)))
        .willReturn(json(500, new JsonObject().put("name", "INTERNAL_SERVER_ERROR"))));
    HttpResponse<Buffer> unavailable = PayPalStandIn.deliver(shop.http, body,
        PayPalStandIn.transmission(unanswered, Instant.now().toString(), PayPalStandIn.GOOD_SIG));
    assertThat(unavailable.statusCode()).as(unavailable.bodyAsString()).isEqualTo(503);
    assertThat(unavailable.bodyAsJsonObject().getString("type")).isEqualTo("/problems/gateway-unavailable");

    assertThat(shop.status(paymentId)).isEqualTo("pending");
    assertThat(shop.events("captured", order)).isZero();
    assertThat(shop.app.db.count("SELECT count(*) FROM payment.webhook_deliveries WHERE webhook_id = '" + eventId + "'"))
        .isZero();

    // the same event, verified, is applied
    HttpResponse<Buffer> genuine = PayPalStandIn.deliver(shop.http, body,
        PayPalStandIn.transmission(UUID.randomUUID().toString(), Instant.now().toString(), PayPalStandIn.GOOD_SIG));
    assertThat(genuine.statusCode()).as(genuine.bodyAsString()).isEqualTo(200);
    assertThat(shop.status(paymentId)).isEqualTo("captured");
  }

  @Test
  void aDuplicateIsANoOpAndACompletionAfterADenialDoesNotResurrect() {
    StripeShop.Shopper gus = shop.shopper();
    UUID order = shop.newOrder(gus, 3100);
    String[] pending = awaitingPayer(gus, order, "31.00");
    UUID payment = UUID.fromString(pending[0]);
    String capture = PayPalStandIn.captureId();
    JsonObject denied = PayPalStandIn.event(PayPalStandIn.eventId(), "PAYMENT.CAPTURE.DENIED", "capture",
        PayPalStandIn.capture(capture, "DECLINED", "31.00", "EUR", pending[1], payment));
    HttpResponse<Buffer> first = PayPalStandIn.deliver(shop.http, denied);
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);
    assertThat(first.bodyAsJsonObject().getString("status")).isEqualTo("failed");
    assertThat(shop.column("failure_reason", pending[0])).isEqualTo("DECLINED_BY_RISK_FRAUD_FILTERS");

    HttpResponse<Buffer> again = PayPalStandIn.deliver(shop.http, denied);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.bodyAsJsonObject().getBoolean("duplicate")).isTrue();

    HttpResponse<Buffer> late = PayPalStandIn.deliver(shop.http, PayPalStandIn.event(PayPalStandIn.eventId(),
        "PAYMENT.CAPTURE.COMPLETED", "capture",
        PayPalStandIn.capture(capture, "COMPLETED", "31.00", "EUR", pending[1], payment)));
    assertThat(late.statusCode()).isEqualTo(200);
    assertThat(late.bodyAsJsonObject().getString("status")).isEqualTo("failed");
    assertThat(shop.status(pending[0])).isEqualTo("failed");
    assertThat(shop.events("failed", order)).isEqualTo(1);
    assertThat(shop.events("captured", order)).isZero();
    assertThat(shop.kinds(pending[0])).containsExactly("authorization", "failure");
    assertThat(shop.app.db.count("SELECT count(*) FROM payment.webhook_deliveries WHERE webhook_id = '"
        + denied.getString("id") + "'")).isEqualTo(1);
  }

  @Test
  void aCaptureTimeoutIsUnknownUntilPayPalsOrderSaysItWasCaptured() {
    StripeShop.Shopper hal = shop.shopper();
    UUID order = shop.newOrder(hal, 5100);
    String id = PayPalStandIn.orderId();
    String capture = PayPalStandIn.captureId();
    String scenario = "timeout-" + order;
    paypal.server.stubFor(paypal.create(order).willReturn(json(201, order(id, "APPROVED", "51.00", "EUR", order, null))));
    paypal.server.stubFor(paypal.capture(id).willReturn(json(201,
        completed(id, capture, "COMPLETED", "51.00", "EUR", order, null)).withFixedDelay((int) (4 * StripeShop.TIMEOUT_MS))));
    paypal.server.stubFor(inScenario(paypal.lookUp(id), scenario, null, null)
        .willReturn(json(200, order(id, "APPROVED", "51.00", "EUR", order, null))
            .withFixedDelay((int) (4 * StripeShop.TIMEOUT_MS))));
    paypal.server.stubFor(inScenario(paypal.lookUp(id), scenario, "captured", null)
        .willReturn(json(200, completed(id, capture, "COMPLETED", "51.00", "EUR", order, null))));

    HttpResponse<Buffer> answer = pay(hal, order, "8kk8451t");
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(502);
    assertThat(answer.bodyAsJsonObject().getString("type")).isEqualTo("/problems/payment-outcome-unknown");
    String paymentId = answer.bodyAsJsonObject().getString("paymentId");
    assertThat(shop.status(paymentId)).isEqualTo("unknown");
    assertThat(shop.column("gateway_reference", paymentId)).isEqualTo(id);
    Await.until("the reconciler asked PayPal", Duration.ofSeconds(10), () -> !paypal.lookUps(id).isEmpty());
    assertThat(shop.status(paymentId)).isEqualTo("unknown");
    assertThat(shop.events("captured", order) + shop.events("failed", order)).isZero();

    paypal.server.setScenarioState(scenario, "captured");
    Await.until("the reconciler settles the payment", Duration.ofSeconds(15),
        () -> shop.status(paymentId).equals("captured"));
    assertThat(shop.column("gateway_reference", paymentId)).isEqualTo(capture);
    assertThat(shop.kinds(paymentId)).containsExactly("authorization", "capture");
    assertThat(shop.events("captured", order)).isEqualTo(1);
    assertThat(shop.checks(paymentId)).isZero();
    assertThat(paypal.captures(id)).as("the look-up said captured: no second capture").hasSize(1);
  }

  @Test
  void aServerErrorOnCaptureIsUnknownUntilPayPalsOrderShowsTheDecline() {
    StripeShop.Shopper ivy = shop.shopper();
    UUID order = shop.newOrder(ivy, 800);
    String id = PayPalStandIn.orderId();
    paypal.server.stubFor(paypal.create(order).willReturn(json(201, order(id, "APPROVED", "8.00", "EUR", order, null))));
    paypal.server.stubFor(paypal.capture(id).willReturn(json(500, new JsonObject().put("name", "INTERNAL_SERVER_ERROR")
        .put("message", "An internal server error occurred.").put("debug_id", "90957fca61718"))));
    paypal.server.stubFor(paypal.lookUp(id).willReturn(json(200,
        completed(id, PayPalStandIn.captureId(), "DECLINED", "8.00", "EUR", order, null))));
    HttpResponse<Buffer> answer = pay(ivy, order, "8kk8451t");
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(502);
    String paymentId = answer.bodyAsJsonObject().getString("paymentId");
    Await.until("the reconciler settles the payment", Duration.ofSeconds(15),
        () -> shop.status(paymentId).equals("failed"));
    assertThat(shop.column("failure_reason", paymentId)).isEqualTo("DECLINED_BY_RISK_FRAUD_FILTERS");
    assertThat(shop.events("failed", order)).isEqualTo(1);
    assertThat(shop.events("captured", order)).isZero();
    assertThat(paypal.lookUps(id)).isNotEmpty();
  }

  @Test
  void aMalformedAnswerIsUnknownUntilTheCreateIsRepeatedWithItsRequestId() {
    StripeShop.Shopper jo = shop.shopper();
    UUID order = shop.newOrder(jo, 1999);
    String id = PayPalStandIn.orderId();
    String scenario = "malformed-" + order;
    paypal.server.stubFor(inScenario(paypal.create(order), scenario, null, "stored").willReturn(WireMock.aResponse()
        .withStatus(201).withHeader("Content-Type", "application/json").withBody("{\"id\": \"" + id + "\", \"stat")));
    paypal.server.stubFor(inScenario(paypal.create(order), scenario, "stored", null)
        .willReturn(json(201, completed(id, PayPalStandIn.captureId(), "COMPLETED", "19.99", "EUR", order, null))));
    HttpResponse<Buffer> answer = pay(jo, order, "8kk8451t");
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(502);
    String paymentId = answer.bodyAsJsonObject().getString("paymentId");
    Await.until("the reconciler settles the payment", Duration.ofSeconds(15),
        () -> shop.status(paymentId).equals("captured"));
    assertThat(shop.events("captured", order)).isEqualTo(1);
    List<LoggedRequest> creates = paypal.creates(order);
    assertThat(creates).hasSizeGreaterThanOrEqualTo(2);
    assertThat(creates.stream().map(r -> r.getHeader("PayPal-Request-Id")).distinct().toList())
        .containsExactly("mercato-" + paymentId + "-create");
    assertThat(creates.stream().map(LoggedRequest::getBodyAsString).distinct().count())
        .as("every repeat sends the same order").isEqualTo(1);
  }

  @Test
  void refundsGoToTheCaptureAndNeverExceedIt() {
    StripeShop.Shopper kim = shop.shopper();
    UUID order = shop.newOrder(kim, 2500);
    String[] paid = captured(kim, order, 2500, "25.00");
    String capture = paid[2];
    paypal.server.stubFor(paypal.refund(capture).willReturn(json(201, PayPalStandIn.refundObject(
        "1JU08902781691411", "COMPLETED", "10.00", "EUR", capture, null))));

    HttpResponse<Buffer> part = shop.refund(paid[0], 1000);
    assertThat(part.statusCode()).as(part.bodyAsString()).isEqualTo(200);
    String refundId = part.bodyAsJsonObject().getString("refundId");
    LoggedRequest sent = paypal.refunds(capture).get(0);
    assertThat(sent.getHeader("PayPal-Request-Id")).isEqualTo(refundId);
    JsonObject body = new JsonObject(sent.getBodyAsString());
    assertThat(body.getJsonObject("amount")).isEqualTo(new JsonObject().put("currency_code", "EUR").put("value", "10.00"));
    assertThat(body.getString("custom_id")).isEqualTo(refundId);

    assertThat(shop.refund(paid[0], 1500).statusCode()).isEqualTo(200);
    assertThat(shop.column("refunded", paid[0])).isEqualTo("2500");
    HttpResponse<Buffer> over = shop.refund(paid[0], 1);
    assertThat(over.statusCode()).as(over.bodyAsString()).isEqualTo(409);
    assertThat(paypal.refunds(capture)).as("a refund beyond the capture is never sent").hasSize(2);
    assertThat(shop.kinds(paid[0])).containsExactly("authorization", "capture", "refund", "refund");
    assertThat(shop.events("refunded", order)).isEqualTo(2);

    // PayPal's event for a refund Mercato made changes nothing
    HttpResponse<Buffer> event = PayPalStandIn.deliver(shop.http, PayPalStandIn.event(PayPalStandIn.eventId(),
        "PAYMENT.CAPTURE.REFUNDED", "refund", PayPalStandIn.refundObject("1JU08902781691411", "COMPLETED", "10.00",
            "EUR", capture, UUID.fromString(refundId))));
    assertThat(event.statusCode()).as(event.bodyAsString()).isEqualTo(200);
    assertThat(shop.events("refunded", order)).isEqualTo(2);
  }

  @Test
  void aRefundPayPalDeclinesIsGivenBackAndOneMadeAtPayPalIsRecordedOnce() {
    StripeShop.Shopper lu = shop.shopper();
    UUID order = shop.newOrder(lu, 3000);
    String[] paid = captured(lu, order, 3000, "30.00");
    String capture = paid[2];
    paypal.server.stubFor(paypal.refund(capture).willReturn(json(422, PayPalStandIn.error("UNPROCESSABLE_ENTITY",
        "REFUND_NOT_ALLOWED", "Full refund refused - partial refund has already been done on this payment."))));
    HttpResponse<Buffer> declined = shop.refund(paid[0], 500);
    assertThat(declined.statusCode()).as(declined.bodyAsString()).isEqualTo(409);
    assertThat(declined.bodyAsJsonObject().getString("type")).isEqualTo("/problems/refund-declined");
    assertThat(shop.column("refunded", paid[0])).isEqualTo("0");

    JsonObject outside = PayPalStandIn.event(PayPalStandIn.eventId(), "PAYMENT.CAPTURE.REFUNDED", "refund",
        PayPalStandIn.refundObject("0DX26712RC455054N", "COMPLETED", "12.34", "EUR", capture, null));
    HttpResponse<Buffer> recorded = PayPalStandIn.deliver(shop.http, outside);
    assertThat(recorded.statusCode()).as(recorded.bodyAsString()).isEqualTo(200);
    assertThat(recorded.bodyAsJsonObject().getString("refund")).isEqualTo("recorded");
    assertThat(shop.column("refunded", paid[0])).isEqualTo("1234");
    HttpResponse<Buffer> redelivered = PayPalStandIn.deliver(shop.http, PayPalStandIn.event(PayPalStandIn.eventId(),
        "PAYMENT.CAPTURE.REFUNDED", "refund", outside.getJsonObject("resource")));
    assertThat(redelivered.bodyAsJsonObject().getString("refund")).isEqualTo("known");
    assertThat(shop.column("refunded", paid[0])).isEqualTo("1234");
    assertThat(shop.events("refunded", order)).isEqualTo(1);
  }

  @Test
  void aRefundWhoseAnswerWasLostStaysCountedUntilItsRepeatIsAnswered() {
    StripeShop.Shopper mo = shop.shopper();
    UUID order = shop.newOrder(mo, 2000);
    String[] paid = captured(mo, order, 2000, "20.00");
    String capture = paid[2];
    String scenario = "lost-refund-" + order;
    paypal.server.stubFor(inScenario(paypal.refund(capture), scenario, null, "stored")
        .willReturn(json(503, new JsonObject().put("name", "SERVICE_UNAVAILABLE")
            .put("message", "Service Unavailable.").put("debug_id", "b1c2d3e4f5a6b"))));
    paypal.server.stubFor(inScenario(paypal.refund(capture), scenario, "stored", null)
        .willReturn(json(201, PayPalStandIn.refundObject("3KR40571JF2117925", "COMPLETED", "7.00", "EUR", capture, null))));

    HttpResponse<Buffer> lost = shop.refund(paid[0], 700);
    assertThat(lost.statusCode()).as(lost.bodyAsString()).isEqualTo(502);
    assertThat(lost.bodyAsJsonObject().getString("type")).isEqualTo("/problems/payment-outcome-unknown");
    String refundId = lost.bodyAsJsonObject().getString("refundId");
    assertThat(shop.column("refunded", paid[0])).as("counted while unknown").isEqualTo("700");

    Await.until("the reconciler settles the refund", Duration.ofSeconds(15),
        () -> shop.column("refund_unknown", paid[0]).equals("0"));
    assertThat(shop.column("refunded", paid[0])).isEqualTo("700");
    assertThat(shop.kinds(paid[0])).containsExactly("authorization", "capture", "refund");
    assertThat(shop.events("refunded", order)).isEqualTo(1);
    assertThat(paypal.refunds(capture)).hasSize(2)
        .allSatisfy(r -> assertThat(r.getHeader("PayPal-Request-Id")).isEqualTo(refundId));
  }
}
