package mercato.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mercato.platform.route.Access;
import mercato.platform.route.Route;

/**
 * What the edge writes into the assembled contract from each route's declaration, so the
 * document says what the edge enforces and cannot drift from it: the security requirement
 * from the route's {@link Access} (a required bearer token, or an optional one on a public
 * route, where a token that is sent is still verified and passed on), and the problem
 * responses that follow from the route and its operation's shape. A response the operation
 * already documents keeps its own description; a shared response or scheme the base
 * document does not declare is not referenced.
 */
final class ContractRoutes {
  /** The bearer scheme's name under {@code components.securitySchemes}. */
  static final String BEARER = "bearer";

  /** A problem answer: its status, its name under {@code components.responses}, when an operation can give it. */
  private record Refusal(String status, String component, Applies when) {}

  @FunctionalInterface
  private interface Applies {
    boolean to(Route route, Shape shape);
  }

  /** What an operation takes: parameters (its own and its path item's), a body, a path id, headers its route reads. */
  private record Shape(boolean parameters, boolean body, boolean pathId, boolean headers) {}

  private static final List<Refusal> REFUSALS = List.of(
      // The input rule and the contract's validator refuse bad parameters, bodies and the headers a route reads.
      new Refusal("400", "Invalid", (route, shape) -> shape.parameters() || shape.body() || shape.headers()),
      // Every route verifies a token that is sent, a public one too, and refuses one denied at logout.
      new Refusal("401", "Unauthenticated", (route, shape) -> true),
      // A signed-in route's type, permission or verified-email rule refuses at the edge, and on
      // every route an API key outside its scopes (or on a route that takes none) is refused.
      new Refusal("403", "Forbidden", (route, shape) -> true),
      // A path id names something that may not exist (or belongs to another, which is the same answer).
      new Refusal("404", "NotFound", (route, shape) -> shape.pathId()),
      new Refusal("413", "PayloadTooLarge", (route, shape) -> shape.body()),
      new Refusal("415", "UnsupportedMediaType", (route, shape) -> shape.body()),
      // Every route takes a token from its rate-limit group.
      new Refusal("429", "RateLimited", (route, shape) -> true));

  private ContractRoutes() {}

  /** Writes each route's security and problem responses into its operation of {@code contract}. */
  static void apply(JsonObject contract, List<Route> routes) {
    JsonObject components = contract.getJsonObject("components", new JsonObject());
    boolean bearer = components.getJsonObject("securitySchemes", new JsonObject()).containsKey(BEARER);
    JsonObject shared = components.getJsonObject("responses", new JsonObject());
    Map<String, Located> operations = operations(contract);
    for (Route route : routes) {
      Located located = route.operationId() == null ? null : operations.get(route.operationId());
      if (located == null) {
        continue; // Edge.create names every operation the contract lacks
      }
      JsonObject operation = located.operation();
      if (bearer) {
        operation.put("security", security(route.access()));
      }
      Shape shape = shape(located, route);
      JsonObject responses = operation.getJsonObject("responses");
      if (responses == null) {
        responses = new JsonObject();
      }
      for (Refusal refusal : REFUSALS) {
        if (!responses.containsKey(refusal.status()) && shared.containsKey(refusal.component())
            && refusal.when().to(route, shape)) {
          responses.put(refusal.status(), new JsonObject().put("$ref", "#/components/responses/" + refusal.component()));
        }
      }
      operation.put("responses", byStatus(responses));
    }
  }

  /** A required bearer token, or none-or-one: {@code [{}, {bearer: []}]} lets Swagger UI send it when authorized. */
  static JsonArray security(Access access) {
    JsonObject token = new JsonObject().put(BEARER, new JsonArray());
    return access.signedIn() ? new JsonArray().add(token) : new JsonArray().add(new JsonObject()).add(token);
  }

  private record Located(JsonObject item, JsonObject operation) {}

  private static Map<String, Located> operations(JsonObject contract) {
    Map<String, Located> byId = new HashMap<>();
    JsonObject paths = contract.getJsonObject("paths", new JsonObject());
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (item.getValue(method) instanceof JsonObject operation && operation.getString("operationId") != null) {
          byId.put(operation.getString("operationId"), new Located(item, operation));
        }
      }
    }
    return byId;
  }

  private static Shape shape(Located located, Route route) {
    boolean parameters = !located.item().getJsonArray("parameters", new JsonArray()).isEmpty()
        || !located.operation().getJsonArray("parameters", new JsonArray()).isEmpty();
    boolean body = located.operation().containsKey("requestBody");
    boolean headers = route.forwardHeaders().stream().anyMatch(h -> !h.equals("raw-body"));
    return new Shape(parameters, body, route.path().contains("{"), headers);
  }

  /** The responses ordered by status (2xx, then 4xx, ...), {@code default} last, so the document reads in order. */
  private static JsonObject byStatus(JsonObject responses) {
    List<String> codes = new ArrayList<>(responses.fieldNames());
    codes.sort((a, b) -> rank(a).compareTo(rank(b)));
    JsonObject ordered = new JsonObject();
    for (String code : codes) {
      ordered.put(code, responses.getValue(code));
    }
    return ordered;
  }

  private static String rank(String code) {
    return code.equals("default") ? "9" + code : code;
  }
}
