package mercato.payment.api;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The origins beyond its own that the storefront's pages use to pay, for the edge's
 * Content-Security-Policy: with Stripe enabled, Stripe.js's origin ({@code payment.stripe.jsUrl})
 * for scripts and frames, the 3-D Secure frame's ({@code threeDSecureFrames}) for frames, and the
 * API's ({@code apiBase}) for Stripe.js's calls; nothing when Stripe is off. Read from the
 * install's {@code payment:} section, which every node shares, so an edge without the payment
 * role allows the same origins (the boot reads it and hands it to the edge); the payment
 * domain validates the same keys when it starts.
 */
public record StorefrontSources(List<String> scripts, List<String> frames, List<String> connections) {
  public static final StorefrontSources NONE = new StorefrontSources(List.of(), List.of(), List.of());

  public static StorefrontSources of(JsonObject payment) {
    JsonObject stripe = payment == null ? null : payment.getJsonObject("stripe");
    if (stripe == null || !Boolean.parseBoolean(String.valueOf(stripe.getValue("enabled")))) {
      return NONE;
    }
    String js = origin(stripe.getValue("jsUrl"));
    Set<String> frames = new LinkedHashSet<>();
    frames.add(js);
    frames.add(origin(stripe.getValue("threeDSecureFrames")));
    frames.remove(null);
    String api = origin(stripe.getValue("apiBase"));
    return new StorefrontSources(js == null ? List.of() : List.of(js), List.copyOf(frames),
        api == null ? List.of() : List.of(api));
  }

  /** {@code scheme://host[:port]} of an http(s) address; null for anything else (never a wildcard or a keyword). */
  static String origin(Object address) {
    if (!(address instanceof String text) || text.isBlank()) {
      return null;
    }
    try {
      URI uri = new URI(text.strip());
      String scheme = uri.getScheme();
      if (uri.getHost() == null || !("https".equals(scheme) || "http".equals(scheme))
          || !uri.getHost().matches("[A-Za-z0-9.-]+")) {
        return null;
      }
      return scheme + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }
}
