package mercato.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mercato.DomainsAccess;
import mercato.platform.domain.Domain;
import mercato.platform.route.Access;
import mercato.platform.route.Route;
import org.junit.jupiter.api.Test;

/**
 * The routes write the contract's security and problem responses: a public route's token
 * is optional, a signed-in route's required; each operation gets the edge's problem
 * responses its shape can give, keeps the ones it documents itself, and references no
 * shared response the document lacks. On the shipped contract, every route's operation
 * says what its Access enforces.
 */
class ContractRoutesTest {
  private static final JsonObject OPTIONAL = new JsonObject();
  private static final JsonObject BEARER = new JsonObject().put("bearer", new JsonArray());

  @Test
  void aPublicRouteTakesAnOptionalTokenAndASignedInOneRequiresIt() {
    JsonObject contract = contract();
    ContractRoutes.apply(contract, List.of(
        Route.get("/things", "a", "listThings", Access.PUBLIC),
        Route.post("/things", "b", "createThing", Access.types("admin")),
        Route.get("/things/{thing_id}", "c", "getThing", Access.ANY)));

    assertThat(operation(contract, "/things", "get").getJsonArray("security"))
        .isEqualTo(new JsonArray().add(OPTIONAL).add(BEARER));
    assertThat(operation(contract, "/things", "post").getJsonArray("security")).isEqualTo(new JsonArray().add(BEARER));
    assertThat(operation(contract, "/things/{thing_id}", "get").getJsonArray("security"))
        .isEqualTo(new JsonArray().add(BEARER));
  }

  @Test
  void eachOperationGetsTheProblemsItsShapeCanGive() {
    JsonObject contract = contract();
    ContractRoutes.apply(contract, List.of(
        Route.get("/things", "a", "listThings", Access.PUBLIC),
        Route.post("/things", "b", "createThing", Access.types("admin")),
        Route.get("/things/{thing_id}", "c", "getThing", Access.ANY)));

    // No input, public: a bad token, an API key outside its scopes, and the rate limit only.
    assertThat(operation(contract, "/things", "get").getJsonObject("responses").fieldNames())
        .containsExactly("200", "401", "403", "429");
    // A body, an admin-only rule, its own 409: validation, type rule, body limits; its 400 text kept.
    JsonObject created = operation(contract, "/things", "post").getJsonObject("responses");
    assertThat(created.fieldNames()).containsExactly("201", "400", "401", "403", "409", "413", "415", "429");
    assertThat(created.getJsonObject("400").getString("description")).isEqualTo("its own");
    assertThat(created.getJsonObject("403")).isEqualTo(new JsonObject().put("$ref", "#/components/responses/Forbidden"));
    // A path id, any signed-in principal: the id may be absent; no type rule, but an API key's scope.
    assertThat(operation(contract, "/things/{thing_id}", "get").getJsonObject("responses").fieldNames())
        .containsExactly("200", "400", "401", "403", "404", "429");
  }

  @Test
  void aDocumentWithoutTheSharedPiecesGetsNoReferenceToThem() {
    JsonObject contract = contract();
    contract.remove("components");
    ContractRoutes.apply(contract, List.of(Route.post("/things", "b", "createThing", Access.types("admin"))));
    JsonObject operation = operation(contract, "/things", "post");
    assertThat(operation.containsKey("security")).isFalse();
    assertThat(operation.getJsonObject("responses").fieldNames()).containsExactly("201", "400", "409");
  }

  @Test
  void theShippedContractSaysWhatEveryRouteEnforces() {
    List<Route> routes = DomainsAccess.routes();
    JsonObject contract = ContractDocument.assemble("openapi.yaml",
        DomainsAccess.all().stream().map(Domain::name).toList(), routes);
    Map<String, JsonObject> byId = new HashMap<>();
    JsonObject paths = contract.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      paths.getJsonObject(path).forEach(entry -> {
        if (entry.getValue() instanceof JsonObject op && op.getString("operationId") != null) {
          byId.put(op.getString("operationId"), op);
        }
      });
    }
    List<String> wrong = new ArrayList<>();
    for (Route route : routes) {
      JsonObject operation = byId.get(route.operationId());
      if (operation == null) {
        wrong.add(route.operationId() + " is not in the contract");
        continue;
      }
      if (!ContractRoutes.security(route.access()).equals(operation.getJsonArray("security"))) {
        wrong.add(route.operationId() + " security " + operation.getValue("security"));
      }
      JsonObject responses = operation.getJsonObject("responses");
      for (String status : route.access().signedIn() ? List.of("401", "429") : List.of("429")) {
        if (!responses.containsKey(status)) {
          wrong.add(route.operationId() + " lacks " + status);
        }
      }
      if (route.path().contains("{") && !responses.containsKey("404")) {
        wrong.add(route.operationId() + " has a path id but no 404");
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(byId.values()).as("every operation, the edge's own too, declares its security")
        .allMatch(op -> op.containsKey("security"));
  }

  private static JsonObject operation(JsonObject contract, String path, String method) {
    return contract.getJsonObject("paths").getJsonObject(path).getJsonObject(method);
  }

  /** Three operations: a list, a create that documents its own 400 and 409, a read by id. */
  private static JsonObject contract() {
    JsonObject ok = new JsonObject().put("description", "ok");
    JsonObject shared = new JsonObject();
    for (String name : List.of("Invalid", "Unauthenticated", "Forbidden", "NotFound", "PayloadTooLarge",
        "UnsupportedMediaType", "RateLimited")) {
      shared.put(name, new JsonObject().put("description", name));
    }
    return new JsonObject()
        .put("paths", new JsonObject()
            .put("/things", new JsonObject()
                .put("get", new JsonObject().put("operationId", "listThings")
                    .put("responses", new JsonObject().put("200", ok)))
                .put("post", new JsonObject().put("operationId", "createThing")
                    .put("requestBody", new JsonObject().put("content", new JsonObject()))
                    .put("responses", new JsonObject()
                        .put("409", new JsonObject().put("description", "taken"))
                        .put("201", ok)
                        .put("400", new JsonObject().put("description", "its own")))))
            .put("/things/{thing_id}", new JsonObject()
                .put("parameters", new JsonArray().add(new JsonObject().put("name", "thing_id").put("in", "path")))
                .put("get", new JsonObject().put("operationId", "getThing")
                    .put("responses", new JsonObject().put("200", ok)))))
        .put("components", new JsonObject()
            .put("responses", shared)
            .put("securitySchemes", new JsonObject().put("bearer", new JsonObject().put("type", "http"))));
  }
}
