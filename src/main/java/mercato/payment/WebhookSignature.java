package mercato.payment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures: HMAC-SHA256 keyed with the base64 part of a {@code whsec_}
 * secret over {@code id.timestamp.body}, sent as {@code v1,<base64>} (several may be
 * space-separated); the timestamp must be within the tolerance; compared in constant time.
 */
public final class WebhookSignature {
  static final long TOLERANCE_SECONDS = 300;

  private WebhookSignature() {}

  static byte[] key(String secret) {
    if (secret == null || !secret.startsWith("whsec_")) {
      throw new IllegalArgumentException("not a whsec_ secret");
    }
    byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
    if (key.length < 16) {
      throw new IllegalArgumentException("secret too short");
    }
    return key;
  }

  public static String sign(String secret, String id, long timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
      byte[] digest = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(digest);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether the headers prove the body came from the holder of {@code secret}, recently. */
  static boolean verify(String secret, String id, String timestamp, String signatures, String body, long nowSeconds) {
    if (id == null || timestamp == null || signatures == null || body == null) {
      return false;
    }
    long ts;
    try {
      ts = Long.parseLong(timestamp.trim());
    } catch (NumberFormatException e) {
      return false;
    }
    if (Math.abs(nowSeconds - ts) > TOLERANCE_SECONDS) {
      return false;
    }
    byte[] expected = sign(secret, id, ts, body).getBytes(StandardCharsets.UTF_8);
    boolean ok = false;
    for (String candidate : signatures.trim().split(" +")) {
      ok |= MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.UTF_8));
    }
    return ok;
  }
}
