package mercato.platform.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * A successful answer to a bus request: HTTP status, JSON body and extra headers. The body
 * may be a JSON value or a {@link Buffer} holding JSON already encoded (written to the
 * client as it is; marked {@code raw} on the bus, where a clustered hop carries it as base64).
 */
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
    if (body instanceof Buffer) {
      json.put("raw", true);
    }
    if (headers != null && !headers.isEmpty()) {
      json.put("headers", headers);
    }
    return json;
  }

  public static Reply fromJson(JsonObject json) {
    Object body = json.getBoolean("raw", false) ? json.getBuffer("body") : json.getValue("body");
    return new Reply(json.getInteger("status", 200), body, json.getJsonObject("headers"));
  }
}
