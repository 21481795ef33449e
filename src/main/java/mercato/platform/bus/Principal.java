package mercato.platform.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Who is calling, as verified by the edge from the access token: subject id, principal
 * type, roles, whether the email is verified, and the token's id, session and expiry
 * (which logout needs to deny the token and end the session).
 */
public record Principal(String sub, String typ, List<String> roles, boolean emailVerified, String jti, String sid, long exp) {
  public static final List<String> TYPES = List.of("customer", "company", "shop", "warehouse", "affiliate", "admin");

  public Principal(String sub, String typ, List<String> roles) {
    this(sub, typ, roles, false, null, null, 0);
  }

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
    JsonObject json = new JsonObject().put("sub", sub).put("typ", typ).put("roles", new JsonArray(roles))
        .put("emailVerified", emailVerified);
    if (jti != null) {
      json.put("jti", jti).put("exp", exp);
    }
    if (sid != null) {
      json.put("sid", sid);
    }
    return json;
  }

  public static Principal fromJson(JsonObject json) {
    if (json == null) {
      return null;
    }
    JsonArray roles = json.getJsonArray("roles", new JsonArray());
    return new Principal(json.getString("sub"), json.getString("typ"), roles.stream().map(Object::toString).toList(),
        json.getBoolean("emailVerified", false), json.getString("jti"), json.getString("sid"), json.getLong("exp", 0L));
  }
}
