package mercato.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static mercato.payment.PayPalStandIn.completed;
import static mercato.payment.PayPalStandIn.order;
import static mercato.payment.StripeStandIn.inScenario;
import static mercato.payment.StripeStandIn.intent;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vertx.core.buffer.Buffer;
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
 * Payments the customer abandons, on a whole node with Stripe and PayPal stand-ins: a PayPal
 * checkout never approved, or a 3-D Secure check never completed, is given up when the
 * customer pays the order another way, when the order is cancelled, or when it waited longer
 * than payment.pendingMinutes; one that completed meanwhile is kept instead; and no capture
 * is ever sent for a given-up payment, nor a started capture given up.
 */
class AbandonedPaymentsTest {
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

  String[] awaitingPayer(StripeShop.Shopper shopper, UUID order, String value) {
    return paypal.awaitingPayer(shop, shopper, order, value);
  }

  /** A Stripe payment waiting for 3-D Secure (the order's first create): the payment's id and its PaymentIntent. */
  String[] awaitingThreeDSecure(StripeShop.Shopper shopper, UUID order, long amount, String scenario) {
    String pi = StripeShop.intentId();
    shop.stripe.server.stubFor(inScenario(shop.stripe.create(order), scenario, null, "second")
        .willReturn(StripeStandIn.json(200, StripeStandIn.requiresAction(pi, amount, "eur", null, order,
            "https://hooks.stripe.com/3d_secure_2/hosted?payment_intent=" + pi))));
    shop.stripe.server.stubFor(shop.stripe.retrieve(pi).willReturn(StripeStandIn.json(200,
        StripeStandIn.requiresAction(pi, amount, "eur", null, order, "https://hooks.stripe.com/3d_secure_2/x"))));
    HttpResponse<Buffer> answer = shop.pay(shopper, order, "pm_card_threeDSecure2Required", null);
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(201);
    assertThat(answer.bodyAsJsonObject().getString("status")).isEqualTo("pending");
    return new String[] {answer.bodyAsJsonObject().getString("paymentId"), pi};
  }

  /** Pays {@code order} with a Stripe card that Stripe captures at once (the order's second create in {@code scenario}). */
  HttpResponse<Buffer> payByCard(StripeShop.Shopper shopper, UUID order, long amount, String scenario) {
    String pi = StripeShop.intentId();
    var create = scenario == null ? shop.stripe.create(order) : inScenario(shop.stripe.create(order), scenario, "second",
        null);
    shop.stripe.server.stubFor(create.willReturn(StripeStandIn.json(200,
        intent(pi, "succeeded", amount, "eur", null, order, "automatic"))));
    return shop.pay(shopper, order, "pm_card_visa", null);
  }

  List<LoggedRequest> cancels(String pi) {
    return shop.stripe.server.findAll(postRequestedFor(urlPathEqualTo("/v1/payment_intents/" + pi + "/cancel")));
  }

  String reason(String paymentId) {
    return shop.column("failure_reason", paymentId);
  }

  // ---- the tests

  @Test
  void payingByCardGivesUpAPayPalCheckoutThePayerNeverApproved() {
    StripeShop.Shopper ada = shop.shopper();
    UUID order = shop.newOrder(ada, 3100);
    String[] pending = awaitingPayer(ada, order, "31.00");

    HttpResponse<Buffer> card = payByCard(ada, order, 3100, null);
    assertThat(card.statusCode()).as(card.bodyAsString()).isEqualTo(201);
    assertThat(card.bodyAsJsonObject().getString("status")).isEqualTo("captured");
    assertThat(shop.status(pending[0])).isEqualTo("failed");
    assertThat(reason(pending[0])).isEqualTo(Abandonment.REASON);
    assertThat(shop.checks(pending[0])).isZero();
    assertThat(shop.events("failed", order)).as("the order hears the PayPal payment failed").isEqualTo(1);
    assertThat(shop.events("captured", order)).isEqualTo(1);
    assertThat(paypal.lookUps(pending[1])).as("PayPal was asked before giving up").isNotEmpty();

    // the payer approves at PayPal afterwards: the webhook is answered, and the order is never captured
    UUID payment = UUID.fromString(pending[0]);
    JsonObject approved = order(pending[1], "APPROVED", "31.00", "EUR", order, payment);
    paypal.server.stubFor(paypal.lookUp(pending[1]).willReturn(PayPalStandIn.json(200, approved)));
    HttpResponse<Buffer> delivered = PayPalStandIn.deliver(shop.http,
        PayPalStandIn.event(PayPalStandIn.eventId(), "CHECKOUT.ORDER.APPROVED", "checkout-order", approved));
    assertThat(delivered.statusCode()).as(delivered.bodyAsString()).isEqualTo(200);
    assertThat(delivered.bodyAsJsonObject().getString("ignored")).contains("given up");
    assertThat(paypal.captures(pending[1])).isEmpty();
    assertThat(shop.status(pending[0])).isEqualTo("failed");
  }

