package mercato.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import mercato.platform.bus.Problem;
import mercato.platform.route.Route;

/**
 * {@code GET /admin/permissions}: every permission a route of this node checks, with the
 * routes it admits to, read from the route table the edge enforces (so a role editor offers
 * exactly the permissions that mean something). Admins only; served by the edge itself.
 */
final class PermissionCatalogue {
  static final String PATH = "/admin/permissions";
  private static final String LIMIT_GROUP = "default";

  private PermissionCatalogue() {}

  static void mount(Router router, Edge edge) {
    JsonObject answer = catalogue(edge.routes().routes());
    router.get(PATH).handler(ctx -> Caller.authenticate(ctx, edge, true)
        .compose(principal -> Caller.admit(ctx, edge, LIMIT_GROUP, principal).map(principal))
        .onSuccess(principal -> {
          if (!principal.isAdmin()) {
            ProblemResponses.write(ctx, Problem.forbidden("Only admins see the permission catalogue."));
            return;
          }
          json(ctx, answer);
        })
        .onFailure(ctx::fail));
  }

  /** {items: [{permission, routes: ["POST /categories", ...]}]}, by permission name. */
  static JsonObject catalogue(List<Route> routes) {
    Map<String, TreeSet<String>> admitted = new TreeMap<>();
    for (Route route : routes) {
      String permission = route.access().permission();
      if (permission != null) {
        admitted.computeIfAbsent(permission, p -> new TreeSet<>()).add(route.method() + " " + route.path());
      }
    }
    JsonArray items = new JsonArray();
    admitted.forEach((permission, paths) -> items.add(new JsonObject().put("permission", permission)
        .put("routes", new JsonArray(List.copyOf(paths)))));
    return new JsonObject().put("items", items);
  }

  private static void json(RoutingContext ctx, JsonObject body) {
    ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
        .end(body.encode());
  }
}
