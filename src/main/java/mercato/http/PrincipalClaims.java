package mercato.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import mercato.platform.bus.Principal;
import mercato.platform.ids.Ids;

/**
 * The claims of a verified access token read as a principal, every claim of its type: a
 * token signed with our key but carrying a claim of the wrong type (exp as text, a sub that
 * is not an account id, roles that are not strings, an unknown typ) is not ours, so it is
 * 401 unauthenticated, never a principal a domain cannot use.
 */
final class PrincipalClaims {
  private PrincipalClaims() {}

  /** Why these claims make no principal, or null when they do. */
  static String violation(JsonObject claims) {
    // vertx-auth-jwt accepts a token without exp; ours always carry one.
    if (!isWhole(claims.getValue("exp"))) {
      return "The access token has no expiry.";
    }
    for (String time : List.of("nbf", "iat")) {
      if (claims.getValue(time) != null && !isWhole(claims.getValue(time))) {
        return "The access token's " + time + " is not a time.";
      }
    }
    Object sub = claims.getValue("sub");
    Object typ = claims.getValue("typ");
    if (!(sub instanceof String id) || Ids.parse(id) == null || !(typ instanceof String type)
        || !Principal.TYPES.contains(type) || !isListOfText(claims.getValue("roles"))) {
      return "The access token lacks principal claims.";
    }
    for (String text : List.of("jti", "sid")) {
      if (claims.getValue(text) != null && !(claims.getValue(text) instanceof String)) {
        return "The access token's " + text + " is not text.";
      }
    }
    Object verified = claims.getValue("email_verified");
    if (verified != null && !(verified instanceof Boolean)) {
      return "The access token's email_verified is not true or false.";
    }
    return null;
  }

  /** The principal of claims {@link #violation} accepted. */
  static Principal principal(JsonObject claims) {
    JsonArray roles = claims.getJsonArray("roles", new JsonArray());
    return new Principal(claims.getString("sub"), claims.getString("typ"),
        roles.stream().map(String.class::cast).toList(), Boolean.TRUE.equals(claims.getValue("email_verified")),
        claims.getString("jti"), claims.getString("sid"), claims.getLong("exp"));
  }

  private static boolean isWhole(Object value) {
    return value instanceof Integer || value instanceof Long;
  }

  private static boolean isListOfText(Object roles) {
    return roles == null || (roles instanceof JsonArray list && list.stream().allMatch(String.class::isInstance));
  }
}
