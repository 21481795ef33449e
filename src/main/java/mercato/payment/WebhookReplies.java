package mercato.payment;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What every gateway's webhook does alike: each event is applied once, and answered the same
 * way; and how it reads Mercato's ids back from an event.
 */
final class WebhookReplies {
  private static final String REMEMBER = """
      INSERT INTO webhook_deliveries (webhook_id, gateway, type) VALUES ($1, $2, $3)
      ON CONFLICT (webhook_id) DO NOTHING RETURNING webhook_id
      """;

  private WebhookReplies() {}

  /**
   * Runs {@code effect} in {@code tx} unless the gateway's event {@code id} was applied before:
   * the id is remembered in the transaction of the effect, so a redelivery is answered as a
   * duplicate with no second effect.
   */
  static Future<JsonObject> once(SqlConnection tx, String id, String gateway, String type,
      Supplier<Future<JsonObject>> effect) {
    return tx.preparedQuery(REMEMBER).execute(Tuple.of(id, gateway, type))
        .compose(fresh -> fresh.size() == 0 ? Future.succeededFuture(duplicate()) : effect.get());
  }

  /** 200: received, and why nothing changed. */
  static Future<JsonObject> ignored(String why) {
    return Future.succeededFuture(new JsonObject().put("received", true).put("ignored", why));
  }

  /** 200: an event id already applied. */
  private static JsonObject duplicate() {
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
