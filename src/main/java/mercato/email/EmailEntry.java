package mercato.email;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** One mail as the log shows it (never its bodies). */
record EmailEntry(UUID id, List<String> to, String subject, String template, String locale, String status,
    int attempts, String lastError, OffsetDateTime createdAt, OffsetDateTime sentAt) {

  JsonObject toJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("to", new JsonArray(to))
        .put("subject", subject)
        .put("template", template)
        .put("locale", locale)
        .put("status", status)
        .put("attempts", attempts)
        .put("lastError", lastError)
        .put("createdAt", createdAt.toInstant().toString())
        .put("sentAt", sentAt == null ? null : sentAt.toInstant().toString());
  }
}
