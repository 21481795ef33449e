package mercato.payment;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import mercato.platform.bus.Envelope;

/**
 * GET /payments/gateways: which gateways the install runs and which one a payment uses by
 * default, with what a browser needs to pay through each: for Stripe the publishable key and
 * the Stripe.js address. Public by design (a publishable key is meant for every browser); never
 * a secret. Made once at start: it changes only with the configuration.
 */
final class PublicGateways {
  private final JsonObject answer;

  PublicGateways(PaymentConfig config, StripeConfig stripe) {
    JsonArray gateways = new JsonArray();
    if (config.testGateway()) {
      gateways.add(new JsonObject().put("name", TestGateway.NAME));
    }
    if (config.paypal().enabled()) {
      gateways.add(new JsonObject().put("name", PayPalGateway.NAME));
    }
    if (stripe.enabled()) {
      JsonObject entry = new JsonObject().put("name", StripeGateway.NAME).put("jsUrl", stripe.browser().jsUrl());
      if (!stripe.browser().publishableKey().isEmpty()) {
        entry.put("publishableKey", stripe.browser().publishableKey());
      }
      gateways.add(entry);
    }
    this.answer = new JsonObject().put("defaultGateway", config.defaultGateway()).put("gateways", gateways);
  }

  Future<?> list(Envelope envelope) {
    return Future.succeededFuture(answer.copy());
  }
}
