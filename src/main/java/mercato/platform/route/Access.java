package mercato.platform.route;

import java.util.Set;

/**
 * Who may call a route, checked at the edge before the request reaches the bus. Object-level
 * rules (a seller's own products, a customer's own orders) stay in the owning domain.
 *
 * @param signedIn   a valid token is required
 * @param types      principal types allowed (empty: any type)
 * @param permission a permission one of the caller's roles must grant (null: none)
 */
public record Access(boolean signedIn, Set<String> types, String permission) {
  /** Anyone; a token, when sent, is still verified and passed on. */
  public static final Access PUBLIC = new Access(false, Set.of(), null);
  /** Any signed-in principal. */
  public static final Access ANY = new Access(true, Set.of(), null);

  public static Access types(String... types) {
    return new Access(true, Set.of(types), null);
  }

  public Access withPermission(String permission) {
    return new Access(true, types, permission);
  }

  public boolean allowsType(String type) {
    return types.isEmpty() || types.contains(type);
  }
}
