package mercato.platform.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The one message shape of a bus request: who calls (verified by the edge, or absent),
 * path and query parameters, the body, the idempotency key, the request id and the
 * client's address (for throttling). Domains
 * trust the principal here and never identity fields in a body.
 */
public record Envelope(
    Principal principal,
    JsonObject params,
    JsonObject query,
    Object body,
    String idempotencyKey,
    String requestId,
    JsonObject headers,
    String clientIp) {

  public static Envelope of(JsonObject json) {
    return new Envelope(
        Principal.fromJson(json.getJsonObject("principal")),
        json.getJsonObject("params", new JsonObject()),
        json.getJsonObject("query", new JsonObject()),
        json.getValue("body"),
        json.getString("idempotencyKey"),
        json.getString("requestId"),
        json.getJsonObject("headers", new JsonObject()),
        json.getString("clientIp"));
  }

  /** An internal request from another domain: no principal, a body only. */
  public static JsonObject internal(Object body, String requestId) {
    return new JsonObject().put("body", body).put("requestId", requestId);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("params", params)
        .put("query", query)
        .put("body", body)
        .put("requestId", requestId);
    if (principal != null) {
      json.put("principal", principal.toJson());
    }
    if (idempotencyKey != null) {
      json.put("idempotencyKey", idempotencyKey);
    }
    if (headers != null && !headers.isEmpty()) {
      json.put("headers", headers);
    }
    if (clientIp != null) {
      json.put("clientIp", clientIp);
    }
    return json;
  }

  /** The caller, or 401 when the route let an anonymous request through. */
  public Principal requirePrincipal() {
    if (principal == null) {
      throw Problem.unauthenticated("This operation needs a signed-in principal.");
    }
    return principal;
  }

  public JsonObject bodyObject() {
    if (body instanceof JsonObject object) {
      return object;
    }
    throw Problem.validation("The body must be a JSON object.", java.util.List.of(new Problem.FieldError("", "expected an object")));
  }

  public JsonArray bodyArray() {
    if (body instanceof JsonArray array) {
      return array;
    }
    throw Problem.validation("The body must be a JSON array.", java.util.List.of(new Problem.FieldError("", "expected an array")));
  }

  public String param(String name) {
    String value = params.getString(name);
    if (value == null) {
      throw Problem.invalidField("/" + name, "is required");
    }
    return value;
  }

  public String queryParam(String name) {
    Object value = query.getValue(name);
    return value == null ? null : value.toString();
  }
}
