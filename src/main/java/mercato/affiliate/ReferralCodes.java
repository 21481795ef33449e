package mercato.affiliate;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Referral codes: generated ones are 8 characters of A-Z and 0-9 (about 41 bits, so a
 * collision is rare and simply retried); chosen ones are 4..32 of [A-Za-z0-9_-]. Codes
 * are unique case-insensitively.
 */
final class ReferralCodes {
  static final Pattern CHOSEN = Pattern.compile("^[A-Za-z0-9_-]{4,32}$");
  static final int GENERATED_LENGTH = 8;
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private ReferralCodes() {}

  static String generate() {
    StringBuilder code = new StringBuilder(GENERATED_LENGTH);
    for (int i = 0; i < GENERATED_LENGTH; i++) {
      code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return code.toString();
  }

  static boolean valid(String code) {
    return code != null && CHOSEN.matcher(code).matches();
  }
}
