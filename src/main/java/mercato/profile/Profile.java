package mercato.profile;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import mercato.platform.bus.Fields;

/**
 * A profile: the fields a principal of each type may keep. Which fields a type may write
 * is a rule here, not in the contract (the contract lists their union).
 */
record Profile(UUID accountId, String type, JsonObject fields) {
  /** JSON field -> column, in column order. */
  static final Map<String, String> COLUMNS = new LinkedHashMap<>();

  static {
    COLUMNS.put("firstName", "first_name");
    COLUMNS.put("lastName", "last_name");
    COLUMNS.put("phone", "phone");
    COLUMNS.put("addresses", "addresses");
    COLUMNS.put("legalName", "legal_name");
    COLUMNS.put("vatId", "vat_id");
    COLUMNS.put("address", "address");
    COLUMNS.put("website", "website");
    COLUMNS.put("location", "location");
    COLUMNS.put("capacity", "capacity");
    COLUMNS.put("payout", "payout");
  }

  static final Map<String, Set<String>> WRITABLE = Map.of(
      "customer", Set.of("firstName", "lastName", "phone", "addresses"),
      "company", Set.of("legalName", "vatId", "address", "phone", "website"),
      "shop", Set.of("legalName", "vatId", "address", "phone", "website"),
      "warehouse", Set.of("location", "capacity", "phone"),
      "affiliate", Set.of("firstName", "lastName", "phone", "website", "payout"),
      "admin", Set.of("firstName", "lastName", "phone"));

  static Profile empty(UUID accountId, String type) {
    return new Profile(accountId, type, new JsonObject());
  }

  static Profile from(Row row) {
    JsonObject fields = new JsonObject();
    COLUMNS.forEach((field, column) -> {
      Object value = row.getValue(column);
      if (value != null && !(value instanceof JsonArray array && array.isEmpty() && !field.equals("addresses"))) {
        fields.put(field, value);
      }
    });
    return new Profile(row.getUUID("account_id"), row.getString("type"), fields);
  }

  /** This profile with {@code patch} applied; a field the type may not write is a 400. */
  Profile merge(JsonObject patch) {
    Set<String> writable = WRITABLE.getOrDefault(type, Set.of());
    Fields.only(patch, COLUMNS.keySet(), "is not writable");
    Fields.only(patch, writable, "does not apply to a " + type + " profile");
    JsonObject merged = fields.copy();
    for (String field : patch.fieldNames()) {
      Object value = patch.getValue(field);
      if (value == null) {
        merged.remove(field);
      } else {
        merged.put(field, value);
      }
    }
    ProfileRules.check(merged);
    return new Profile(accountId, type, merged);
  }

  /** The upsert parameters: id, type, then every column in order. */
  Tuple tuple() {
    Tuple tuple = Tuple.of(accountId, type);
    for (String field : COLUMNS.keySet()) {
      Object value = fields.getValue(field);
      tuple.addValue(field.equals("addresses") && value == null ? new JsonArray() : value);
    }
    return tuple;
  }

  JsonObject toJson() {
    JsonObject json = new JsonObject().put("id", accountId.toString()).put("type", type);
    for (String field : WRITABLE.getOrDefault(type, Set.of())) {
      json.put(field, fields.getValue(field));
    }
    if (List.of("customer").contains(type) && json.getValue("addresses") == null) {
      json.put("addresses", new JsonArray());
    }
    return json;
  }
}
