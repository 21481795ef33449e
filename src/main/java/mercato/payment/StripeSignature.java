package mercato.payment;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import mercato.platform.webhooks.WebhookSignature;

/**
 * Stripe's webhook signature: the {@code Stripe-Signature} header is
 * {@code t=<unix seconds>,v1=<hex>[,v1=<hex>...]} (other schemes, such as test mode's
 * {@code v0}, are ignored), each {@code v1} the hex HMAC-SHA256 of {@code "<t>.<raw body>"}
 * keyed by the endpoint's whole signing secret ({@code whsec_...}, as text). Any one
 * {@code v1} may match (Stripe sends several while a secret is rolled), compared in constant
 * time; a timestamp further than the tolerance from now is refused. The HMAC, the
 * comparison and the tolerance are {@link WebhookSignature}'s; only the header is Stripe's.
 */
final class StripeSignature {
  private StripeSignature() {}

  /** The header value Stripe would send for {@code body} at {@code timestamp}. */
  static String header(String secret, long timestamp, String body) {
    return "t=" + timestamp + ",v1=" + sign(secret, timestamp, body);
  }

  /** Whether {@code header} proves {@code body} came from the holder of {@code secret}, within {@code toleranceSeconds}. */
  static boolean verify(String secret, String header, String body, long nowSeconds, long toleranceSeconds) {
    if (header == null || body == null || header.length() > 4096) {
      return false;
    }
    Long timestamp = null;
    java.util.List<String> signatures = new java.util.ArrayList<>();
    for (String item : header.split(",")) {
      String[] pair = item.strip().split("=", 2);
      if (pair.length != 2) {
        continue;
      }
      if (pair[0].equals("t")) {
        try {
          timestamp = Long.parseLong(pair[1]);
        } catch (NumberFormatException e) {
          return false;
        }
      } else if (pair[0].equals("v1")) {
        signatures.add(pair[1]);
      }
    }
    return timestamp != null && WebhookSignature.fresh(timestamp, nowSeconds, toleranceSeconds)
        && WebhookSignature.anyMatches(sign(secret, timestamp, body), signatures);
  }

  private static String sign(String secret, long timestamp, String body) {
    return HexFormat.of().formatHex(
        WebhookSignature.hmac(secret.getBytes(StandardCharsets.UTF_8), timestamp + "." + body));
  }
}
