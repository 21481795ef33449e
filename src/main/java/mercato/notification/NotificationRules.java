package mercato.notification;

import static mercato.notification.api.NotificationAddresses.CHANNELS;
import static mercato.notification.api.NotificationAddresses.EMAIL;
import static mercato.notification.api.NotificationAddresses.TOPICS;
import static mercato.notification.api.NotificationAddresses.WEBHOOK;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import mercato.platform.bus.Fields;
import mercato.platform.bus.Principal;
import mercato.platform.bus.Pages;
import mercato.platform.bus.Problem;
import mercato.platform.ids.Ids;
import mercato.platform.webhooks.WebhookSignature;

/**
 * The request rules of the notification domain, as pure functions: each reads a body (or
 * query) into a record or fails with a 400 problem whose pointer names the field. The
 * contract checks shapes at the edge; these hold for internal bus callers too.
 */
final class NotificationRules {
  static final int TITLE_MAX = 200;
  static final int BODY_MAX = 4000;
  static final int SUBJECT_MAX = 200;
  static final int URL_MAX = 2048;
  static final int DATA_MAX_BYTES = 8192;
  static final int PAGE_DEFAULT = 20;
  static final int PAGE_MAX = 100;
  static final int IDS_MAX = 100;

  record SendRequest(UUID accountId, String topic, String subject, String title, String body, JsonObject data) {}

  record SubscribeRequest(String topic, String channel, String subject, String url, String secret, String email) {}

  record UnsubscribeRequest(String topic, String channel, String subject) {}

  record Page(int limit, UUID cursor, boolean unreadOnly) {}

  /** Either some ids or all of the caller's notifications. */
  record MarkRead(List<UUID> ids, boolean all) {}

  private NotificationRules() {}

  /** Whether {@code after} is a lower price than {@code before} (prices in other currencies never compare). */
  static boolean isPriceDrop(JsonObject before, JsonObject after) {
    return before != null && after != null && before.getString("currency") != null
        && before.getString("currency").equals(after.getString("currency"))
        && after.getLong("amount") < before.getLong("amount");
  }

  static SendRequest send(JsonObject body) {
    UUID accountId = Fields.id(body, "accountId");
    String topic = topic(body);
    String title = Fields.text(body, "title", TITLE_MAX);
    String text = Fields.text(body, "body", BODY_MAX);
    String subject = Fields.optionalText(body, "subject", SUBJECT_MAX);
    Object data = body.getValue("data");
    if (data != null && !(data instanceof JsonObject)) {
      throw Problem.invalidField("/data", "must be an object");
    }
    JsonObject object = data == null ? new JsonObject() : (JsonObject) data;
    if (object.toBuffer().length() > DATA_MAX_BYTES) {
      throw Problem.invalidField("/data", "must encode to at most " + DATA_MAX_BYTES + " bytes of JSON");
    }
    return new SendRequest(accountId, topic, subject, title, text, object);
  }

  static SubscribeRequest subscribe(JsonObject body) {
    String topic = topic(body);
    String channel = channel(body);
    String subject = Fields.optionalText(body, "subject", SUBJECT_MAX);
    String url = null;
    String secret = null;
    String email = null;
    if (channel.equals(WEBHOOK)) {
      url = Fields.text(body, "url", URL_MAX);
      secret = body.getValue("secret") == null ? null : Fields.text(body, "secret", 200);
      if (secret != null && !WebhookSignature.isValidSecret(secret)) {
        throw Problem.invalidField("/secret", "must be whsec_ followed by the base64 of " + WebhookSignature.MIN_BYTES
            + " to " + WebhookSignature.MAX_BYTES + " random bytes (or leave it out and one is made)");
      }
    } else {
      onlyFor(body, "url", WEBHOOK);
      onlyFor(body, "secret", WEBHOOK);
    }
    if (channel.equals(EMAIL)) {
      email = Fields.email(body, "email");
    } else {
      onlyFor(body, "email", EMAIL);
    }
    return new SubscribeRequest(topic, channel, subject, url, secret, email);
  }

