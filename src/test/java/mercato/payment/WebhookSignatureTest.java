package mercato.payment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Standard Webhooks signatures: the specification's example, several signatures, tolerance. */
class WebhookSignatureTest {
  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  static final long TS = 1614265330;
  static final String BODY = "{\"test\": 2432232314}";

  @Test
  void matchesTheSpecificationExample() {
    assertThat(WebhookSignature.sign(SECRET, ID, TS, BODY)).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void verifiesWithinTheToleranceOnly() {
    String good = WebhookSignature.sign(SECRET, ID, TS, BODY);
    assertThat(WebhookSignature.verify(SECRET, ID, Long.toString(TS), "v1,Zm9v " + good, BODY, TS + 299)).isTrue();
    assertThat(WebhookSignature.verify(SECRET, ID, Long.toString(TS), good, BODY, TS + 301)).isFalse();
    assertThat(WebhookSignature.verify(SECRET, ID, Long.toString(TS), good, BODY, TS - 301)).isFalse();
    assertThat(WebhookSignature.verify(SECRET, ID, Long.toString(TS), good, BODY + " ", TS)).isFalse();
    assertThat(WebhookSignature.verify(SECRET, "msg_other", Long.toString(TS), good, BODY, TS)).isFalse();
    assertThat(WebhookSignature.verify(SECRET, ID, "not-a-number", good, BODY, TS)).isFalse();
    assertThat(WebhookSignature.verify(SECRET, ID, Long.toString(TS), null, BODY, TS)).isFalse();
  }
}
