package mercato.platform.tokens;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The text of an API key, shared by auth (which makes keys) and the edge (which reads them):
 * {@code mk_} and 40 random bytes from SecureRandom, base64url (54 characters). The first
 * {@link #SHOWN} characters are the display prefix a listing shows for recognition; the 272
 * random bits after them are never shown again. Only the SHA-256 of the whole text is stored
 * and sent on the bus (the text is random, so no salt is needed).
 */
public final class ApiKeyText {
  public static final String PREFIX = "mk_";
  /** Characters of the key a listing shows: {@code mk_} and 8 random ones (48 bits). */
  public static final int SHOWN = PREFIX.length() + 8;
  /**
   * How long an edge may answer from its memory of a key's resolution: the longest a change
   * of the account (disabled, a role taken) takes to reach a key. Revocation does not wait
   * for it: it is denied at once (see {@link #DENIED_FOR}).
   */
  public static final Duration REMEMBERED = Duration.ofSeconds(30);
  /** How long a revoked key stays denied in Redis: well past every edge's memory of it. */
  public static final Duration DENIED_FOR = Duration.ofMinutes(10);
  private static final int BYTES = 40;
  private static final String DENIAL = "apikey:";
  private static final Pattern SHAPE = Pattern.compile("mk_[A-Za-z0-9_-]{54}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeyText() {}

  /** A new key's text. */
  public static String generate() {
    byte[] bytes = new byte[BYTES];
    RANDOM.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Whether a bearer credential is meant as an API key (it may still be malformed). */
  public static boolean isKey(String bearer) {
    return bearer.startsWith(PREFIX);
  }

  /** Whether the text has the shape of a key this code makes (checked before any lookup). */
  public static boolean wellFormed(String text) {
    return SHAPE.matcher(text).matches();
  }

  /** The non-secret part a listing shows. */
  public static String displayPrefix(String text) {
    return text.substring(0, SHOWN);
  }

  /** What is stored and looked up instead of the key. */
  public static byte[] hash(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The id under which a key's revocation is denied like a logged-out token ({@link TokenDenials}). */
  public static String denialId(String keyId) {
    return DENIAL + keyId;
  }

  /** Whether a denied id ({@link TokenDenials#ADDRESS}'s body) is a key's rather than an access token's. */
  public static boolean deniesKey(String denied) {
    return denied.startsWith(DENIAL);
  }
}
