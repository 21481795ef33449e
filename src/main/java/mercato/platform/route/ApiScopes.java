package mercato.platform.route;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The scopes an API key may hold, read from the route table so they cannot drift from it:
 * a route's scope is {@code <domain>:read} for GET and HEAD and {@code <domain>:write} for
 * every other method, where the domain is the one that serves it, the second word of its
 * bus address ({@code mercato.inventory.adjust-stock} is inventory). A route whose
 * {@link Access} is {@link Access#sessionOnly()} has no scope: no key ever calls it.
 */
public final class ApiScopes {
  private ApiScopes() {}

  /** The route's scope, or null when it refuses API keys. */
  public static String of(Route route) {
    if (!route.access().apiKeys()) {
      return null;
    }
    String address = route.address();
    int start = address.indexOf('.') + 1;
    int end = address.indexOf('.', start);
    String domain = end < 0 ? address.substring(start) : address.substring(start, end);
    boolean reads = route.method().equals("GET") || route.method().equals("HEAD");
    return domain + (reads ? ":read" : ":write");
  }

  /** Every scope some route of {@code routes} has, sorted. */
  public static Set<String> all(List<Route> routes) {
    Set<String> scopes = new TreeSet<>();
    for (Route route : routes) {
      String scope = of(route);
      if (scope != null) {
        scopes.add(scope);
      }
    }
    return scopes;
  }

  /**
   * The scopes a principal of {@code type} could use at all: those of the routes whose access
   * rule admits it, {@code granted} saying whether its roles grant a route's permission.
   */
  public static Set<String> usable(List<Route> routes, String type, Predicate<String> granted) {
    Set<String> scopes = new TreeSet<>();
    for (Route route : routes) {
      String scope = of(route);
      Access access = route.access();
      if (scope != null && access.admits(type, access.permission() != null && granted.test(access.permission()))) {
        scopes.add(scope);
      }
    }
    return scopes;
  }
}
