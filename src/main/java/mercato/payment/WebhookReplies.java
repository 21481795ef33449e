package mercato.payment;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** What every gateway's webhook answers alike, and how it reads Mercato's ids back from an event. */
final class WebhookReplies {
  private WebhookReplies() {}

  /** 200: received, and why nothing changed. */
  static Future<JsonObject> ignored(String why) {
    return Future.succeededFuture(new JsonObject().put("received", true).put("ignored", why));
  }

  /** 200: an event id already applied. */
  static JsonObject duplicate() {
    return new JsonObject().put("received", true).put("duplicate", true);
  }

  /** The UUID a text field holds; null for anything else. */
  static UUID uuid(Object value) {
    if (!(value instanceof String text)) {
      return null;
    }
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
