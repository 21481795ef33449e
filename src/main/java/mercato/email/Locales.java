package mercato.email;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Locale tags as templates are stored: lower case, hyphenated ({@code pt-br}). */
final class Locales {
  private static final Pattern TAG = Pattern.compile("^[a-z]{2,3}(?:-[a-z0-9]{2,8}){0,3}$");

  private Locales() {}

  /** The normalized tag ({@code pt_BR} -> {@code pt-br}), or null when it is not one. */
  static String normalize(String tag) {
    if (tag == null) {
      return null;
    }
    String normalized = tag.trim().replace('_', '-').toLowerCase(Locale.ROOT);
    return TAG.matcher(normalized).matches() ? normalized : null;
  }

  /**
   * Where to look for a template asked for in {@code wanted}, best first: the tag itself,
   * its language alone ({@code de-ch} -> {@code de}), then the default locale.
   */
  static List<String> candidates(String wanted, String defaultLocale) {
    List<String> out = new ArrayList<>(3);
    if (wanted != null) {
      out.add(wanted);
      int dash = wanted.indexOf('-');
      if (dash > 0) {
        out.add(wanted.substring(0, dash));
      }
    }
    if (!out.contains(defaultLocale)) {
      out.add(defaultLocale);
    }
    return List.copyOf(out);
  }
}
