package mercato.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.UUID;
import mercato.payment.Gateway.Outcome;
import mercato.payment.Gateway.Result;
import org.junit.jupiter.api.Test;

/** What PayPal's order, capture, refund and error answers mean, without Vert.x or HTTP. */
class PayPalAnswersTest {
  static final UUID ORDER = UUID.randomUUID();

  @Test
  void ordersAwaitingThePayerArePendingWithTheirLink() {
    Result created = PayPalAnswers.order(PayPalStandIn.order("5O190127TN364715T", "CREATED", "1.00", "EUR", ORDER, null));
    assertThat(created.outcome()).isEqualTo(Outcome.PENDING);
    assertThat(created.reference()).isEqualTo("5O190127TN364715T");
    assertThat(created.actionUrl()).isEqualTo("https://www.sandbox.paypal.com/checkoutnow?token=5O190127TN364715T");
    Result action = PayPalAnswers.order(
        PayPalStandIn.order("5O190127TN364715T", "PAYER_ACTION_REQUIRED", "1.00", "EUR", ORDER, null));
    assertThat(action.outcome()).isEqualTo(Outcome.PENDING);
    assertThat(action.actionUrl()).contains("checkoutnow");
  }

  @Test
  void anApprovedOrderIsToBeCapturedAndACompletedOneIsItsCapture() {
    assertThat(PayPalAnswers.order(PayPalStandIn.order("ORDER1", "APPROVED", "1.00", "EUR", ORDER, null)))
        .isEqualTo(new Result(Outcome.APPROVED, "ORDER1", null));
    assertThat(PayPalAnswers.order(PayPalStandIn.completed("ORDER1", "CAP1", "COMPLETED", "1.00", "EUR", ORDER, null)))
        .isEqualTo(new Result(Outcome.CAPTURED, "CAP1", null));
    assertThat(PayPalAnswers.order(PayPalStandIn.completed("ORDER1", "CAP1", "PENDING", "1.00", "EUR", ORDER, null)))
        .isEqualTo(new Result(Outcome.PENDING, "ORDER1", null));
    assertThat(PayPalAnswers.order(PayPalStandIn.completed("ORDER1", "CAP1", "DECLINED", "1.00", "EUR", ORDER, null)))
        .isEqualTo(new Result(Outcome.DECLINED, "ORDER1", "DECLINED_BY_RISK_FRAUD_FILTERS"));
  }

  @Test
  void errorsAreDeclinedWithTheirIssueExceptThoseThatSayNothingFinal() {
    assertThat(PayPalAnswers.order(new GatewayHttp.Reply(422, PayPalStandIn.error("UNPROCESSABLE_ENTITY",
        "INSTRUMENT_DECLINED", "declined")))).isEqualTo(new Result(Outcome.DECLINED, null, "INSTRUMENT_DECLINED"));
    assertThat(PayPalAnswers.order(new GatewayHttp.Reply(422, PayPalStandIn.error("UNPROCESSABLE_ENTITY",
        "ORDER_NOT_APPROVED", "not approved"))).outcome()).isEqualTo(Outcome.PENDING);
    assertThatThrownBy(() -> PayPalAnswers.order(new GatewayHttp.Reply(422, PayPalStandIn.error("UNPROCESSABLE_ENTITY",
        "ORDER_ALREADY_CAPTURED", "captured")))).isInstanceOf(Gateway.OutcomeUnknown.class);
    assertThatThrownBy(() -> PayPalAnswers.order(new GatewayHttp.Reply(400, new JsonObject())))
        .isInstanceOf(Gateway.OutcomeUnknown.class);
  }

  @Test
  void anythingUnreadableIsUnknownNeverAGuess() {
    for (JsonObject odd : new JsonObject[] {
        new JsonObject(),
        new JsonObject().put("id", "ORDER1"),
        new JsonObject().put("id", "ORDER1").put("status", "SOMETHING_NEW"),
        new JsonObject().put("id", "../../v1/x").put("status", "APPROVED"),
        new JsonObject().put("id", "ORDER1").put("status", "COMPLETED")}) {
      assertThatThrownBy(() -> PayPalAnswers.order(odd)).as(odd.encode()).isInstanceOf(Gateway.OutcomeUnknown.class);
    }
    assertThatThrownBy(() -> PayPalAnswers.refund(new JsonObject().put("id", "R1").put("status", "NEW")))
        .isInstanceOf(Gateway.OutcomeUnknown.class);
  }

  @Test
  void refundsCompletedOrPendingAreAccepted() {
    assertThat(PayPalAnswers.refund(PayPalStandIn.refundObject("R1", "COMPLETED", "1.00", "EUR", "CAP1", null)))
        .isEqualTo(new Result(Outcome.APPROVED, "R1", null));
    assertThat(PayPalAnswers.refund(PayPalStandIn.refundObject("R1", "PENDING", "1.00", "EUR", "CAP1", null)).outcome())
        .isEqualTo(Outcome.APPROVED);
    assertThat(PayPalAnswers.refund(PayPalStandIn.refundObject("R1", "FAILED", "1.00", "EUR", "CAP1", null)).outcome())
        .isEqualTo(Outcome.DECLINED);
    assertThat(PayPalAnswers.refund(new GatewayHttp.Reply(422, PayPalStandIn.error("UNPROCESSABLE_ENTITY",
        "REFUND_AMOUNT_EXCEEDED", "too much")))).isEqualTo(new Result(Outcome.DECLINED, null, "REFUND_AMOUNT_EXCEEDED"));
  }
}
