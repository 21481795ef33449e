package mercato.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mercato.platform.route.Alias;
import mercato.platform.route.Route;

/**
 * Every route the edge serves, canonical paths and aliases flattened into mounts. Literal
 * segments are mounted before parameters ({@code /cart/update} before {@code /cart/{id}})
 * so no route shadows another; a method+path declared twice fails the start.
 */
public final class RouteTable {
  /** One method+path served by {@code route}, with the body fields its alias forces. */
  public record Mount(Route route, Alias alias) {
    public String vertxPath() {
      return alias.path().replaceAll("\\{([^}/]+)}", ":$1");
    }

    public String key() {
      return alias.method() + " " + alias.path().replaceAll("\\{[^}/]+}", "{}");
    }

    boolean canonical() {
      return alias.path().equals(route.path()) && alias.method().equals(route.method());
    }
  }

  private final List<Route> routes;
  private final List<Mount> mounts;

  public RouteTable(List<Route> routes) {
    this.routes = List.copyOf(routes);
    List<Mount> all = new ArrayList<>();
    Map<String, Mount> seen = new HashMap<>();
    for (Route route : routes) {
      for (Alias alias : route.mounts()) {
        Mount mount = new Mount(route, alias);
        Mount earlier = seen.putIfAbsent(mount.key(), mount);
        if (earlier != null) {
          throw new IllegalStateException("route " + mount.key() + " is declared twice: by "
              + earlier.route().address() + " and by " + route.address());
        }
        all.add(mount);
      }
    }
    all.sort(Comparator.comparingInt((Mount m) -> paramsBeforeLiteral(m.alias().path())));
    this.mounts = List.copyOf(all);
  }

  public List<Route> routes() {
    return routes;
  }

  public List<Mount> mounts() {
    return mounts;
  }

  /** Sort key: a path whose first parameter comes later is more specific; no parameter first. */
  private static int paramsBeforeLiteral(String path) {
    String[] segments = path.split("/");
    for (int i = 0; i < segments.length; i++) {
      if (segments[i].startsWith("{")) {
        return 1000 - i;
      }
    }
    return 0;
  }
}
