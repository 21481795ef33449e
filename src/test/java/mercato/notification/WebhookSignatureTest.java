package mercato.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Standard Webhooks signing, checked against the specification's own test vector. */
class WebhookSignatureTest {
  @Test
  void matchesTheStandardWebhooksVector() {
    assertThat(WebhookSignature.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
        1614265330L, "{\"test\": 2432232314}"))
        .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void generatedSecretsAreValidAndDistinct() {
    String one = WebhookSignature.newSecret();
    String two = WebhookSignature.newSecret();
    assertThat(one).startsWith("whsec_").isNotEqualTo(two);
    assertThat(Base64.getDecoder().decode(one.substring(6))).hasSize(32);
    assertThat(WebhookSignature.isValidSecret(one)).isTrue();
  }

  @Test
  void refusesSecretsOfTheWrongShape() {
    assertThat(WebhookSignature.isValidSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).isTrue(); // 24 bytes
    assertThat(WebhookSignature.isValidSecret("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).isFalse(); // no prefix
    assertThat(WebhookSignature.isValidSecret("whsec_c2hvcnQ=")).isFalse(); // 5 bytes
    assertThat(WebhookSignature.isValidSecret("whsec_not base64!")).isFalse();
    assertThat(WebhookSignature.isValidSecret("whsec_" + Base64.getEncoder().encodeToString(new byte[65]))).isFalse();
    assertThat(WebhookSignature.isValidSecret(null)).isFalse();
  }
}
