package mercato.email;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;

/** A mail template: Mustache sources for the subject, the HTML body and the text body. */
record Template(String name, String locale, String subject, String html, String text, boolean edited,
    OffsetDateTime createdAt, OffsetDateTime updatedAt) {

  /** Template names: lower-case words joined by hyphens ({@code order-confirmation}). */
  static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("^[a-z0-9]+(?:-[a-z0-9]+)*$");
  static final int MAX_NAME = 64;

  JsonObject toJson() {
    return new JsonObject()
        .put("name", name)
        .put("locale", locale)
        .put("subject", subject)
        .put("html", html)
        .put("text", text)
        .put("edited", edited)
        .put("createdAt", createdAt == null ? null : createdAt.toInstant().toString())
        .put("updatedAt", updatedAt == null ? null : updatedAt.toInstant().toString());
  }
}
