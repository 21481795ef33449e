package mercato.auth;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An account as auth stores it; {@link #toJson()} is what clients may see (never the hash). */
record Account(
    UUID id, String email, String username, String name, String type, String passwordHash, AccountStatus status,
    boolean emailVerified, UUID warehouseId, OffsetDateTime createdAt) {

  /** An account read with its roles. */
  record WithRoles(Account account, java.util.List<String> roles) {}

  static Account from(Row row) {
    return new Account(
        row.getUUID("id"), row.getString("email"), row.getString("username"), row.getString("name"),
        row.getString("type"), row.getString("password_hash"),
        AccountStatus.of(row.getBoolean("active"), row.getOffsetDateTime("closed_at") != null),
        row.getOffsetDateTime("email_verified_at") != null, row.getUUID("warehouse_id"),
        row.getOffsetDateTime("created_at"));
  }

  boolean canLogIn() {
    return status == AccountStatus.ACTIVE && passwordHash != null;
  }

  JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("id", id.toString())
        .put("email", email)
        .put("type", type)
        .put("emailVerified", emailVerified)
        .put("active", status == AccountStatus.ACTIVE)
        .put("createdAt", createdAt.toInstant().toString());
    if (username != null) {
      json.put("username", username);
    }
    if (name != null) {
      json.put("name", name);
    }
    if (warehouseId != null) {
      json.put("warehouseId", warehouseId.toString());
    }
    return json;
  }
}
