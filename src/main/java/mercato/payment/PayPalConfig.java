package mercato.payment;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import mercato.platform.config.ConfigException;
import mercato.platform.config.ConfigReader;
import mercato.platform.config.Profile;

/**
 * The {@code payment.paypal:} section. The client secret comes from the environment
 * ({@code MERCATO_PAYMENT_PAYPAL_CLIENT_SECRET}) or from a file ({@code clientSecretFile}),
 * never from the shipped configuration; {@link #withSecrets} reads the file. The webhook id
 * is the one PayPal gave the shop's webhook, which PayPal's verification checks events
 * against. A production node refuses the sandbox and a plain-http API address.
 */
record PayPalConfig(boolean enabled, String apiBase, String clientId, String clientSecret, String clientSecretFile,
    String webhookId, String returnUrl, String cancelUrl, long timeoutMs, long webhookToleranceSeconds,
    long reconcileMs, Profile profile) {
  static final String PREFIX = "payment.paypal";
  static final String SANDBOX_HOST = "api-m.sandbox.paypal.com";

  static PayPalConfig read(ConfigReader paypal, Profile profile, long gatewayTimeoutMs) {
    boolean enabled = paypal.bool("enabled");
    long timeoutMs = paypal.number("timeoutMs", 100, 120_000);
    if (timeoutMs > gatewayTimeoutMs) {
      throw new ConfigException(paypal.key("timeoutMs"), "must not exceed payment.gatewayTimeoutMs (" + gatewayTimeoutMs
          + "), which bounds every gateway's authorisation");
    }
    PayPalConfig config = new PayPalConfig(enabled, paypal.string("apiBase").replaceAll("/+$", ""),
        GatewaySettings.text(paypal, "clientId"), GatewaySettings.text(paypal, "clientSecret"),
        GatewaySettings.text(paypal, "clientSecretFile"), GatewaySettings.text(paypal, "webhookId"),
        paypal.string("returnUrl"), paypal.string("cancelUrl"), timeoutMs,
        paypal.number("webhookToleranceSeconds", 1, 3_600), paypal.number("reconcileMs", 100, 3_600_000), profile);
    if (enabled) {
      config.checkAddresses();
      if (config.clientId.isEmpty()) {
        throw new ConfigException(PREFIX + ".clientId", "is empty while payment.paypal.enabled is true: set"
            + " MERCATO_PAYMENT_PAYPAL_CLIENT_ID to the REST app's client id");
      }
      GatewaySettings.exactlyOne(PREFIX, "clientSecret", config.clientSecret, config.clientSecretFile,
          "MERCATO_PAYMENT_PAYPAL_CLIENT_SECRET");
      if (config.webhookId.isEmpty() || !config.webhookId.matches("[A-Za-z0-9-]{1,64}")) {
        throw new ConfigException(PREFIX + ".webhookId", "must be the id PayPal gave the webhook of"
            + " /payments/webhook/paypal (MERCATO_PAYMENT_PAYPAL_WEBHOOK_ID): letters, digits and -");
      }
    }
    return config;
  }

  /** The configuration with the client secret read from its file (a non-blocking read). */
  Future<PayPalConfig> withSecrets(Vertx vertx) {
    if (!enabled) {
      return Future.succeededFuture(this);
    }
    return GatewaySettings.secret(vertx, PREFIX, clientSecret, clientSecretFile, "clientSecretFile").map(secret -> {
      if (secret.isEmpty()) {
        throw new ConfigException(PREFIX + ".clientSecretFile", "names an empty file: " + clientSecretFile);
      }
      return new PayPalConfig(enabled, apiBase, clientId, secret, clientSecretFile, webhookId, returnUrl, cancelUrl,
          timeoutMs, webhookToleranceSeconds, reconcileMs, profile);
    });
  }

  /** Never the secret. */
  @Override
  public String toString() {
    return "PayPalConfig[enabled=" + enabled + ", apiBase=" + apiBase + ", webhookId=" + webhookId + "]";
  }

  private void checkAddresses() {
    URI api = GatewaySettings.uri(PREFIX, "apiBase", apiBase);
    if (profile == Profile.PRODUCTION && !"https".equals(api.getScheme())) {
      throw new ConfigException(PREFIX + ".apiBase", "must be https with profile: production, got " + apiBase);
    }
    if (profile == Profile.PRODUCTION && SANDBOX_HOST.equals(api.getHost())) {
      throw new ConfigException(PREFIX + ".apiBase", "is PayPal's sandbox, which takes made-up accounts; it cannot"
          + " run with profile: production (use https://api-m.paypal.com, or profile: development)");
    }
    GatewaySettings.uri(PREFIX, "returnUrl", returnUrl.replace("{orderId}", "order"));
    GatewaySettings.uri(PREFIX, "cancelUrl", cancelUrl.replace("{orderId}", "order"));
  }
}
