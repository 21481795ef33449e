package mercato.platform.route;

import java.util.Set;

/**
 * Who may call a route, checked at the edge before the request reaches the bus. Object-level
 * rules (a seller's own products, a customer's own orders) stay in the owning domain.
 *
 * @param signedIn    a valid token is required
 * @param types       principal types allowed (empty: any type, unless a permission is named)
 * @param permission  a permission that also admits the caller, whatever its type (null: none)
 * @param verifiedFor the action name under which configuration may demand a verified email
 *                    ({@code http.requireVerifiedEmailFor}); null: never demanded
 * @param apiKeys     whether an API key may call it (within its scope, {@link ApiScopes}); false
 *                    for the routes that manage a session or credentials
 */
public record Access(boolean signedIn, Set<String> types, String permission, String verifiedFor, boolean apiKeys) {
  /** Anyone; a token, when sent, is still verified and passed on. */
  public static final Access PUBLIC = new Access(false, Set.of(), null, null, true);
  /** Any signed-in principal. */
  public static final Access ANY = new Access(true, Set.of(), null, null, true);

  public static Access types(String... types) {
    return new Access(true, Set.of(types), null, null, true);
  }

  /** Only principals whose roles grant {@code permission} (admins hold every permission). */
  public static Access permission(String permission) {
    return new Access(true, Set.of(), permission, null, true);
  }

  /** Also admits any principal whose roles grant {@code permission}. */
  public Access orPermission(String permission) {
    return new Access(true, types, permission, verifiedFor, apiKeys);
  }

  /** Demands a verified email when configuration lists {@code action}. */
  public Access verifiedFor(String action) {
    return new Access(signedIn, types, permission, action, apiKeys);
  }

  /**
   * Refuses API keys: the route manages a session or credentials (log in, refresh, log out,
   * reset a password, verify an email, manage API keys, close the account), so only a
   * person's own token may call it.
   */
  public Access sessionOnly() {
    return new Access(signedIn, types, permission, verifiedFor, false);
  }

  /** Whether a principal of {@code type}, granted {@code permission} or not, passes the type rule. */
  public boolean admits(String type, boolean granted) {
    if (types.isEmpty() && permission == null) {
      return true;
    }
    return types.contains(type) || (permission != null && granted);
  }
}
