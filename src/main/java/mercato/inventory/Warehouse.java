package mercato.inventory;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import mercato.platform.bus.Principal;
import mercato.platform.bus.Problem;

/**
 * A warehouse: owned by a seller (company or shop), optionally operated by one warehouse
 * account, which first has to accept the owner's invitation ({@code invitedOperatorId}).
 */
record Warehouse(UUID id, UUID ownerId, String name, JsonObject location, int capacity, int priority,
    UUID operatorAccountId, UUID invitedOperatorId, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

  static Warehouse from(Row row) {
    Object location = row.getValue("location");
    return new Warehouse(row.getUUID("id"), row.getUUID("owner_id"), row.getString("name"),
        location instanceof JsonObject json ? json : new JsonObject(), row.getInteger("capacity"),
        row.getInteger("priority"), row.getUUID("operator_account_id"), row.getUUID("invited_operator_id"),
        row.getOffsetDateTime("created_at"),
        row.getOffsetDateTime("updated_at"));
  }

  /** Owner and admins manage it; its operator may read it. */
  boolean manageableBy(Principal principal) {
    return principal.isAdmin() || ownerId.toString().equals(principal.sub());
  }

  boolean visibleTo(Principal principal) {
    return manageableBy(principal) || (operatorAccountId != null && operatorAccountId.toString().equals(principal.sub()));
  }

  /** The rule the contract cannot state: the country is an ISO 3166 code. */
  static void checkLocation(JsonObject location) {
    String country = location.getString("country");
    if (country == null || !COUNTRIES.contains(country)) {
      throw Problem.invalidField("/location/country", "must be an ISO 3166 alpha-2 code such as DE");
    }
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("ownerId", ownerId.toString())
        .put("name", name)
        .put("location", location)
        .put("capacity", capacity)
        .put("priority", priority)
        .put("operatorAccountId", operatorAccountId == null ? null : operatorAccountId.toString())
        .put("invitedOperatorId", invitedOperatorId == null ? null : invitedOperatorId.toString())
        .put("createdAt", createdAt.toInstant().toString())
        .put("updatedAt", updatedAt.toInstant().toString());
  }
}
