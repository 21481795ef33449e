package mercato.http;

import mercato.platform.bus.Principal;

/**
 * Whether a principal's roles grant a permission. Admins hold every permission; other
 * grants come from the role table the auth domain keeps (supplied to the edge at start).
 */
public interface Permissions {
  boolean grants(Principal principal, String permission);
}
