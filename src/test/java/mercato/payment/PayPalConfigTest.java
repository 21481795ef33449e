package mercato.payment;

import static mercato.payment.StripeConfigTest.section;
import static mercato.payment.StripeConfigTest.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import mercato.platform.config.ConfigException;
import mercato.platform.config.Profile;
import mercato.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code payment.paypal} section: off and secret-free by default; enabled, it needs a
 * client id, a client secret from the environment or a file, and a webhook id, and says which
 * key is missing; a production node refuses the sandbox and plain http; PayPal can be the
 * only gateway, and the default when Stripe is off.
 */
class PayPalConfigTest {
  static final String SECRET = "EKp1LiveSecretForTests0123456789";

  static Map<String, String> paypalOn() {
    return Map.of("MERCATO_PAYMENT_PAYPAL_ENABLED", "true", "MERCATO_PAYMENT_PAYPAL_CLIENT_ID", "AbLiveClientId",
        "MERCATO_PAYMENT_PAYPAL_CLIENT_SECRET", SECRET, "MERCATO_PAYMENT_PAYPAL_WEBHOOK_ID", "8PT597110X687430LKGECATA");
  }

  static PayPalConfig secrets(PayPalConfig config) {
    Vertx vertx = Vertx.vertx();
    try {
      return Await.result(config.withSecrets(vertx));
    } finally {
      vertx.close();
    }
  }

  @Test
  void theShippedDefaultsLeavePayPalOffWithNoSecret() {
    PaymentConfig config = PaymentConfig.read(section(Map.of()), Profile.DEVELOPMENT);
    assertThat(config.paypal().enabled()).isFalse();
    assertThat(config.paypal().clientSecret()).isEmpty();
    assertThat(config.paypal().apiBase()).isEqualTo("https://api-m.paypal.com");
    assertThat(config.paypal().webhookToleranceSeconds()).isEqualTo(300);
  }

  @Test
  void enabledWithoutItsSettingsRefusesToStartNamingTheKey() {
    assertThatThrownBy(() -> PaymentConfig.read(section(Map.of("MERCATO_PAYMENT_PAYPAL_ENABLED", "true")),
        Profile.DEVELOPMENT))
        .isInstanceOf(ConfigException.class).hasMessageContaining("payment.paypal.clientId");
    assertThatThrownBy(() -> PaymentConfig.read(section(Map.of("MERCATO_PAYMENT_PAYPAL_ENABLED", "true",
        "MERCATO_PAYMENT_PAYPAL_CLIENT_ID", "AbId")), Profile.DEVELOPMENT))
        .isInstanceOf(ConfigException.class).hasMessageContaining("payment.paypal.clientSecret")
        .hasMessageContaining("MERCATO_PAYMENT_PAYPAL_CLIENT_SECRET").hasMessageContaining("clientSecretFile");
    assertThatThrownBy(() -> PaymentConfig.read(section(Map.of("MERCATO_PAYMENT_PAYPAL_ENABLED", "true",
        "MERCATO_PAYMENT_PAYPAL_CLIENT_ID", "AbId", "MERCATO_PAYMENT_PAYPAL_CLIENT_SECRET", SECRET)),
        Profile.DEVELOPMENT))
        .isInstanceOf(ConfigException.class).hasMessageContaining("payment.paypal.webhookId");
    assertThatThrownBy(() -> PaymentConfig.read(section(with(paypalOn(), "MERCATO_PAYMENT_PAYPAL_CLIENT_SECRET_FILE",
        "/run/secrets/paypal")), Profile.DEVELOPMENT))
        .isInstanceOf(ConfigException.class).hasMessageContaining("payment.paypal.clientSecret")
        .hasMessageContaining("set twice");
    assertThatThrownBy(() -> PaymentConfig.read(section(with(paypalOn(), "MERCATO_PAYMENT_PAYPAL_TIMEOUT_MS", "20000")),
        Profile.DEVELOPMENT))
        .isInstanceOf(ConfigException.class).hasMessageContaining("payment.paypal.timeoutMs");
    assertThatThrownBy(() -> PaymentConfig.read(section(with(paypalOn(), "MERCATO_PAYMENT_PAYPAL_API_BASE", "api-m")),
        Profile.DEVELOPMENT))
        .isInstanceOf(ConfigException.class).hasMessageContaining("payment.paypal.apiBase");
  }

