package mercato.payment;

import io.vertx.core.json.JsonObject;
import mercato.payment.Gateway.Outcome;
import mercato.payment.Gateway.Result;

/**
 * What Stripe's answers mean for Mercato, as its API documents them. Pure functions, no
 * Vert.x. A PaymentIntent: {@code succeeded} is captured, {@code requires_capture} authorised,
 * {@code requires_action} (3-D Secure: {@code next_action.redirect_to_url.url}, and the
 * {@code client_secret} Stripe.js completes it with) and
 * {@code processing} pending, {@code requires_payment_method} (with its
 * {@code last_payment_error}) and {@code canceled} declined. A 402 {@code card_error} is
 * declined with its {@code decline_code} (else its {@code code}) as reason. Anything Mercato
 * cannot read is an unknown outcome, never a guess.
 */
final class StripeAnswers {
  private StripeAnswers() {}

  /** The answer to a create, confirm or capture of a PaymentIntent. */
  static Result intent(StripeClient.Answer answer) {
    if (answer.ok()) {
      return intent(answer.body());
    }
    JsonObject error = answer.error();
    String type = error.getString("type");
    if (type == null || "idempotency_error".equals(type) || "api_error".equals(type)) {
      // A key sent with other parameters, or an error Stripe does not explain: what happened is not known.
      throw new Gateway.OutcomeUnknown("Stripe answered " + answer.status() + " (" + type + "): "
          + error.getString("message"));
    }
    JsonObject intent = error.getValue("payment_intent") instanceof JsonObject pi ? pi : null;
    if (intent != null && "succeeded".equals(intent.getString("status"))) {
      // A capture refused because it already happened (payment_intent_unexpected_state).
      return intent(intent);
    }
    return new Result(Outcome.DECLINED, intent == null ? null : intent.getString("id"), reason(error, type));
  }

  /**
   * The answer to a cancel: the canceled intent is declined; a refusal carries the intent in
   * the state that kept it from being canceled (succeeded, processing), which is what it is;
   * any other error says nothing about the charge.
   */
  static Result cancelled(StripeClient.Answer answer) {
    if (answer.ok()) {
      return intent(answer.body());
    }
    if (answer.error().getValue("payment_intent") instanceof JsonObject intent) {
      return intent(intent);
    }
    throw new Gateway.OutcomeUnknown("Stripe answered " + answer.status() + " to a cancel: "
        + answer.error().getString("message"));
  }

  /** A PaymentIntent object: from an answer, a search, or an event. */
  static Result intent(JsonObject intent) {
    String id = identified(intent, "payment_intent", "PaymentIntent");
    String status = intent.getString("status");
    return switch (status) {
      case "succeeded" -> new Result(Outcome.CAPTURED, id, null);
      case "requires_capture" -> new Result(Outcome.APPROVED, id, null);
      case "requires_action", "requires_confirmation" -> new Result(Outcome.PENDING, id, null, redirect(intent),
          intent.getValue("client_secret") instanceof String secret && !secret.isBlank() ? secret : null);
      case "processing" -> new Result(Outcome.PENDING, id, null);
      case "requires_payment_method" -> new Result(Outcome.DECLINED, id,
          intent.getValue("last_payment_error") instanceof JsonObject error
              ? reason(error, "requires_payment_method") : "requires_payment_method");
      case "canceled" -> new Result(Outcome.DECLINED, id, "canceled"
          + (intent.getValue("cancellation_reason") instanceof String why ? ":" + why : ""));
      default -> throw new Gateway.OutcomeUnknown("Stripe's PaymentIntent " + id + " has an unknown status " + status);
    };
  }

  /** The answer to a refund: {@code succeeded} or {@code pending} is accepted, {@code failed} or {@code canceled} declined. */
  static Result refund(StripeClient.Answer answer) {
    if (!answer.ok()) {
      JsonObject error = answer.error();
      String type = error.getString("type");
      if (type == null || "idempotency_error".equals(type) || "api_error".equals(type)) {
        throw new Gateway.OutcomeUnknown("Stripe answered " + answer.status() + " (" + type + ") to a refund");
      }
      return new Result(Outcome.DECLINED, null, reason(error, type));
    }
    return refund(answer.body());
  }

  /** A Refund object: from an answer, a list, or an event. */
  static Result refund(JsonObject refund) {
    String id = identified(refund, "refund", "Refund");
    String status = refund.getString("status");
    return switch (status) {
      case "succeeded", "pending" -> new Result(Outcome.APPROVED, id, null);
      case "failed", "canceled" -> new Result(Outcome.DECLINED, id,
          refund.getValue("failure_reason") instanceof String why ? why : status);
      default -> throw new Gateway.OutcomeUnknown("Stripe's Refund " + id + " has the status " + status);
    };
  }

  /** The decline code of a card error, else its code, else {@code fallback}. */
  static String reason(JsonObject error, String fallback) {
    if (error.getValue("decline_code") instanceof String code && !code.isBlank()) {
      return code;
    }
    if (error.getValue("code") instanceof String code && !code.isBlank()) {
      return code;
    }
    return fallback;
  }

  /** Where the customer authenticates, when Stripe asks for a redirect. */
  private static String redirect(JsonObject intent) {
    if (intent.getValue("next_action") instanceof JsonObject action
        && "redirect_to_url".equals(action.getValue("type"))
        && action.getValue("redirect_to_url") instanceof JsonObject redirect
        && redirect.getValue("url") instanceof String url) {
      return url;
    }
    return null;
  }

  /** The id of a Stripe object of {@code type} with a text id and status; else the outcome is unknown. */
  private static String identified(JsonObject object, String type, String name) {
    if (!(object.getValue("id") instanceof String id) || !(object.getValue("status") instanceof String)
        || !type.equals(object.getValue("object"))) {
      throw new Gateway.OutcomeUnknown("Stripe's answer is not a " + name);
    }
    return id;
  }
}
