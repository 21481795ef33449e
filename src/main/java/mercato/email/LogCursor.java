package mercato.email;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;
import mercato.platform.bus.Cursors;
import mercato.platform.ids.Ids;

/**
 * A position in the mail log (newest first): the creation time and id of the last entry
 * a page showed. Opaque to clients: base64url of {@code <epoch micros>:<id>}.
 */
record LogCursor(OffsetDateTime createdAt, UUID id) {

  static LogCursor after(EmailEntry last) {
    return new LogCursor(last.createdAt(), last.id());
  }

  String encode() {
    Instant at = createdAt.toInstant();
    long micros = Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1000);
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((micros + ":" + id).getBytes(StandardCharsets.US_ASCII));
  }

  /** The cursor a client sent back; a 400 problem at /cursor when it is not one of ours. */
  static LogCursor decode(String text) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
      int colon = plain.indexOf(':');
      long micros = Long.parseLong(plain.substring(0, colon));
      UUID id = Ids.parse(plain.substring(colon + 1));
      if (id == null) {
        throw new IllegalArgumentException("no id");
      }
      Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
      return new LogCursor(Cursors.bounded(OffsetDateTime.ofInstant(at, ZoneOffset.UTC)), id);
    } catch (RuntimeException e) {
      throw Cursors.notOurs();
    }
  }
}