  static UnsubscribeRequest unsubscribe(JsonObject body) {
    return new UnsubscribeRequest(topic(body), channel(body), Fields.optionalText(body, "subject", SUBJECT_MAX));
  }

  /** The list query: {@code limit} (1..100, default 20), {@code cursor}, {@code unreadOnly}. */
  static Page page(JsonObject query) {
    int limit = Pages.limit(query, PAGE_DEFAULT, PAGE_MAX);
    UUID cursor = null;
    Object rawCursor = query.getValue("cursor");
    if (rawCursor != null && !rawCursor.toString().isEmpty()) {
      cursor = Ids.parse(rawCursor.toString());
      if (cursor == null) {
        throw Problem.invalidField("/cursor", "is not a cursor this list gave out");
      }
    }
    Object rawUnread = query.getValue("unreadOnly");
    boolean unreadOnly = false;
    if (rawUnread != null) {
      String text = rawUnread.toString();
      if (!text.equals("true") && !text.equals("false")) {
        throw Problem.invalidField("/unreadOnly", "must be true or false");
      }
      unreadOnly = Boolean.parseBoolean(text);
    }
    return new Page(limit, cursor, unreadOnly);
  }

  static MarkRead markRead(JsonObject body) {
    Object ids = body.getValue("ids");
    Object all = body.getValue("all");
    if ((ids == null) == (all == null)) {
      throw Problem.validation("Name either ids or all.",
          List.of(new Problem.FieldError("", "needs exactly one of ids, all")));
    }
    if (all != null) {
      if (!Boolean.TRUE.equals(all)) {
        throw Problem.invalidField("/all", "must be true");
      }
      return new MarkRead(List.of(), true);
    }
    if (!(ids instanceof JsonArray array) || array.isEmpty() || array.size() > IDS_MAX) {
      throw Problem.invalidField("/ids", "must be a list of 1 to " + IDS_MAX + " notification ids");
    }
    List<UUID> parsed = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      UUID id = array.getValue(i) instanceof String text ? Ids.parse(text) : null;
      if (id == null) {
        throw Problem.invalidField("/ids/" + i, "must be a UUID");
      }
      parsed.add(id);
    }
    return new MarkRead(List.copyOf(parsed), false);
  }

  /**
   * The caller's account: the token's subject, never a body field. Accounts are UUIDs; a
   * principal whose subject is not one has no notifications.
   */
  /** The owner's notice that its endpoint was disabled (topic account: in-app, and any channel it chose). */
  static SendRequest endpointDisabled(WebhookDeliveries.Failed failed, int inRow) {
    return new SendRequest(failed.owner(), mercato.notification.api.NotificationAddresses.ACCOUNT,
        failed.disabledEndpoint().toString(), "Webhook endpoint disabled",
        inRow + " deliveries in a row to " + failed.url() + " failed, so it receives no more events. Fix it, then"
            + " enable it again (PUT /notification/webhook-endpoints/" + failed.disabledEndpoint()
            + " {\"enabled\": true}) and replay what failed.",
        new JsonObject().put("endpointId", failed.disabledEndpoint().toString()).put("url", failed.url()));
  }

  static UUID accountOf(Principal principal) {
    UUID id = Ids.parse(principal.sub());
    if (id == null) {
      throw Problem.forbidden("This principal has no notification inbox.");
    }
    return id;
  }

  private static String topic(JsonObject body) {
    return oneOf(body, "topic", TOPICS);
  }

  private static String channel(JsonObject body) {
    return oneOf(body, "channel", CHANNELS);
  }

  private static String oneOf(JsonObject body, String name, List<String> allowed) {
    Object value = body.getValue(name);
    if (value == null) {
      throw Problem.invalidField("/" + name, "is required");
    }
    if (!(value instanceof String text) || !allowed.contains(text)) {
      throw Problem.invalidField("/" + name, "must be one of " + String.join(", ", allowed));
    }
    return text;
  }

  private static void onlyFor(JsonObject body, String name, String channel) {
    if (body.getValue(name) != null) {
      throw Problem.invalidField("/" + name, "applies only to the " + channel + " channel");
    }
  }
}
