package mercato.affiliate;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Pages;
import mercato.platform.bus.Problem;

/** Query parameters of the affiliate lists: page size, keyset cursor (an id), dates. */
final class Paging {
  static final int DEFAULT_LIMIT = 20;

  private Paging() {}

  static int limit(Envelope envelope, int max) {
    return Pages.limit(envelope, DEFAULT_LIMIT, max);
  }

  static UUID cursor(Envelope envelope) {
    return Pages.idCursor(envelope);
  }

  /**
   * A bound of a period: an ISO instant as is, or an ISO date (UTC) meaning the start of that
   * day, or with {@code endOfDay} the start of the next (so {@code to=2026-11-30} includes that day).
   */
  static OffsetDateTime time(Envelope envelope, String name, boolean endOfDay) {
    String text = envelope.queryParam(name);
    return text == null ? null : time(text, "/" + name, endOfDay);
  }

  static OffsetDateTime time(String text, String pointer, boolean endOfDay) {
    try {
      if (text.length() == 10) {
        LocalDate day = LocalDate.parse(text);
        return (endOfDay ? day.plusDays(1) : day).atStartOfDay().atOffset(ZoneOffset.UTC);
      }
      return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw Problem.invalidField(pointer, "must be an ISO date (2026-11-30) or date-time (2026-11-30T12:00:00Z)");
    }
  }
}
