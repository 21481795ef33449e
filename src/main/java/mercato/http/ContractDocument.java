package mercato.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import mercato.platform.route.Route;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The OpenAPI contract, assembled from the base document ({@code http.contract}: info,
 * shared components) and one fragment per domain ({@code openapi/<domain>.yaml}: its
 * paths, schemas and tags), so each domain grows its own file. The routes then write each
 * operation's security and edge-given problem responses ({@link ContractRoutes}). The
 * assembled document is what {@code /openapi.yaml} serves and what requests are validated
 * against.
 */
final class ContractDocument {
  private ContractDocument() {}

  static JsonObject assemble(String base, List<String> domains, List<Route> routes) {
    JsonObject contract = load(base, true);
    for (String domain : domains) {
      JsonObject fragment = load("openapi/" + domain + ".yaml", false);
      if (fragment != null) {
        merge(contract, fragment, domain);
      }
    }
    ContractRoutes.apply(contract, routes);
    return contract;
  }

  static String yaml(JsonObject contract) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setWidth(120);
    return new Yaml(options).dump(plain(contract));
  }

  /** JsonObject/JsonArray trees as plain maps and lists, which the YAML dumper understands. */
  private static Object plain(Object value) {
    if (value instanceof JsonObject object) {
      Map<String, Object> map = new java.util.LinkedHashMap<>();
      object.forEach(entry -> map.put(entry.getKey(), plain(entry.getValue())));
      return map;
    }
    if (value instanceof JsonArray array) {
      List<Object> list = new java.util.ArrayList<>();
      array.forEach(item -> list.add(plain(item)));
      return list;
    }
    return value;
  }

  /**
   * The contract as the request validator needs it: responses declare
   * {@code application/problem+json}, which vertx-openapi refuses to load; responses are
   * not validated here, so they are dropped. Security is dropped too: the edge checks the
   * route's Access, never the validator; and callbacks, which are Mercato's requests to
   * others. So are the document's servers: a relative URL ({@code /}, whichever host
   * serves the document) is refused by vertx-openapi, and operations are found by id.
   */
  static JsonObject forRequests(JsonObject contract) {
    JsonObject copy = contract.copy();
    copy.remove("servers");
    JsonObject paths = copy.getJsonObject("paths", new JsonObject());
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (item.getValue(method) instanceof JsonObject operation) {
          if (operation.containsKey("responses")) {
            operation.put("responses", new JsonObject().put("default", new JsonObject().put("description", "see the contract")));
          }
          operation.remove("security");
          operation.remove("callbacks");
        }
      }
    }
    return copy;
  }

  private static void merge(JsonObject contract, JsonObject fragment, String domain) {
    JsonObject paths = contract.getJsonObject("paths");
    if (paths == null) {
      paths = new JsonObject();
      contract.put("paths", paths);
    }
    JsonObject more = fragment.getJsonObject("paths", new JsonObject());
    for (String path : more.fieldNames()) {
      JsonObject existing = paths.getJsonObject(path);
      JsonObject item = more.getJsonObject(path);
      if (existing == null) {
        paths.put(path, item);
        continue;
      }
      for (String method : item.fieldNames()) {
        if (existing.containsKey(method)) {
          throw new IllegalStateException("openapi/" + domain + ".yaml declares " + method + " " + path + " again");
        }
        existing.put(method, item.getValue(method));
      }
    }
    JsonObject schemas = fragment.getJsonObject("components", new JsonObject()).getJsonObject("schemas");
    if (schemas != null) {
      JsonObject components = contract.getJsonObject("components");
      if (components == null) {
        components = new JsonObject();
        contract.put("components", components);
      }
      JsonObject target = components.getJsonObject("schemas");
      if (target == null) {
        target = new JsonObject();
        components.put("schemas", target);
      }
      for (String name : schemas.fieldNames()) {
        if (target.containsKey(name) && !target.getValue(name).equals(schemas.getValue(name))) {
          throw new IllegalStateException("openapi/" + domain + ".yaml redefines the schema " + name);
        }
        target.put(name, schemas.getValue(name));
      }
    }
    JsonArray tags = fragment.getJsonArray("tags");
    if (tags != null) {
      JsonArray target = contract.getJsonArray("tags");
      if (target == null) {
        contract.put("tags", tags.copy());
      } else {
        tags.forEach(target::add);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static JsonObject load(String name, boolean required) {
    byte[] bytes;
    try {
      bytes = OperationsRoutes.read(name);
    } catch (java.io.UncheckedIOException missing) {
      if (required) {
        throw missing;
      }
      return null;
    }
    Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(new String(bytes, StandardCharsets.UTF_8));
    return new JsonObject((Map<String, Object>) tree).copy();
  }
}
