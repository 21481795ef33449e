package mercato.payment;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Stripe, through PaymentIntents: a create with {@code confirm=true} authorises (and, with
 * {@code capture_method=automatic}, captures) the payment method the client tokenised;
 * {@code /capture} captures a manual one; {@code /v1/refunds} refunds part or all of it. Every
 * POST carries an Idempotency-Key made of Mercato's own id and the step, so a repeat (by the
 * reconciler, after a lost answer) is answered with what Stripe did the first time, or done
 * now if the first never arrived, and never charges twice. Stripe keeps keys at least 24
 * hours: within {@link #REPEAT_WITHIN} a lost answer is asked for again with the same key,
 * after that, or when the repeat is answered with the stored 5xx, Stripe's search (by
 * {@code metadata[payment_id]}) and the refund list (by {@code metadata[refund_id]}) tell.
 */
final class StripeGateway implements Gateway, Reconcilable {
  static final String NAME = "stripe";
  /** Within this age a create or refund is repeated with its key (Stripe prunes keys after at least 24 h). */
  static final Duration REPEAT_WITHIN = Duration.ofHours(23);
  /** A charge or refund Stripe's search and lists have not shown by this age never reached Stripe (search lags up to an hour). */
  static final Duration ABSENT_AFTER = Duration.ofHours(25);
  private static final Pattern STRIPE_ID = Pattern.compile("[A-Za-z0-9_]{1,255}");

  private final StripeClient client;
  private final StripeConfig config;

  StripeGateway(StripeClient client, StripeConfig config) {
    this.client = client;
    this.config = config;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Future<Result> authorize(Charge charge, String token) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap()
        .add("amount", Long.toString(charge.amount()))
        .add("currency", charge.currency().toLowerCase(Locale.ROOT))
        .add("payment_method", token)
        .add("payment_method_types[0]", "card")
        .add("confirm", "true")
        .add("capture_method", config.captureMethod())
        .add("return_url", config.returnUrl().replace("{orderId}", charge.orderId().toString()))
        .add("description", "Mercato order " + charge.orderId())
        .add("metadata[payment_id]", charge.paymentId().toString())
        .add("metadata[order_id]", charge.orderId().toString());
    return client.post("/v1/payment_intents", form, key(charge.paymentId(), "create")).map(StripeAnswers::intent);
  }

  @Override
  public Future<Result> capture(Charge charge, String authorization) {
    if (authorization == null || !STRIPE_ID.matcher(authorization).matches()) {
      return Future.failedFuture(new OutcomeUnknown("no PaymentIntent to capture"));
    }
    MultiMap form = MultiMap.caseInsensitiveMultiMap().add("amount_to_capture", Long.toString(charge.amount()));
    return client.post("/v1/payment_intents/" + authorization + "/capture", form, key(charge.paymentId(), "capture"))
        .map(StripeAnswers::intent);
  }

  @Override
  public Future<Result> refund(RefundRequest refund) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap()
        .add("payment_intent", refund.capture())
        .add("amount", Long.toString(refund.amount()))
        .add("metadata[refund_id]", refund.refundId().toString())
        .add("metadata[payment_id]", refund.paymentId().toString());
    return client.post("/v1/refunds", form, key(refund.refundId(), "refund")).map(StripeAnswers::refund);
  }

  @Override
  public Future<Result> lookUpCharge(Charge charge, String reference, String token, Instant created) {
    if (reference != null) {
      if (!STRIPE_ID.matcher(reference).matches()) {
        return Future.failedFuture(new OutcomeUnknown("the stored reference is not a Stripe id"));
      }
      return client.get("/v1/payment_intents/" + reference, MultiMap.caseInsensitiveMultiMap())
          .map(answer -> StripeAnswers.intent(found(answer)));
    }
    Duration age = Duration.between(created, Instant.now());
    Future<Result> repeated = age.compareTo(REPEAT_WITHIN) < 0 && token != null
        ? authorize(charge, token)
        : Future.failedFuture(new OutcomeUnknown("too old to repeat"));
    return repeated.recover(lost -> search(charge, age));
  }

  @Override
  public Future<Result> lookUpRefund(RefundRequest refund, Instant created) {
    Duration age = Duration.between(created, Instant.now());
    Future<Result> repeated = age.compareTo(REPEAT_WITHIN) < 0
        ? refund(refund)
        : Future.failedFuture(new OutcomeUnknown("too old to repeat"));
    return repeated.recover(lost -> listed(refund, age));
  }

  /**
   * Cancels the PaymentIntent ({@code cancellation_reason=abandoned}): once canceled, Stripe
   * never takes its money, even if the customer completes 3-D Secure afterwards. A refusal
   * names the intent's state (it succeeded, or is processing), which is what the charge is.
   */
  @Override
  public Future<Result> abandon(Charge charge, String reference) {
    if (reference == null || !STRIPE_ID.matcher(reference).matches()) {
      return Future.failedFuture(new OutcomeUnknown("no PaymentIntent to cancel"));
    }
    MultiMap form = MultiMap.caseInsensitiveMultiMap().add("cancellation_reason", "abandoned");
    return client.post("/v1/payment_intents/" + reference + "/cancel", form, key(charge.paymentId(), "cancel"))
        .map(StripeAnswers::cancelled);
  }

  /** Stripe's search for the PaymentIntent whose metadata names the payment. */
  private Future<Result> search(Charge charge, Duration age) {
    MultiMap query = MultiMap.caseInsensitiveMultiMap()
        .add("query", "metadata['payment_id']:'" + charge.paymentId() + "'");
    return client.get("/v1/payment_intents/search", query).map(answer -> {
      JsonArray data = found(answer).getJsonArray("data", new JsonArray());
      if (!data.isEmpty()) {
        return StripeAnswers.intent(data.getJsonObject(0));
      }
      return absent(age, "no PaymentIntent names payment " + charge.paymentId() + " yet");
    });
  }

  /** The PaymentIntent's refunds, for the one whose metadata names Mercato's refund. */
  private Future<Result> listed(RefundRequest refund, Duration age) {
    MultiMap query = MultiMap.caseInsensitiveMultiMap().add("payment_intent", refund.capture()).add("limit", "100");
    return client.get("/v1/refunds", query).map(answer -> {
      for (Object item : found(answer).getJsonArray("data", new JsonArray())) {
        if (item instanceof JsonObject listed && listed.getValue("metadata") instanceof JsonObject metadata
            && refund.refundId().toString().equals(metadata.getValue("refund_id"))) {
          return StripeAnswers.refund(listed);
        }
      }
      return absent(age, "no refund names " + refund.refundId() + " yet");
    });
  }

  /** Not shown by Stripe: never arrived once search has surely caught up, else not known yet. */
  private static Result absent(Duration age, String notYet) {
    if (age.compareTo(ABSENT_AFTER) > 0) {
      return new Result(Outcome.DECLINED, null, "not-at-gateway");
    }
    throw new OutcomeUnknown(notYet);
  }

  /** The object of a look-up's 2xx; any other answer to a look-up says nothing about the charge. */
  private static JsonObject found(StripeClient.Answer answer) {
    if (!answer.ok()) {
      throw new OutcomeUnknown("Stripe answered " + answer.status() + " to a look-up: "
          + answer.error().getString("message"));
    }
    return answer.body();
  }

  /** The Idempotency-Key of one step of one Mercato object. */
  static String key(UUID id, String step) {
    return GatewayHttp.key(id, step);
  }
}
