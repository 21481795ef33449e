package mercato.platform.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Who is calling, as verified by the edge: subject id, principal type and roles. */
public record Principal(String sub, String typ, List<String> roles) {
  public static final List<String> TYPES = List.of("customer", "company", "shop", "warehouse", "affiliate", "admin");

  public boolean is(String type) {
    return typ.equals(type);
  }

  public boolean isAdmin() {
    return is("admin");
  }

  /** A company or a shop: the principals that sell. */
  public boolean isSeller() {
    return is("company") || is("shop");
  }

  public JsonObject toJson() {
    return new JsonObject().put("sub", sub).put("typ", typ).put("roles", new JsonArray(roles));
  }

  public static Principal fromJson(JsonObject json) {
    if (json == null) {
      return null;
    }
    JsonArray roles = json.getJsonArray("roles", new JsonArray());
    return new Principal(json.getString("sub"), json.getString("typ"),
        roles.stream().map(Object::toString).toList());
  }
}
