package mercato.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The methods the router serves on a path, for the {@code Allow} header of a 405 (RFC 9110
 * 15.5.6). Read from the router's own routes once they are all mounted, so the answer
 * cannot drift from what is served; routes for every method (request ids, CORS) say nothing.
 */
final class AllowedMethods {
  private record Served(Pattern path, Set<HttpMethod> methods) {}

  private final List<Served> served = new ArrayList<>();

  AllowedMethods(Router router) {
    for (Route route : router.getRoutes()) {
      Set<HttpMethod> methods = route.methods();
      if (route.getPath() == null || methods == null || methods.isEmpty()) {
        continue;
      }
      served.add(new Served(pattern(route), methods));
    }
  }

  /** {@code GET, POST}: the methods served on {@code path}, sorted; empty when none. */
  String on(String path) {
    Set<String> names = new TreeSet<>();
    for (Served one : served) {
      if (one.path().matcher(path).matches()) {
        one.methods().forEach(method -> names.add(method.name()));
      }
    }
    return String.join(", ", names);
  }

  /** A Vert.x route path ({@code /cart/:cart_id}; a prefix route {@code /docs/assets/*}) as a pattern. */
  private static Pattern pattern(Route route) {
    StringBuilder regex = new StringBuilder();
    for (String segment : route.getPath().split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      regex.append('/').append(segment.startsWith(":") ? "[^/]+" : Pattern.quote(segment));
    }
    if (!route.isExactPath()) {
      regex.append("(/.*)?");
    }
    return Pattern.compile(regex.isEmpty() ? "/" : regex.toString());
  }
}
