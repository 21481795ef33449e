package mercato.platform.db;

import java.util.Optional;
import java.util.function.Function;

/** The one lookup of a state enum by the text it is stored and answered as. */
public final class StoredTexts {
  private StoredTexts() {}

  /** The value spelled {@code wanted}, if there is one (a caller's filter). */
  public static <E> Optional<E> find(E[] values, Function<E, String> text, String wanted) {
    for (E value : values) {
      if (text.apply(value).equals(wanted)) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }

  /** The value of stored text; any other text is a bug ("not {@code what}: text"). */
  public static <E> E of(E[] values, Function<E, String> text, String wanted, String what) {
    return find(values, text, wanted).orElseThrow(() -> new IllegalArgumentException("not " + what + ": " + wanted));
  }
}