  @Test
  void aProductionNodeRunsPayPalAloneOnItsLiveApiOnly() {
    PaymentConfig config = PaymentConfig.read(section(with(paypalOn(), "MERCATO_PAYMENT_TEST_GATEWAY", "false")),
        Profile.PRODUCTION);
    assertThat(config.defaultGateway()).isEqualTo("paypal");
    assertThat(config.reconcileMs()).isEqualTo(config.paypal().reconcileMs());
    assertThat(config.paypal().toString()).doesNotContain(SECRET);
    assertThatThrownBy(() -> PaymentConfig.read(section(with(paypalOn(), "MERCATO_PAYMENT_TEST_GATEWAY", "false",
        "MERCATO_PAYMENT_PAYPAL_API_BASE", "https://api-m.sandbox.paypal.com")), Profile.PRODUCTION))
        .isInstanceOf(ConfigException.class).hasMessageContaining("payment.paypal.apiBase")
        .hasMessageContaining("sandbox");
    assertThatThrownBy(() -> PaymentConfig.read(section(with(paypalOn(), "MERCATO_PAYMENT_TEST_GATEWAY", "false",
        "MERCATO_PAYMENT_PAYPAL_API_BASE", "http://api-m.paypal.com")), Profile.PRODUCTION))
        .isInstanceOf(ConfigException.class).hasMessageContaining("payment.paypal.apiBase").hasMessageContaining("https");
    assertThatThrownBy(() -> PaymentConfig.read(section(paypalOn()), Profile.PRODUCTION))
        .as("the test gateway is still refused in production").isInstanceOf(ConfigException.class)
        .hasMessageContaining("payment.testGateway");
    // beside Stripe, Stripe stays the default unless one is named
    assertThat(PaymentConfig.read(section(with(StripeConfigTest.stripeOn(StripeConfigTest.LIVE),
        "MERCATO_PAYMENT_PAYPAL_ENABLED", "true", "MERCATO_PAYMENT_PAYPAL_CLIENT_ID", "AbId",
        "MERCATO_PAYMENT_PAYPAL_CLIENT_SECRET", SECRET, "MERCATO_PAYMENT_PAYPAL_WEBHOOK_ID", "WH1")),
        Profile.DEVELOPMENT).defaultGateway()).isEqualTo("stripe");
  }

  @Test
  void theSecretMayComeFromAFile(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("paypal-secret"), SECRET + "\n");
    Map<String, String> env = Map.of("MERCATO_PAYMENT_PAYPAL_ENABLED", "true", "MERCATO_PAYMENT_PAYPAL_CLIENT_ID", "AbId",
        "MERCATO_PAYMENT_PAYPAL_WEBHOOK_ID", "WH1");
    PayPalConfig read = secrets(PaymentConfig.read(section(with(env, "MERCATO_PAYMENT_PAYPAL_CLIENT_SECRET_FILE",
        file.toString())), Profile.DEVELOPMENT).paypal());
    assertThat(read.clientSecret()).isEqualTo(SECRET);
    PayPalConfig missing = PaymentConfig.read(section(with(env, "MERCATO_PAYMENT_PAYPAL_CLIENT_SECRET_FILE",
        dir.resolve("absent").toString())), Profile.DEVELOPMENT).paypal();
    assertThatThrownBy(() -> secrets(missing)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("payment.paypal.clientSecretFile").hasMessageContaining("cannot read");
  }
}
