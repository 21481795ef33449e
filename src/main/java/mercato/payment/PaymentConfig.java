package mercato.payment;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import mercato.platform.config.ConfigException;
import mercato.platform.config.ConfigReader;
import mercato.platform.config.Profile;
import mercato.platform.webhooks.WebhookSignature;

/**
 * The {@code payment:} section, read and validated when the payment verticle starts: which
 * gateways run (the test gateway, Stripe, PayPal) and which one a payment uses when it names none.
 * An empty {@code testWebhookSecret} means the install's generated one ({@link GatewaySecrets}).
 */
record PaymentConfig(boolean testGateway, String testWebhookSecret, long delayedMs, long asyncConfirmMs,
    long gatewayTimeoutMs, long idempotencyWaitMs, long pendingMinutes, String defaultGateway, StripeConfig stripe,
    PayPalConfig paypal) {

  static PaymentConfig read(JsonObject section, Profile profile) {
    ConfigReader payment = new ConfigReader(section, "payment");
    boolean test = payment.bool("testGateway");
    if (test && profile == Profile.PRODUCTION) {
      throw new ConfigException(payment.key("testGateway"), "the test gateway accepts made-up cards and signs its own"
          + " webhooks; it cannot run with profile: production (set payment.testGateway: false, or profile: development)");
    }
    String secret = payment.raw().getString("testWebhookSecret", "");
    if (!secret.isBlank() && !WebhookSignature.isValidSecret(secret)) {
      throw new ConfigException(payment.key("testWebhookSecret"), "must be empty (generated per install) or whsec_"
          + " followed by base64 of " + WebhookSignature.MIN_BYTES + " to " + WebhookSignature.MAX_BYTES + " bytes");
    }
    long gatewayTimeoutMs = payment.number("gatewayTimeoutMs", 100, 120_000);
    StripeConfig stripe = StripeConfig.read(payment.section("stripe"), profile, gatewayTimeoutMs);
    PayPalConfig paypal = PayPalConfig.read(payment.section("paypal"), profile, gatewayTimeoutMs);
    // In this order, so that the default (the last enabled) is Stripe, else PayPal, else the test gateway.
    List<String> enabled = new ArrayList<>();
    if (test) {
      enabled.add(TestGateway.NAME);
    }
    if (paypal.enabled()) {
      enabled.add(PayPalGateway.NAME);
    }
    if (stripe.enabled()) {
      enabled.add(StripeGateway.NAME);
    }
    if (enabled.isEmpty()) {
      throw new ConfigException(payment.key("testGateway"), "is false, and payment.stripe.enabled and payment.paypal.enabled"
          + " are false: no payment gateway would run (enable Stripe or PayPal, or do not run the payment role on this"
          + " node)");
    }
    String named = payment.raw().getString("defaultGateway", "").strip();
    String defaultGateway = named.isEmpty() ? enabled.get(enabled.size() - 1) : named;
    if (!enabled.contains(defaultGateway)) {
      throw new ConfigException(payment.key("defaultGateway"), "names \"" + defaultGateway
          + "\", which is not an enabled gateway (enabled: " + String.join(", ", enabled) + ")");
    }
    return new PaymentConfig(test, secret,
        payment.number("delayedMs", 0, 60_000),
        payment.number("asyncConfirmMs", 0, 3_600_000),
        gatewayTimeoutMs,
        payment.number("idempotencyWaitMs", 100, 120_000),
        payment.number("pendingMinutes", 1, 10_080),
        defaultGateway, stripe, paypal);
  }

  /**
   * The reconciler's period and first backoff step: the shortest of the enabled gateways it
   * asks (Stripe's when none is enabled, so the timer is never started on nothing).
   */
  long reconcileMs() {
    if (stripe.enabled() && paypal.enabled()) {
      return Math.min(stripe.reconcileMs(), paypal.reconcileMs());
    }
    return paypal.enabled() ? paypal.reconcileMs() : stripe.reconcileMs();
  }

  /** The same settings with the webhook secret the install uses. */
  PaymentConfig withTestWebhookSecret(String secret) {
    return new PaymentConfig(testGateway, secret, delayedMs, asyncConfirmMs, gatewayTimeoutMs, idempotencyWaitMs,
        pendingMinutes, defaultGateway, stripe, paypal);
  }
}
