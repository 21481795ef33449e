package mercato.payment;

import io.vertx.core.json.JsonObject;
import mercato.platform.config.ConfigReader;

/** The {@code payment:} section, read and validated when the payment verticle starts. */
record PaymentConfig(String testWebhookSecret, long delayedMs, long asyncConfirmMs, long gatewayTimeoutMs, long idempotencyWaitMs) {
  static PaymentConfig read(JsonObject section) {
    ConfigReader payment = new ConfigReader(section, "payment");
    String secret = payment.string("testWebhookSecret");
    try {
      WebhookSignature.key(secret);
    } catch (IllegalArgumentException e) {
      throw new mercato.platform.config.ConfigException(payment.key("testWebhookSecret"),
          "must be whsec_ followed by base64");
    }
    return new PaymentConfig(secret,
        payment.number("delayedMs", 0, 60_000),
        payment.number("asyncConfirmMs", 0, 3_600_000),
        payment.number("gatewayTimeoutMs", 100, 120_000),
        payment.number("idempotencyWaitMs", 100, 120_000));
  }
}
