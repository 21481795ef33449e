package mercato.inventory;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Pages;
import mercato.platform.bus.Problem;
import mercato.platform.ids.Ids;

/** Page size and keyset cursors of inventory's lists. */
final class Paging {
  private Paging() {}

  static int limit(Envelope envelope, int fallback, int max) {
    return Pages.limit(envelope, fallback, max);
  }

  static UUID uuidCursor(Envelope envelope) {
    return Pages.idCursor(envelope);
  }

  /** A (product, warehouse) position: base64url of {@code <product>:<warehouse>}. */
  static String pairCursor(UUID product, UUID warehouse) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((product + ":" + warehouse).getBytes(StandardCharsets.US_ASCII));
  }

  static UUID[] pair(Envelope envelope) {
    String text = envelope.queryParam("cursor");
    if (text == null) {
      return new UUID[] {new UUID(0, 0), new UUID(0, 0)};
    }
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII).split(":");
      UUID product = Ids.parse(parts[0]);
      UUID warehouse = Ids.parse(parts[1]);
      if (product != null && warehouse != null) {
        return new UUID[] {product, warehouse};
      }
    } catch (RuntimeException e) {
      // answered below
    }
    throw Problem.invalidField("/cursor", "is not a cursor this list gave out");
  }
}
