package mercato.http;

import java.util.Map;
import java.util.Set;
import mercato.platform.bus.Principal;

/**
 * Whether a principal's roles grant a permission. Admins hold every permission; other
 * grants come from the role table the auth domain keeps (supplied to the edge at start).
 */
public interface Permissions {
  boolean grants(Principal principal, String permission);

  static Permissions of(Map<String, Set<String>> byRole) {
    return (principal, permission) -> principal.isAdmin()
        || principal.roles().stream().anyMatch(role -> byRole.getOrDefault(role, Set.of()).contains(permission));
  }
}
