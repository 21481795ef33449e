package mercato.platform.bus;

import java.util.UUID;
import mercato.platform.ids.Ids;

/** The page size and the id cursor of keyset-paged lists ({@code ?limit=&cursor=}), checked alike everywhere. */
public final class Pages {
  private Pages() {}

  /** {@code limit}, from 1 to {@code max}; {@code fallback} (capped by max) when absent. */
  public static int limit(Envelope envelope, int fallback, int max) {
    String text = envelope.queryParam("limit");
    if (text == null) {
      return Math.min(fallback, max);
    }
    try {
      int limit = Integer.parseInt(text);
      if (limit >= 1 && limit <= max) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw Problem.invalidField("/limit", "must be from 1 to " + max);
  }

  /** The id a previous page ended with, or null for the first page. */
  public static UUID idCursor(Envelope envelope) {
    String text = envelope.queryParam("cursor");
    if (text == null) {
      return null;
    }
    UUID id = Ids.parse(text);
    if (id == null) {
      throw Problem.invalidField("/cursor", "is not a cursor this list gave out");
    }
    return id;
  }
}
