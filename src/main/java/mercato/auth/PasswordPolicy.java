package mercato.auth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import mercato.platform.bus.Problem;

/**
 * The password rules (NIST SP 800-63B): at least 12 characters, at most 1024 (never an
 * upper bound below 64), not a common password (the list ships in the jar, compared
 * without case and without leading or trailing digits and symbols), not the email.
 */
final class PasswordPolicy {
  static final int MIN = 12;
  static final int MAX = 1024;
  private static final Set<String> COMMON = load();

  private PasswordPolicy() {}

  /** Throws a 400 problem pointing at {@code pointer} when {@code password} breaks a rule. */
  static void check(String password, String email, String pointer) {
    if (password == null) {
      throw Problem.invalidField(pointer, "is required");
    }
    int length = password.codePointCount(0, password.length());
    if (length < MIN) {
      throw Problem.invalidField(pointer, "must be at least " + MIN + " characters");
    }
    if (length > MAX) {
      throw Problem.invalidField(pointer, "must be at most " + MAX + " characters");
    }
    String lower = password.toLowerCase(Locale.ROOT);
    String core = lower.replaceAll("^[^a-z]+|[^a-z]+$", "");
    if (COMMON.contains(lower) || (!core.isEmpty() && COMMON.contains(core)) || lower.chars().distinct().count() < 4) {
      throw Problem.invalidField(pointer, "is too common; choose a longer passphrase");
    }
    if (email != null && lower.contains(email.toLowerCase(Locale.ROOT).split("@")[0]) && email.indexOf('@') > 3) {
      throw Problem.invalidField(pointer, "must not contain your email address");
    }
  }

  private static Set<String> load() {
    Set<String> words = new HashSet<>();
    try (var in = PasswordPolicy.class.getClassLoader().getResourceAsStream("auth/common-passwords.txt")) {
      if (in == null) {
        throw new IllegalStateException("auth/common-passwords.txt is missing from the jar");
      }
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        reader.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(words::add);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Set.copyOf(words);
  }
}
