package mercato.email;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mail address syntax, pragmatic rather than full RFC 5322: a dot-atom local part, a dotted
 * domain of DNS labels, ASCII only, nothing that could end a header (CR, LF, comma, angle
 * brackets, quotes).
 */
final class Addresses {
  static final int MAX_LENGTH = 254;
  private static final Pattern ADDRESS = Pattern.compile(
      "^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
          + "@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");
  private static final Pattern MAILBOX = Pattern.compile("^([^<>\\r\\n\"]*)<([^<>]+)>$");

  private Addresses() {}

  static boolean isValid(String address) {
    return address != null && address.length() <= MAX_LENGTH && address.indexOf('@') <= 64
        && ADDRESS.matcher(address).matches();
  }

  /** The address inside {@code "Name <address>"} or a bare address; null when neither is valid. */
  static String mailbox(String text) {
    if (text == null) {
      return null;
    }
    String trimmed = text.trim();
    Matcher named = MAILBOX.matcher(trimmed);
    String address = named.matches() ? named.group(2).trim() : trimmed;
    return isValid(address) ? address : null;
  }

  /** The domain part of a valid address. */
  static String domain(String address) {
    return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
  }
}
