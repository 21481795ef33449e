package mercato.platform.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Standard Webhooks signatures: the specification's vector, secret shape, several signatures, tolerance. */
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
  void generatedSecretsAreValidAndDistinct() {
    String one = WebhookSignature.newSecret();
    String two = WebhookSignature.newSecret();
    assertThat(one).startsWith("whsec_").isNotEqualTo(two);
    assertThat(WebhookSignature.key(one)).hasSize(32);
    assertThat(WebhookSignature.isValidSecret(one)).isTrue();
  }

  @Test
  void refusesSecretsOfTheWrongShape() {
    assertThat(WebhookSignature.isValidSecret(SECRET)).isTrue(); // 24 bytes
    assertThat(WebhookSignature.isValidSecret("whsec_" + Base64.getEncoder().encodeToString(new byte[64]))).isTrue();
    assertThat(WebhookSignature.isValidSecret("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).isFalse(); // no prefix
    assertThat(WebhookSignature.isValidSecret("whsec_c2hvcnQ=")).isFalse(); // 5 bytes
    assertThat(WebhookSignature.isValidSecret("whsec_" + Base64.getEncoder().encodeToString(new byte[16]))).isFalse();
    assertThat(WebhookSignature.isValidSecret("whsec_not base64!")).isFalse();
    assertThat(WebhookSignature.isValidSecret("whsec_" + Base64.getEncoder().encodeToString(new byte[65]))).isFalse();
    assertThat(WebhookSignature.isValidSecret(null)).isFalse();
    assertThatThrownBy(() -> WebhookSignature.sign("whsec_c2hvcnQ=", ID, TS, BODY))
        .isInstanceOf(IllegalArgumentException.class);
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
