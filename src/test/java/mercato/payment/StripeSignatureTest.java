package mercato.payment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Stripe-Signature verification, against a vector computed outside Java (openssl dgst -sha256 -hmac). */
class StripeSignatureTest {
  static final String SECRET = "whsec_test_vector_secret";
  static final String BODY = "{\"id\":\"evt_1\",\"object\":\"event\"}";
  static final long T = 1_700_000_000L;
  /** printf '%s' '1700000000.{"id":"evt_1","object":"event"}' | openssl dgst -sha256 -hmac whsec_test_vector_secret */
  static final String V1 = "a4291e23b7ed1be6d0df1a3d90853ecdc96dc0d7bd4a00eb0c45619f747bceca";

  @Test
  void theSignatureIsTheHexHmacOfTimestampDotBodyKeyedByTheWholeSecret() {
    assertThat(StripeSignature.header(SECRET, T, BODY)).isEqualTo("t=" + T + ",v1=" + V1);
    assertThat(StripeSignature.verify(SECRET, "t=" + T + ",v1=" + V1, BODY, T, 300)).isTrue();
  }

  @Test
  void anyOneOfSeveralV1SignaturesMayMatchAndOtherSchemesAreIgnored() {
    String header = "t=" + T + ",v1=" + "0".repeat(64) + ",v0=" + V1 + ",v1=" + V1;
    assertThat(StripeSignature.verify(SECRET, header, BODY, T, 300)).isTrue();
    assertThat(StripeSignature.verify(SECRET, "t=" + T + ",v0=" + V1, BODY, T, 300)).isFalse();
  }

  @Test
  void theToleranceBoundsTheTimestampBothWays() {
    String header = "t=" + T + ",v1=" + V1;
    assertThat(StripeSignature.verify(SECRET, header, BODY, T + 300, 300)).isTrue();
    assertThat(StripeSignature.verify(SECRET, header, BODY, T + 301, 300)).isFalse();
    assertThat(StripeSignature.verify(SECRET, header, BODY, T - 301, 300)).isFalse();
    assertThat(StripeSignature.verify(SECRET, header, BODY, T + 900, 1000)).isTrue();
  }

  @Test
  void aWrongSecretBodyOrHeaderIsRefused() {
    String header = "t=" + T + ",v1=" + V1;
    assertThat(StripeSignature.verify("whsec_other", header, BODY, T, 300)).isFalse();
    assertThat(StripeSignature.verify(SECRET, header, BODY + " ", T, 300)).isFalse();
    assertThat(StripeSignature.verify(SECRET, "t=" + (T + 1) + ",v1=" + V1, BODY, T, 300)).isFalse();
    assertThat(StripeSignature.verify(SECRET, "v1=" + V1, BODY, T, 300)).isFalse();
    assertThat(StripeSignature.verify(SECRET, "t=abc,v1=" + V1, BODY, T, 300)).isFalse();
    assertThat(StripeSignature.verify(SECRET, "t=" + T + ",v1=" + V1.toUpperCase(), BODY, T, 300)).isFalse();
    assertThat(StripeSignature.verify(SECRET, "", BODY, T, 300)).isFalse();
    assertThat(StripeSignature.verify(SECRET, null, BODY, T, 300)).isFalse();
    assertThat(StripeSignature.verify(SECRET, header, null, T, 300)).isFalse();
  }
}
