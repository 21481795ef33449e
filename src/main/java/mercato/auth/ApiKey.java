package mercato.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import mercato.auth.api.AuthEvents;
import mercato.platform.events.Event;

/** An API key as auth stores it, without its secret (only its hash is stored, and never read back). */
record ApiKey(UUID id, UUID accountId, String name, String prefix, List<String> scopes, OffsetDateTime createdAt,
    OffsetDateTime expiresAt, OffsetDateTime lastUsedAt, OffsetDateTime revokedAt) {

  static ApiKey from(Row row) {
    return new ApiKey(row.getUUID("id"), row.getUUID("account_id"), row.getString("name"), row.getString("prefix"),
        List.of(row.getArrayOfStrings("scopes")), row.getOffsetDateTime("created_at"),
        row.getOffsetDateTime("expires_at"), row.getOffsetDateTime("last_used_at"),
        row.getOffsetDateTime("revoked_at"));
  }

  /** What the owner sees: everything but the secret; absent times are null. */
  JsonObject toJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("name", name)
        .put("prefix", prefix)
        .put("scopes", new JsonArray(scopes))
        .put("createdAt", text(createdAt))
        .put("expiresAt", text(expiresAt))
        .put("lastUsedAt", text(lastUsedAt))
        .put("revokedAt", text(revokedAt));
  }

  /** The key was made by {@code by} ({@code <typ>:<sub>}): what it is, never its text or hash. */
  Event created(String by) {
    return Event.of(AuthEvents.API_KEY_CREATED, id.toString(), new JsonObject()
        .put("keyId", id.toString())
        .put("accountId", accountId.toString())
        .put("name", name)
        .put("prefix", prefix)
        .put("scopes", new JsonArray(scopes))
        .put("expiresAt", text(expiresAt))
        .put("by", by));
  }

  /** The key was revoked by {@code by} ({@code <typ>:<sub>}, or {@code system:<why>}). */
  Event revoked(String by) {
    return Event.of(AuthEvents.API_KEY_REVOKED, id.toString(), new JsonObject()
        .put("keyId", id.toString())
        .put("accountId", accountId.toString())
        .put("prefix", prefix)
        .put("revokedAt", text(revokedAt))
        .put("by", by));
  }

  private static String text(OffsetDateTime time) {
    return time == null ? null : time.toInstant().toString();
  }
}