  @Test
  void aCheckoutApprovedMeanwhileIsCapturedAndTheNewPaymentRefused() {
    StripeShop.Shopper bo = shop.shopper();
    UUID order = shop.newOrder(bo, 1800);
    String[] pending = awaitingPayer(bo, order, "18.00");
    UUID payment = UUID.fromString(pending[0]);
    String capture = PayPalStandIn.captureId();
    paypal.server.stubFor(paypal.lookUp(pending[1]).willReturn(PayPalStandIn.json(200,
        order(pending[1], "APPROVED", "18.00", "EUR", order, payment))));
    paypal.server.stubFor(paypal.capture(pending[1]).willReturn(PayPalStandIn.json(201,
        completed(pending[1], capture, "COMPLETED", "18.00", "EUR", order, payment))));

    HttpResponse<Buffer> card = payByCard(bo, order, 1800, null);
    assertThat(card.statusCode()).as(card.bodyAsString()).isEqualTo(409);
    assertThat(shop.status(pending[0])).isEqualTo("captured");
    assertThat(shop.column("gateway_reference", pending[0])).isEqualTo(capture);
    assertThat(shop.column("capture_started_at", pending[0])).as("marked before the capture was sent").isNotNull();
    assertThat(shop.stripe.creates(order)).as("no card was charged").isEmpty();
    assertThat(shop.events("captured", order)).isEqualTo(1);
    assertThat(shop.events("failed", order)).isZero();
  }

  @Test
  void payingAgainCancelsAStripePaymentWaitingForThreeDSecure() {
    StripeShop.Shopper cy = shop.shopper();
    UUID order = shop.newOrder(cy, 4200);
    String scenario = "three-d-secure-" + order;
    String[] pending = awaitingThreeDSecure(cy, order, 4200, scenario);
    shop.stripe.server.stubFor(shop.stripe.cancel(pending[1]).willReturn(StripeStandIn.json(200,
        intent(pending[1], "canceled", 4200, "eur", UUID.fromString(pending[0]), order, "automatic")
            .put("cancellation_reason", "abandoned"))));

    HttpResponse<Buffer> again = payByCard(cy, order, 4200, scenario);
    assertThat(again.statusCode()).as(again.bodyAsString()).isEqualTo(201);
    assertThat(again.bodyAsJsonObject().getString("status")).isEqualTo("captured");
    List<LoggedRequest> cancels = cancels(pending[1]);
    assertThat(cancels).hasSize(1);
    assertThat(StripeShop.form(cancels.get(0), "cancellation_reason")).isEqualTo("abandoned");
    assertThat(cancels.get(0).getHeader("Idempotency-Key")).isEqualTo("mercato-" + pending[0] + "-cancel");
    assertThat(shop.status(pending[0])).isEqualTo("failed");
    assertThat(reason(pending[0])).isEqualTo(Abandonment.REASON);
    assertThat(shop.column("next_action_secret", pending[0])).as("the 3-D Secure secret is cleared").isNull();
  }

  @Test
  void aStripePaymentThatSucceededMeanwhileIsKept() {
    StripeShop.Shopper di = shop.shopper();
    UUID order = shop.newOrder(di, 990);
    String scenario = "succeeded-meanwhile-" + order;
    String[] pending = awaitingThreeDSecure(di, order, 990, scenario);
    JsonObject succeeded = intent(pending[1], "succeeded", 990, "eur", UUID.fromString(pending[0]), order, "automatic");
    shop.stripe.server.stubFor(shop.stripe.cancel(pending[1]).willReturn(StripeStandIn.json(400, new JsonObject()
        .put("error", new JsonObject().put("type", "invalid_request_error").put("code", "payment_intent_unexpected_state")
            .put("message", "You cannot cancel this PaymentIntent because it has a status of succeeded. Only a"
                + " PaymentIntent with one of the following statuses may be canceled: requires_payment_method,"
                + " requires_capture, requires_confirmation, requires_action, processing.")
            .put("payment_intent", succeeded)))));

    HttpResponse<Buffer> again = payByCard(di, order, 990, scenario);
    assertThat(again.statusCode()).as(again.bodyAsString()).isEqualTo(409);
    assertThat(shop.status(pending[0])).isEqualTo("captured");
    assertThat(shop.stripe.creates(order)).as("only the first PaymentIntent was created").hasSize(1);
    assertThat(shop.events("captured", order)).isEqualTo(1);
  }

