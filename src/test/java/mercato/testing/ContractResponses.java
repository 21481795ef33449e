package mercato.testing;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;
import java.util.Map;

/**
 * Every JSON answer a test gets from a node that serves the real contract is checked
 * against that contract: the operation must document the status, and the body must match
 * its schema. A mismatch fails the test that made the call, naming the operation, so the
 * contract cannot drift from what the code answers. Calls the contract does not describe
 * (an alias path, static files) and answers that are not JSON are not checked.
 */
public final class ContractResponses {
  private static final String JSON = "application/json";
  private static final String PROBLEM = "application/problem+json";
  private static final java.util.Set<String> CHECKED = java.util.Set.of(JSON, "application/json; charset=utf-8",
      "text/plain", "text/plain; charset=utf-8", "application/octet-stream", "multipart/form-data");
  private final Vertx vertx;
  private final OpenAPIContract contract;
  private final ResponseValidator validator;

  private ContractResponses(Vertx vertx, OpenAPIContract contract) {
    this.vertx = vertx;
    this.contract = contract;
    this.validator = ResponseValidator.create(vertx, contract);
  }

  /** The contract the node on {@code port} serves at {@code /openapi.yaml}. */
  public static ContractResponses served(HttpClient http) {
    HttpResponse<Buffer> served = http.send(HttpMethod.GET, "/openapi.yaml", null, null);
    if (served.statusCode() != 200) {
      throw new AssertionError("the node does not serve /openapi.yaml: " + served.statusCode());
    }
    // The served document names a relative server ("/"), which the contract parser refuses.
    Map<String, Object> yaml = new org.yaml.snakeyaml.Yaml().load(served.bodyAsString());
    JsonObject document = new JsonObject(yaml)
        .put("servers", new JsonArray().add(new JsonObject().put("url", "http://" + Services.HOST)));
    supportedMediaTypes(document);
    Vertx vertx = Vertx.vertx();
    try {
      return new ContractResponses(vertx, Await.result(OpenAPIContract.from(vertx, document)));
    } catch (RuntimeException e) {
      vertx.close();
      throw e;
    }
  }

  /**
   * The parser only knows a few media types: a problem+json body is checked as JSON (its schema
   * is the same), and types it cannot check at all (event streams, HTML pages) are left out.
   */
  private static void supportedMediaTypes(Object node) {
    if (node instanceof JsonObject object) {
      if (object.getValue("content") instanceof JsonObject content) {
        Object problem = content.remove(PROBLEM);
        if (problem != null && !content.containsKey(JSON)) {
          content.put(JSON, problem);
        }
        content.fieldNames().removeIf(type -> !CHECKED.contains(type));
      }
      object.forEach(entry -> supportedMediaTypes(entry.getValue()));
    } else if (node instanceof JsonArray array) {
      array.forEach(ContractResponses::supportedMediaTypes);
    }
  }

  /** Fails with an AssertionError when {@code response} to {@code method uri} breaks the contract. */
  void check(HttpMethod method, String uri, HttpResponse<Buffer> response) {
    check(method, uri, response.statusCode(), response.getHeader("Content-Type"), response.body());
  }

  /** Fails with an AssertionError when an answer of {@code status}, {@code type} and {@code body} breaks the contract. */
  public void check(HttpMethod method, String uri, int status, String type, Buffer answered) {
    if (type == null || !(type.startsWith(JSON) || type.startsWith(PROBLEM))) {
      return;
    }
    String checkedAs = type.startsWith(PROBLEM) ? JSON : type;
    int query = uri.indexOf('?');
    Operation operation = contract.findOperation(query < 0 ? uri : uri.substring(0, query), method);
    if (operation == null) {
      return;
    }
    Buffer body = answered == null ? Buffer.buffer() : answered;
    ValidatableResponse answer = ValidatableResponse.create(status, Map.of("Content-Type", checkedAs),
        body, checkedAs);
    try {
      Await.result(validator.validate(answer, operation.getOperationId()));
    } catch (RuntimeException e) {
      throw new AssertionError(method + " " + uri + " (" + operation.getOperationId() + ") answered "
          + status + " against the contract: " + e.getMessage()
          + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")") + "\nbody: "
          + abbreviated(body.toString()), e);
    }
  }

  private static String abbreviated(String text) {
    return text.length() > 600 ? text.substring(0, 600) + "..." : text;
  }

  public void close() {
    vertx.close();
  }
}
