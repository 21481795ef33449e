package mercato.payment;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import mercato.platform.config.ConfigException;
import mercato.platform.config.ConfigReader;
import mercato.platform.config.Profile;

/**
 * The {@code payment.stripe:} section. The secret key and the webhook signing secret come
 * from the environment ({@code MERCATO_PAYMENT_STRIPE_SECRET_KEY},
 * {@code MERCATO_PAYMENT_STRIPE_WEBHOOK_SECRET}) or from a file each ({@code secretKeyFile},
 * {@code webhookSecretFile}), never from the shipped configuration; {@link #withSecrets}
 * reads the files. A production node refuses test-mode keys and a plain-http API address.
 */
record StripeConfig(boolean enabled, String apiBase, String secretKey, String secretKeyFile, String webhookSecret,
    String webhookSecretFile, String apiVersion, String captureMethod, String returnUrl, long timeoutMs,
    long webhookToleranceSeconds, long reconcileMs, Profile profile, Browser browser) {
  /**
   * What the storefront's browser needs for Stripe.js: the publishable key ({@code pk_...},
   * public by Stripe's design) and where Stripe.js is loaded from.
   */
  record Browser(String publishableKey, String jsUrl) {}

  static final String PREFIX = "payment.stripe";

  static StripeConfig read(ConfigReader stripe, Profile profile, long gatewayTimeoutMs) {
    boolean enabled = stripe.bool("enabled");
    String apiBase = stripe.string("apiBase").replaceAll("/+$", "");
    String captureMethod = stripe.string("captureMethod");
    if (!captureMethod.equals("automatic") && !captureMethod.equals("manual")) {
      throw new ConfigException(stripe.key("captureMethod"), "expected automatic or manual, got \"" + captureMethod + "\"");
    }
    long timeoutMs = stripe.number("timeoutMs", 100, 120_000);
    if (timeoutMs > gatewayTimeoutMs) {
      throw new ConfigException(stripe.key("timeoutMs"), "must not exceed payment.gatewayTimeoutMs (" + gatewayTimeoutMs
          + "), which bounds every gateway's authorisation");
    }
    StripeConfig config = new StripeConfig(enabled, apiBase, text(stripe, "secretKey"), text(stripe, "secretKeyFile"),
        text(stripe, "webhookSecret"), text(stripe, "webhookSecretFile"), text(stripe, "apiVersion"), captureMethod,
        stripe.string("returnUrl"), timeoutMs, stripe.number("webhookToleranceSeconds", 1, 3_600),
        stripe.number("reconcileMs", 100, 3_600_000), profile,
        new Browser(text(stripe, "publishableKey"), stripe.string("jsUrl")));
    if (enabled) {
      config.checkAddresses();
      config.checkBrowser();
      exactlyOne("secretKey", config.secretKey, config.secretKeyFile, "MERCATO_PAYMENT_STRIPE_SECRET_KEY");
      exactlyOne("webhookSecret", config.webhookSecret, config.webhookSecretFile, "MERCATO_PAYMENT_STRIPE_WEBHOOK_SECRET");
    }
    return config;
  }

  /** The configuration with the secrets read from their files (a non-blocking read), and both checked. */
  Future<StripeConfig> withSecrets(Vertx vertx) {
    if (!enabled) {
      return Future.succeededFuture(this);
    }
    return Future.all(secret(vertx, secretKey, secretKeyFile, "secretKeyFile"),
            secret(vertx, webhookSecret, webhookSecretFile, "webhookSecretFile"))
        .map(both -> {
          StripeConfig read = new StripeConfig(enabled, apiBase, both.resultAt(0), secretKeyFile, both.resultAt(1),
              webhookSecretFile, apiVersion, captureMethod, returnUrl, timeoutMs, webhookToleranceSeconds, reconcileMs,
              profile, browser);
          read.checkSecrets();
          return read;
        });
  }

  /** Never the secrets. */
  @Override
  public String toString() {
    return "StripeConfig[enabled=" + enabled + ", apiBase=" + apiBase + ", captureMethod=" + captureMethod + "]";
  }

  boolean manualCapture() {
    return captureMethod.equals("manual");
  }

  private void checkAddresses() {
    URI api = uri("apiBase", apiBase);
    if (profile == Profile.PRODUCTION && !"https".equals(api.getScheme())) {
      throw new ConfigException(PREFIX + ".apiBase", "must be https with profile: production, got " + apiBase);
    }
    uri("returnUrl", returnUrl.replace("{orderId}", "order"));
  }

  /** The browser's key must be a publishable one: a secret key would be handed to every shopper. */
  private void checkBrowser() {
    String key = browser.publishableKey();
    if (!key.isEmpty() && !key.startsWith("pk_live_") && !key.startsWith("pk_test_")) {
      throw new ConfigException(PREFIX + ".publishableKey", "is not a Stripe publishable key (pk_live_ or pk_test_ ...);"
          + " it is sent to every shopper's browser, so it never is a secret key");
    }
    if (profile == Profile.PRODUCTION && key.startsWith("pk_test_")) {
      throw new ConfigException(PREFIX + ".publishableKey", "is a test-mode key; it cannot run with profile: production");
    }
    URI js = uri("jsUrl", browser.jsUrl());
    if (profile == Profile.PRODUCTION && !"https".equals(js.getScheme())) {
      throw new ConfigException(PREFIX + ".jsUrl", "must be https with profile: production, got " + browser.jsUrl());
    }
  }

  private void checkSecrets() {
    boolean live = secretKey.startsWith("sk_live_") || secretKey.startsWith("rk_live_");
    if (!live && !secretKey.startsWith("sk_test_") && !secretKey.startsWith("rk_test_")) {
      throw new ConfigException(PREFIX + ".secretKey", "is not a Stripe secret or restricted key (sk_live_, sk_test_,"
          + " rk_live_ or rk_test_ ...); a publishable key (pk_...) cannot charge");
    }
    if (!live && profile == Profile.PRODUCTION) {
      throw new ConfigException(PREFIX + ".secretKey", "is a test-mode key, which takes made-up cards; it cannot run"
          + " with profile: production (use a live key, or profile: development)");
    }
    if (!webhookSecret.startsWith("whsec_") || webhookSecret.length() < 10) {
      throw new ConfigException(PREFIX + ".webhookSecret", "is not a Stripe endpoint signing secret (whsec_...)");
    }
  }

  private static String text(ConfigReader stripe, String name) {
    return GatewaySettings.text(stripe, name);
  }

  private static void exactlyOne(String name, String value, String file, String env) {
    GatewaySettings.exactlyOne(PREFIX, name, value, file, env);
  }

  private static Future<String> secret(Vertx vertx, String value, String file, String key) {
    return GatewaySettings.secret(vertx, PREFIX, value, file, key);
  }

  private static URI uri(String name, String text) {
    return GatewaySettings.uri(PREFIX, name, text);
  }
}