  @Test
  void stripeNotConfirmingTheCancelIsA503AndChangesNothing() {
    StripeShop.Shopper ed = shop.shopper();
    UUID order = shop.newOrder(ed, 700);
    String scenario = "cancel-unanswered-" + order;
    String[] pending = awaitingThreeDSecure(ed, order, 700, scenario);
    shop.stripe.server.stubFor(shop.stripe.cancel(pending[1]).willReturn(StripeStandIn.json(500, StripeStandIn.apiError())));

    HttpResponse<Buffer> again = payByCard(ed, order, 700, scenario);
    assertThat(again.statusCode()).as(again.bodyAsString()).isEqualTo(503);
    assertThat(again.getHeader("Content-Type")).startsWith("application/problem+json");
    assertThat(shop.status(pending[0])).isEqualTo("pending");
    assertThat(shop.stripe.creates(order)).hasSize(1);
  }

  @Test
  void theReconcilerGivesUpTheCheckoutOfACancelledOrder() {
    StripeShop.Shopper fa = shop.shopper();
    UUID order = shop.newOrder(fa, 2500);
    String[] pending = awaitingPayer(fa, order, "25.00");
    JsonObject cancelled = new JsonObject().put("specversion", "1.0").put("id", UUID.randomUUID().toString())
        .put("type", "mercato.order.cancelled.v1").put("source", "/mercato/order").put("subject", order.toString())
        .put("time", "2026-01-01T00:00:00Z").put("data", new JsonObject().put("orderId", order.toString())
            .put("accountId", fa.account().toString()).put("reason", "reservation-expired"));
    Await.result(shop.app.node.vertx().eventBus().request("mercato.payment.inbox", cancelled));

    Await.until("the cancelled order's checkout is given up", Duration.ofSeconds(15),
        () -> shop.status(pending[0]).equals("failed"));
    assertThat(reason(pending[0])).isEqualTo(Abandonment.REASON);
    assertThat(shop.checks(pending[0])).isZero();
    assertThat(paypal.captures(pending[1])).isEmpty();
  }

  @Test
  void aCheckoutWaitingLongerThanPendingMinutesIsGivenUp() {
    StripeShop.Shopper gus = shop.shopper();
    UUID order = shop.newOrder(gus, 1200);
    String[] pending = awaitingPayer(gus, order, "12.00");
    // Looked up and still waiting: kept while younger than payment.pendingMinutes (60).
    Await.until("the reconciler looked the checkout up", Duration.ofSeconds(15),
        () -> paypal.lookUps(pending[1]).size() >= 2);
    assertThat(shop.status(pending[0])).isEqualTo("pending");

    shop.app.db.execute("UPDATE payment.payments SET created_at = now() - interval '61 minutes' WHERE id = '"
        + pending[0] + "'");
    shop.app.db.execute("UPDATE payment.gateway_checks SET next_check_at = now() WHERE id = '" + pending[0] + "'");
    Await.until("the stale checkout is given up", Duration.ofSeconds(15),
        () -> shop.status(pending[0]).equals("failed"));
    assertThat(reason(pending[0])).isEqualTo(Abandonment.REASON);
    assertThat(shop.events("failed", order)).isEqualTo(1);
  }

  @Test
  void aCheckoutLookedAtRarelyIsLookedAtAgainWhenItIsDueToBeGivenUp() {
    StripeShop.Shopper ida = shop.shopper();
    UUID order = shop.newOrder(ida, 1300);
    String[] pending = awaitingPayer(ida, order, "13.00");
    // Looked up many times already (the next look would be an hour away), and due to be given up in 3 s.
    shop.app.db.execute("UPDATE payment.payments SET created_at = now() - interval '60 minutes' + interval '3 seconds'"
        + " WHERE id = '" + pending[0] + "'");
    shop.app.db.execute("UPDATE payment.gateway_checks SET attempts = 30, next_check_at = now() WHERE id = '"
        + pending[0] + "'");
    Await.until("the checkout is given up when it is due, not an hour later", Duration.ofSeconds(20),
        () -> shop.status(pending[0]).equals("failed"));
    assertThat(reason(pending[0])).isEqualTo(Abandonment.REASON);
  }

  @Test
  void aPaymentWhoseCaptureStartedIsNeverGivenUp() {
    StripeShop.Shopper hal = shop.shopper();
    UUID order = shop.newOrder(hal, 1500);
    String[] pending = awaitingPayer(hal, order, "15.00");
    // As if the reconciler had just marked the capture of an approval it saw, and its call were on the way.
    shop.app.db.execute("UPDATE payment.payments SET capture_started_at = now() WHERE id = '" + pending[0] + "'");

    HttpResponse<Buffer> card = payByCard(hal, order, 1500, null);
    assertThat(card.statusCode()).as(card.bodyAsString()).isEqualTo(409);
    assertThat(shop.status(pending[0])).isEqualTo("pending");
    assertThat(shop.stripe.creates(order)).isEmpty();
  }
}
