package mercato.platform.bus;

import io.vertx.core.json.JsonObject;

/** A successful answer to a bus request: HTTP status, JSON body and extra headers. */
public record Reply(int status, Object body, JsonObject headers) {
  public static Reply ok(Object body) {
    return new Reply(200, body, null);
  }

  public static Reply created(Object body, String location) {
    return new Reply(201, body, location == null ? null : new JsonObject().put("Location", location));
  }

  public static Reply accepted(Object body) {
    return new Reply(202, body, null);
  }

  public static Reply noContent() {
    return new Reply(204, null, null);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("status", status).put("body", body);
    if (headers != null && !headers.isEmpty()) {
      json.put("headers", headers);
    }
    return json;
  }

  public static Reply fromJson(JsonObject json) {
    return new Reply(json.getInteger("status", 200), json.getValue("body"), json.getJsonObject("headers"));
  }
}
