package mercato.platform.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures, for the webhooks Mercato sends and the ones it receives. A
 * secret is {@code whsec_<base64 of 24..64 bytes>} (the specification's bounds); a message
 * is signed as {@code v1,<base64(HMAC-SHA256(secret bytes, id.timestamp.body))>}, sent with
 * the {@code webhook-id}, {@code webhook-timestamp} (unix seconds) and
 * {@code webhook-signature} headers (several signatures may be space-separated). Pure
 * functions, no Vert.x.
 */
public final class WebhookSignature {
  public static final String PREFIX = "whsec_";
  public static final int MIN_BYTES = 24;
  public static final int MAX_BYTES = 64;
  /** How far a received timestamp may be from now. */
  public static final long TOLERANCE_SECONDS = 300;
  private static final int GENERATED_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private WebhookSignature() {}

  /** A fresh secret of 32 random bytes. */
  public static String newSecret() {
    byte[] bytes = new byte[GENERATED_BYTES];
    RANDOM.nextBytes(bytes);
    return PREFIX + Base64.getEncoder().encodeToString(bytes);
  }

  /** Whether {@code secret} is {@code whsec_} followed by standard base64 of 24 to 64 bytes. */
  public static boolean isValidSecret(String secret) {
    try {
      key(secret);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The HMAC key of {@code secret}; {@link IllegalArgumentException} when it is not a valid secret. */
  public static byte[] key(String secret) {
    if (secret == null || !secret.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a " + PREFIX + " secret");
    }
    byte[] key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
    if (key.length < MIN_BYTES || key.length > MAX_BYTES) {
      throw new IllegalArgumentException("a secret holds " + MIN_BYTES + " to " + MAX_BYTES + " bytes");
    }
    return key;
  }

  /** The {@code webhook-signature} header value for one message. */
  public static String sign(String secret, String messageId, long timestampSeconds, String body) {
    return "v1," + Base64.getEncoder().encodeToString(hmac(key(secret), messageId + "." + timestampSeconds + "." + body));
  }

  /** HMAC-SHA256 of {@code message} (UTF-8) under {@code key}: what every webhook scheme here signs with. */
  public static byte[] hmac(byte[] key, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  /** Whether a signature's timestamp is within {@code toleranceSeconds} of now, either way. */
  public static boolean fresh(long timestampSeconds, long nowSeconds, long toleranceSeconds) {
    return Math.abs(nowSeconds - timestampSeconds) <= toleranceSeconds;
  }

  /** Whether any one of {@code candidates} is {@code expected}, each compared in constant time. */
  public static boolean anyMatches(String expected, Iterable<String> candidates) {
    byte[] wanted = expected.getBytes(StandardCharsets.UTF_8);
    boolean ok = false;
    for (String candidate : candidates) {
      ok |= MessageDigest.isEqual(wanted, candidate.getBytes(StandardCharsets.UTF_8));
    }
    return ok;
  }

  /**
   * Whether the headers prove the body came from the holder of {@code secret}, within the
   * tolerance; any one of the space-separated signatures may match, compared in constant time.
   */
  public static boolean verify(String secret, String id, String timestamp, String signatures, String body,
      long nowSeconds) {
    if (id == null || timestamp == null || signatures == null || body == null) {
      return false;
    }
    long ts;
    try {
      ts = Long.parseLong(timestamp.trim());
    } catch (NumberFormatException e) {
      return false;
    }
    return fresh(ts, nowSeconds, TOLERANCE_SECONDS)
        && anyMatches(sign(secret, id, ts, body), java.util.List.of(signatures.trim().split(" +")));
  }
}
