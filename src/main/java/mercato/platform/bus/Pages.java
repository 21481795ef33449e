package mercato.platform.bus;

import io.vertx.core.json.JsonObject;
import java.util.UUID;
import mercato.platform.ids.Ids;

/**
 * The page size and the cursor of keyset-paged lists ({@code ?limit=&cursor=}), checked alike
 * everywhere: an id cursor, or an opaque {@link Cursors} one of several keys.
 */
public final class Pages {
  /** The largest page any list serves: the bound of http.maxPageSize, which the edge applies to every limit. */
  public static final int CEILING = 10_000;
  /** The page size of a list whose caller gives no {@code limit}, unless the list says otherwise. */
  public static final int DEFAULT_LIMIT = 20;

  private Pages() {}

  /** {@code limit}, from 1 to {@code max}; {@link #DEFAULT_LIMIT} (capped by max) when absent. */
  public static int limit(Envelope envelope, int max) {
    return limit(envelope.query(), DEFAULT_LIMIT, max);
  }

  /** {@code limit}, from 1 to {@code max}; {@code fallback} (capped by max) when absent. */
  public static int limit(Envelope envelope, int fallback, int max) {
    return limit(envelope.query(), fallback, max);
  }

  /**
   * {@code limit} of a query, from 1 to {@code max}; {@code fallback} (capped by max) when absent.
   * Parsed as a long and range-checked before narrowing, so 2^32+1 is a 400, not a page of 1.
   */
  public static int limit(JsonObject query, int fallback, int max) {
    Object value = query.getValue("limit");
    if (value == null) {
      return Math.min(fallback, max);
    }
    try {
      return QueryParams.whole(query, "limit", 1, max).intValue();
    } catch (Problem problem) {
      throw Problem.invalidField("/limit", "must be a whole number from 1 to " + max);
    }
  }

  /** The id a previous page ended with, or null for the first page. */
  public static UUID idCursor(Envelope envelope) {
    String text = envelope.queryParam("cursor");
    if (text == null) {
      return null;
    }
    UUID id = Ids.parse(text);
    if (id == null) {
      throw Cursors.notOurs();
    }
    return id;
  }

  /** The fields of the {@link Cursors} cursor a previous page ended with, or null for the first page. */
  public static JsonObject cursor(Envelope envelope) {
    String text = envelope.queryParam("cursor");
    return text == null ? null : Cursors.decode(text);
  }
}
