package mercato.payment;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;

/**
 * PayPal, through Orders v2 with {@code intent: CAPTURE}. The token names how the payer
 * pays: {@link #CHECKOUT} creates an order the payer approves at PayPal (the payment is
 * pending with the approve or payer-action link, and completes on the webhook or the
 * reconciler); any other token is a PayPal vault id (a payer's saved account), charged
 * without the payer present. An approved order is captured at once. Every POST carries a
 * {@code PayPal-Request-Id} made of Mercato's id and the step (a refund: Mercato's refund
 * id), so a repeat after a lost answer is answered with what PayPal did the first time and
 * never charges twice. Within {@link #REPEAT_WITHIN} a lost create or refund is repeated with
 * its request id; a known order is looked up by {@code GET /v2/checkout/orders/{id}}.
 */
final class PayPalGateway implements Gateway, Reconcilable {
  static final String NAME = "paypal";
  /** The token of a checkout the payer approves at PayPal. */
  static final String CHECKOUT = "checkout";
  /** PayPal remembers a PayPal-Request-Id for at least this long: a lost answer is asked for again with it meanwhile. */
  static final Duration REPEAT_WITHIN = Duration.ofHours(6);

  private final PayPalClient client;
  private final PayPalConfig config;

  PayPalGateway(PayPalClient client, PayPalConfig config) {
    this.client = client;
    this.config = config;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Future<Result> authorize(Charge charge, String token) {
    JsonObject amount;
    try {
      amount = PayPalAmounts.amount(charge.amount(), charge.currency());
    } catch (IllegalArgumentException e) {
      // Refused before anything is sent: nothing happened at PayPal.
      return Future.succeededFuture(new Result(Outcome.DECLINED, null, "amount-not-payable-at-paypal"));
    }
    JsonObject unit = new JsonObject()
        .put("reference_id", charge.orderId().toString())
        .put("custom_id", charge.paymentId().toString())
        .put("description", "Mercato order " + charge.orderId())
        .put("amount", amount);
    JsonObject body = new JsonObject().put("intent", "CAPTURE").put("purchase_units", new JsonArray().add(unit))
        .put("payment_source", new JsonObject().put("paypal", source(charge, token)));
    return client.post("/v2/checkout/orders", body, GatewayHttp.key(charge.paymentId(), "create"))
        .map(PayPalAnswers::order);
  }

  @Override
  public Future<Result> capture(Charge charge, String authorization) {
    if (authorization == null || !PayPalAnswers.ID.matcher(authorization).matches()) {
      return Future.failedFuture(new OutcomeUnknown("no PayPal order to capture"));
    }
    return client.post("/v2/checkout/orders/" + authorization + "/capture", new JsonObject(),
            GatewayHttp.key(charge.paymentId(), "capture"))
        .map(reply -> {
          Result said = PayPalAnswers.order(reply);
          // An error names no order: the pending or declined payment keeps the order's id.
          return said.reference() == null
              ? new Result(said.outcome(), authorization, said.reason(), said.actionUrl(), said.actionSecret()) : said;
        });
  }

  @Override
  public Future<Result> refund(RefundRequest refund) {
    if (refund.capture() == null || !PayPalAnswers.ID.matcher(refund.capture()).matches()) {
      return Future.succeededFuture(new Result(Outcome.DECLINED, null, "no-paypal-capture"));
    }
    JsonObject body;
    try {
      body = new JsonObject().put("amount", PayPalAmounts.amount(refund.amount(), refund.currency()))
          .put("custom_id", refund.refundId().toString());
    } catch (IllegalArgumentException e) {
      return Future.succeededFuture(new Result(Outcome.DECLINED, null, "amount-not-payable-at-paypal"));
    }
    return client.post("/v2/payments/captures/" + refund.capture() + "/refund", body, refund.refundId().toString())
        .map(PayPalAnswers::refund);
  }

  @Override
  public Future<Result> lookUpCharge(Charge charge, String reference, String token, Instant created) {
    Duration age = Duration.between(created, Instant.now());
    if (reference == null) {
      // The create's answer was lost: the same request id gets what PayPal did with it, or does it now.
      return age.compareTo(REPEAT_WITHIN) < 0 && token != null
          ? authorize(charge, token)
          : Future.failedFuture(new OutcomeUnknown("the create's answer was lost more than " + REPEAT_WITHIN.toHours()
              + " h ago; PayPal no longer replays it: look the payment up in PayPal's activity"));
    }
    if (!PayPalAnswers.ID.matcher(reference).matches()) {
      return Future.failedFuture(new OutcomeUnknown("the stored reference is not a PayPal id"));
    }
    // Any answer but the order (a 404 too: PayPal does not say whether it expired unpaid) is no answer.
    return client.get("/v2/checkout/orders/" + reference).map(reply -> {
      if (!reply.ok()) {
        throw new OutcomeUnknown("PayPal answered " + reply.status() + " (" + PayPalAnswers.issue(reply.body())
            + ") to a look-up of order " + reference);
      }
      return PayPalAnswers.order(reply.body());
    });
  }

  @Override
  public Future<Result> lookUpRefund(RefundRequest refund, Instant created) {
    Duration age = Duration.between(created, Instant.now());
    return age.compareTo(REPEAT_WITHIN) < 0
        ? refund(refund)
        : Future.failedFuture(new OutcomeUnknown("the refund's answer was lost more than " + REPEAT_WITHIN.toHours()
            + " h ago; PayPal no longer replays it: look it up in PayPal's activity"));
  }

  /**
   * PayPal takes the money of a checkout only when Mercato captures it, and Mercato captures
   * no payment it gave up: whatever PayPal says of an order the payer has not approved (or of
   * one it cannot find, or when it does not answer), the payment is given up. An order the
   * payer approved meanwhile is captured instead; a completed one is what its capture says.
   */
  @Override
  public Future<Result> abandon(Charge charge, String reference) {
    Result givenUp = new Result(Outcome.DECLINED, reference, Abandonment.REASON);
    if (reference == null || !PayPalAnswers.ID.matcher(reference).matches()) {
      return Future.succeededFuture(givenUp);
    }
    return client.get("/v2/checkout/orders/" + reference).transform(asked -> {
      JsonObject order = asked.succeeded() && asked.result().ok() ? asked.result().body() : null;
      Object status = order == null ? null : order.getValue("status");
      return "APPROVED".equals(status) || "COMPLETED".equals(status)
          ? Future.succeededFuture(order).map(PayPalAnswers::order)
          : Future.succeededFuture(givenUp);
    });
  }

  /** {@code payment_source.paypal}: a saved account (vault id), or a checkout the payer approves and returns from. */
  private JsonObject source(Charge charge, String token) {
    if (!CHECKOUT.equals(token)) {
      return new JsonObject().put("vault_id", token);
    }
    String order = charge.orderId().toString();
    return new JsonObject().put("experience_context", new JsonObject()
        .put("user_action", "PAY_NOW")
        .put("shipping_preference", "NO_SHIPPING")
        .put("return_url", config.returnUrl().replace("{orderId}", order))
        .put("cancel_url", config.cancelUrl().replace("{orderId}", order)));
  }
}
