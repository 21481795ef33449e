package mercato.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import mercato.platform.config.ConfigException;
import mercato.platform.config.ConfigLoader;
import mercato.platform.config.Profile;
import mercato.testing.Await;
import mercato.testing.TestNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code payment.stripe} section: its secrets come from the environment or a file, never
 * from the shipped defaults; an enabled Stripe without them, a test key or a plain-http API
 * under profile: production, and a node with no gateway at all refuse to start, naming the
 * key; a production node runs with Stripe alone.
 */
class StripeConfigTest {
  static final String LIVE = "sk_live_51MercatoLiveKeyForTests";
  static final String HOOK = "whsec_liveEndpointSecretForTests";

  /** The payment section as the shipped defaults and {@code env} make it. */
  static JsonObject section(Map<String, String> env) {
    return ConfigLoader.load(null, new Properties(), env).getJsonObject("payment");
  }

  static Map<String, String> stripeOn(String key) {
    return Map.of("MERCATO_PAYMENT_STRIPE_ENABLED", "true", "MERCATO_PAYMENT_STRIPE_SECRET_KEY", key,
        "MERCATO_PAYMENT_STRIPE_WEBHOOK_SECRET", HOOK);
  }

  static Map<String, String> with(Map<String, String> base, String... more) {
    Map<String, String> all = new java.util.HashMap<>(base);
    for (int i = 0; i < more.length; i += 2) {
      all.put(more[i], more[i + 1]);
    }
    return all;
  }

  static StripeConfig secrets(StripeConfig config) {
    Vertx vertx = Vertx.vertx();
    try {
      return Await.result(config.withSecrets(vertx));
    } finally {
      vertx.close();
    }
  }

  @Test
  void theShippedDefaultsRunTheTestGatewayAloneAndHoldNoSecret() {
    PaymentConfig config = PaymentConfig.read(section(Map.of()), Profile.DEVELOPMENT);
    assertThat(config.defaultGateway()).isEqualTo("test");
    assertThat(config.stripe().enabled()).isFalse();
    assertThat(config.stripe().secretKey()).isEmpty();
    assertThat(config.stripe().webhookSecret()).isEmpty();
    assertThat(config.stripe().apiBase()).isEqualTo("https://api.stripe.com");
    assertThat(config.stripe().webhookToleranceSeconds()).isEqualTo(300);
  }

  @Test
  void enabledWithoutAKeyRefusesToStartNamingWhereTheKeyComesFrom() {
    assertThatThrownBy(() -> PaymentConfig.read(section(Map.of("MERCATO_PAYMENT_STRIPE_ENABLED", "true")),
        Profile.DEVELOPMENT))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("payment.stripe.secretKey")
        .hasMessageContaining("MERCATO_PAYMENT_STRIPE_SECRET_KEY")
        .hasMessageContaining("secretKeyFile");
    assertThatThrownBy(() -> PaymentConfig.read(section(Map.of("MERCATO_PAYMENT_STRIPE_ENABLED", "true",
        "MERCATO_PAYMENT_STRIPE_SECRET_KEY", LIVE)), Profile.DEVELOPMENT))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("payment.stripe.webhookSecret")
        .hasMessageContaining("MERCATO_PAYMENT_STRIPE_WEBHOOK_SECRET");
    assertThatThrownBy(() -> PaymentConfig.read(section(with(stripeOn(LIVE),
        "MERCATO_PAYMENT_STRIPE_SECRET_KEY_FILE", "/run/secrets/stripe")), Profile.DEVELOPMENT))
        .isInstanceOf(ConfigException.class).hasMessageContaining("set twice");
  }

