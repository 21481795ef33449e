package mercato.payment;

import io.vertx.core.json.JsonObject;
import mercato.platform.config.ConfigException;
import mercato.platform.config.ConfigReader;
import mercato.platform.config.Profile;
import mercato.platform.webhooks.WebhookSignature;

/**
 * The {@code payment:} section, read and validated when the payment verticle starts. An
 * empty {@code testWebhookSecret} means the install's generated one ({@link GatewaySecrets}).
 */
record PaymentConfig(String testWebhookSecret, long delayedMs, long asyncConfirmMs, long gatewayTimeoutMs, long idempotencyWaitMs) {
  static PaymentConfig read(JsonObject section, Profile profile) {
    ConfigReader payment = new ConfigReader(section, "payment");
    if (payment.bool("testGateway") && profile == Profile.PRODUCTION) {
      throw new ConfigException(payment.key("testGateway"), "the test gateway accepts made-up cards and signs its own"
          + " webhooks; it cannot run with profile: production (set payment.testGateway: false, or profile: development)");
    }
    if (!payment.bool("testGateway")) {
      throw new ConfigException(payment.key("testGateway"),
          "is false, and Mercato has no other payment gateway yet: do not run the payment role on this node");
    }
    String secret = payment.raw().getString("testWebhookSecret", "");
    if (!secret.isBlank() && !WebhookSignature.isValidSecret(secret)) {
      throw new ConfigException(payment.key("testWebhookSecret"), "must be empty (generated per install) or whsec_"
          + " followed by base64 of " + WebhookSignature.MIN_BYTES + " to " + WebhookSignature.MAX_BYTES + " bytes");
    }
    return new PaymentConfig(secret,
        payment.number("delayedMs", 0, 60_000),
        payment.number("asyncConfirmMs", 0, 3_600_000),
        payment.number("gatewayTimeoutMs", 100, 120_000),
        payment.number("idempotencyWaitMs", 100, 120_000));
  }

  /** The same settings with the webhook secret the install uses. */
  PaymentConfig withTestWebhookSecret(String secret) {
    return new PaymentConfig(secret, delayedMs, asyncConfirmMs, gatewayTimeoutMs, idempotencyWaitMs);
  }
}
