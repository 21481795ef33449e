package mercato.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.UUID;
import mercato.payment.Gateway.Outcome;
import mercato.payment.Gateway.Result;
import org.junit.jupiter.api.Test;

/** What Stripe's documented answers mean: PaymentIntent statuses, card errors, refunds; nothing unreadable is guessed. */
class StripeAnswersTest {
  static final UUID ORDER = UUID.randomUUID();

  static JsonObject intent(String status) {
    return StripeStandIn.intent("pi_3Test", status, 1000, "eur", null, ORDER, "automatic");
  }

  static StripeClient.Answer answer(int status, JsonObject body) {
    return new StripeClient.Answer(status, body);
  }

  @Test
  void eachPaymentIntentStatusMapsToAnOutcome() {
    assertThat(StripeAnswers.intent(intent("succeeded"))).isEqualTo(new Result(Outcome.CAPTURED, "pi_3Test", null));
    assertThat(StripeAnswers.intent(intent("requires_capture")).outcome()).isEqualTo(Outcome.APPROVED);
    assertThat(StripeAnswers.intent(intent("processing"))).isEqualTo(new Result(Outcome.PENDING, "pi_3Test", null));
    Result action = StripeAnswers.intent(StripeStandIn.requiresAction("pi_3Test", 1000, "eur", null, ORDER,
        "https://hooks.stripe.com/3ds"));
    // With the client secret Stripe.js completes the action in the page.
    assertThat(action).isEqualTo(new Result(Outcome.PENDING, "pi_3Test", null, "https://hooks.stripe.com/3ds",
        "pi_3Test_secret_Xa3fMercatoStandIn"));
    assertThat(StripeAnswers.intent(intent("requires_payment_method")))
        .isEqualTo(new Result(Outcome.DECLINED, "pi_3Test", "requires_payment_method"));
    assertThat(StripeAnswers.intent(intent("requires_payment_method").put("last_payment_error",
        new JsonObject().put("code", "card_declined").put("decline_code", "lost_card"))).reason()).isEqualTo("lost_card");
    assertThat(StripeAnswers.intent(intent("requires_payment_method").put("last_payment_error",
        new JsonObject().put("code", "expired_card"))).reason()).isEqualTo("expired_card");
    assertThat(StripeAnswers.intent(intent("canceled").put("cancellation_reason", "abandoned")).reason())
        .isEqualTo("canceled:abandoned");
  }

  @Test
  void aCardErrorIsADeclineWithItsDeclineCodeAndItsPaymentIntent() {
    JsonObject error = StripeStandIn.cardError("card_declined", "insufficient_funds", "Your card has insufficient funds.",
        intent("requires_payment_method"));
    assertThat(StripeAnswers.intent(answer(402, error)))
        .isEqualTo(new Result(Outcome.DECLINED, "pi_3Test", "insufficient_funds"));
    JsonObject noDeclineCode = StripeStandIn.cardError("incorrect_cvc", null, "Your card's security code is incorrect.",
        intent("requires_payment_method"));
    assertThat(StripeAnswers.intent(answer(402, noDeclineCode)).reason()).isEqualTo("incorrect_cvc");
    JsonObject missing = new JsonObject().put("error", new JsonObject().put("type", "invalid_request_error")
        .put("code", "resource_missing").put("param", "payment_method").put("message", "No such PaymentMethod: 'pm_x'"));
    assertThat(StripeAnswers.intent(answer(400, missing))).isEqualTo(new Result(Outcome.DECLINED, null, "resource_missing"));
  }

  @Test
  void whatCannotBeReadIsAnUnknownOutcome() {
    assertThatThrownBy(() -> StripeAnswers.intent(intent("some_new_status"))).isInstanceOf(Gateway.OutcomeUnknown.class);
    assertThatThrownBy(() -> StripeAnswers.intent(new JsonObject().put("id", "pi_1")))
        .isInstanceOf(Gateway.OutcomeUnknown.class);
    assertThatThrownBy(() -> StripeAnswers.intent(new JsonObject().put("id", "ch_1").put("object", "charge")
        .put("status", "succeeded"))).isInstanceOf(Gateway.OutcomeUnknown.class);
    assertThatThrownBy(() -> StripeAnswers.intent(answer(400, new JsonObject().put("error", new JsonObject()
        .put("type", "idempotency_error").put("message", "Keys for idempotent requests can only be used with the same"
            + " parameters they were first used with.")))))
        .isInstanceOf(Gateway.OutcomeUnknown.class);
    assertThatThrownBy(() -> StripeAnswers.intent(answer(400, new JsonObject()))).isInstanceOf(Gateway.OutcomeUnknown.class);
  }

  @Test
  void refundsAreAcceptedWhenSucceededOrPendingAndDeclinedWhenFailed() {
    UUID id = UUID.randomUUID();
    assertThat(StripeAnswers.refund(StripeStandIn.refundObject("re_1", "pi_3Test", 100, "eur", "succeeded", id)))
        .isEqualTo(new Result(Outcome.APPROVED, "re_1", null));
    assertThat(StripeAnswers.refund(StripeStandIn.refundObject("re_1", "pi_3Test", 100, "eur", "pending", id)).outcome())
        .isEqualTo(Outcome.APPROVED);
    assertThat(StripeAnswers.refund(StripeStandIn.refundObject("re_1", "pi_3Test", 100, "eur", "failed", id)
        .put("failure_reason", "expired_or_canceled_card"))).isEqualTo(new Result(Outcome.DECLINED, "re_1",
        "expired_or_canceled_card"));
    assertThat(StripeAnswers.refund(answer(400, new JsonObject().put("error", new JsonObject()
        .put("type", "invalid_request_error").put("code", "charge_already_refunded")))).reason())
        .isEqualTo("charge_already_refunded");
    assertThatThrownBy(() -> StripeAnswers.refund(StripeStandIn.refundObject("re_1", "pi_3Test", 100, "eur",
        "requires_action", id))).isInstanceOf(Gateway.OutcomeUnknown.class);
  }
}