  @Test
  void aProductionNodeTakesStripeAloneWithALiveKeyOverHttps() {
    PaymentConfig config = PaymentConfig.read(section(with(stripeOn(LIVE), "MERCATO_PAYMENT_TEST_GATEWAY", "false")),
        Profile.PRODUCTION);
    assertThat(config.defaultGateway()).isEqualTo("stripe");
    assertThat(config.testGateway()).isFalse();
    StripeConfig stripe = secrets(config.stripe());
    assertThat(stripe.secretKey()).isEqualTo(LIVE);
    assertThat(stripe.toString()).doesNotContain(LIVE).doesNotContain(HOOK);

    assertThatThrownBy(() -> secrets(PaymentConfig.read(section(with(stripeOn("sk_test_51Key"),
        "MERCATO_PAYMENT_TEST_GATEWAY", "false")), Profile.PRODUCTION).stripe()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("test-mode key").hasMessageContaining("production");
    assertThatThrownBy(() -> PaymentConfig.read(section(with(stripeOn(LIVE), "MERCATO_PAYMENT_TEST_GATEWAY", "false",
        "MERCATO_PAYMENT_STRIPE_API_BASE", "http://api.stripe.com")), Profile.PRODUCTION))
        .isInstanceOf(ConfigException.class).hasMessageContaining("payment.stripe.apiBase").hasMessageContaining("https");
    assertThatThrownBy(() -> secrets(PaymentConfig.read(section(stripeOn("pk_live_51Publishable")),
        Profile.DEVELOPMENT).stripe()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("publishable");
  }

  @Test
  void theStorefrontsKeyIsAPublishableOneAndStripeJsComesFromAnAddress() {
    StripeConfig shipped = PaymentConfig.read(section(stripeOn(LIVE)), Profile.DEVELOPMENT).stripe();
    assertThat(shipped.browser().jsUrl()).isEqualTo("https://js.stripe.com/v3/");
    assertThat(shipped.browser().publishableKey()).isEmpty();
    assertThat(mercato.payment.api.StorefrontSources.of(section(stripeOn(LIVE))))
        .isEqualTo(new mercato.payment.api.StorefrontSources(java.util.List.of("https://js.stripe.com"),
            java.util.List.of("https://js.stripe.com", "https://hooks.stripe.com"),
            java.util.List.of("https://api.stripe.com")));
    assertThat(mercato.payment.api.StorefrontSources.of(section(Map.of())))
        .isEqualTo(mercato.payment.api.StorefrontSources.NONE);
    assertThat(PaymentConfig.read(section(with(stripeOn(LIVE), "MERCATO_PAYMENT_STRIPE_PUBLISHABLE_KEY",
        "pk_test_51Key")), Profile.DEVELOPMENT).stripe().browser().publishableKey()).isEqualTo("pk_test_51Key");
    assertThatThrownBy(() -> PaymentConfig.read(section(with(stripeOn(LIVE), "MERCATO_PAYMENT_STRIPE_PUBLISHABLE_KEY",
        "sk_test_51Secret")), Profile.DEVELOPMENT))
        .isInstanceOf(ConfigException.class).hasMessageContaining("payment.stripe.publishableKey")
        .hasMessageContaining("never is a secret key");
    assertThatThrownBy(() -> PaymentConfig.read(section(with(stripeOn(LIVE), "MERCATO_PAYMENT_STRIPE_JS_URL",
        "javascript:alert(1)")), Profile.DEVELOPMENT))
        .isInstanceOf(ConfigException.class).hasMessageContaining("payment.stripe.jsUrl");
  }

  @Test
  void aNodeWithNoGatewayOrAnUnknownDefaultRefusesToStart() {
    assertThatThrownBy(() -> PaymentConfig.read(section(Map.of("MERCATO_PAYMENT_TEST_GATEWAY", "false")),
        Profile.DEVELOPMENT))
        .isInstanceOf(ConfigException.class).hasMessageContaining("no payment gateway");
    assertThatThrownBy(() -> PaymentConfig.read(section(with(stripeOn(LIVE), "MERCATO_PAYMENT_TEST_GATEWAY", "false",
        "MERCATO_PAYMENT_DEFAULT_GATEWAY", "test")), Profile.DEVELOPMENT))
        .isInstanceOf(ConfigException.class).hasMessageContaining("payment.defaultGateway");
    assertThat(PaymentConfig.read(section(with(stripeOn(LIVE), "MERCATO_PAYMENT_DEFAULT_GATEWAY", "test")),
        Profile.DEVELOPMENT).defaultGateway()).isEqualTo("test");
    assertThatThrownBy(() -> PaymentConfig.read(section(with(stripeOn(LIVE), "MERCATO_PAYMENT_STRIPE_TIMEOUT_MS",
        "20000")), Profile.DEVELOPMENT))
        .isInstanceOf(ConfigException.class).hasMessageContaining("gatewayTimeoutMs");
  }

  @Test
  void theSecretsMayComeFromFiles(@TempDir Path dir) throws IOException {
    Path key = Files.writeString(dir.resolve("stripe-key"), LIVE + "\n");
    Path hook = Files.writeString(dir.resolve("stripe-webhook"), HOOK + "\n");
    PaymentConfig config = PaymentConfig.read(section(Map.of("MERCATO_PAYMENT_STRIPE_ENABLED", "true",
        "MERCATO_PAYMENT_STRIPE_SECRET_KEY_FILE", key.toString(),
        "MERCATO_PAYMENT_STRIPE_WEBHOOK_SECRET_FILE", hook.toString())), Profile.DEVELOPMENT);
    StripeConfig stripe = secrets(config.stripe());
    assertThat(stripe.secretKey()).isEqualTo(LIVE);
    assertThat(stripe.webhookSecret()).isEqualTo(HOOK);
    PaymentConfig missing = PaymentConfig.read(section(Map.of("MERCATO_PAYMENT_STRIPE_ENABLED", "true",
        "MERCATO_PAYMENT_STRIPE_SECRET_KEY_FILE", dir.resolve("absent").toString(),
        "MERCATO_PAYMENT_STRIPE_WEBHOOK_SECRET", HOOK)), Profile.DEVELOPMENT);
    assertThatThrownBy(() -> secrets(missing.stripe()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("payment.stripe.secretKeyFile")
        .hasMessageContaining("cannot read");
  }

  @Test
  void aProductionNodeStartsWithStripeAloneAndServesItsWebhook() {
    try (TestNode node = TestNode.of(PaymentDomain.domain()).withKeys()
        .set("profile", "production")
        .set("payment.testGateway", "false")
        .set("payment.stripe.enabled", "true")
        .set("payment.stripe.secretKey", LIVE)
        .set("payment.stripe.webhookSecret", HOOK)
        .start()) {
      io.vertx.core.MultiMap json = io.vertx.core.MultiMap.caseInsensitiveMultiMap()
          .add("Content-Type", "application/json");
      io.vertx.core.buffer.Buffer body = io.vertx.core.buffer.Buffer.buffer("{\"id\":\"evt_1\",\"type\":\"x\"}");
      assertThat(node.http().send(io.vertx.core.http.HttpMethod.POST, "/payments/webhook/test", json, body)
          .statusCode()).isEqualTo(404);
      assertThat(node.http().send(io.vertx.core.http.HttpMethod.POST, "/payments/webhook/stripe",
          json.copy().add("Stripe-Signature", "t=1,v1=00"), body).statusCode()).isEqualTo(400);
      assertThat(node.db.count("SELECT count(*) FROM payment.gateway_secrets")).isZero();
    }
  }
}
