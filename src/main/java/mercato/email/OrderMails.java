package mercato.email;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import mercato.auth.api.AuthAddresses;
import mercato.platform.bus.PeerClient;
import mercato.platform.events.Event;
import mercato.platform.ids.Ids;
import mercato.platform.money.Money;
import mercato.order.api.OrderEvents;
import mercato.order.api.OrderStates;

/**
 * The customer mails that order events ask for: confirmation when placed, shipment when a
 * group leaves, refund when money goes back. The events carry the account, not its address:
 * auth is asked for the addresses of a whole inbox batch in one request, before the inbox
 * transaction opens ({@link #accounts}); a closed or unknown account gets no mail.
 */
final class OrderMails {
  static final String PLACED = OrderEvents.PLACED;
  static final String SHIPPED = OrderEvents.SHIPPED;
  static final String REFUNDED = OrderEvents.REFUNDED;
  static final List<String> TYPES = List.of(PLACED, SHIPPED, REFUNDED);
  private static final long AUTH_TIMEOUT_MS = 10_000;

  private final PeerClient auth;
  private final EmailConfig config;

  OrderMails(Vertx vertx, EmailConfig config) {
    this.auth = new PeerClient(vertx, AUTH_TIMEOUT_MS);
    this.config = config;
  }

  /** The accounts of {@code events}, by event id, in one request to auth; an unknown account is left out. */
  Future<Map<UUID, JsonObject>> accounts(List<Event> events) {
    Set<String> ids = new LinkedHashSet<>();
    for (Event event : events) {
      // an event without a well-formed account simply finds none (and gets no mail)
      if (event.data().getValue("accountId") instanceof String id && Ids.parse(id) != null) {
        ids.add(id);
      }
    }
    if (ids.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    JsonObject ask = new JsonObject().put("accountIds", new JsonArray(new ArrayList<>(ids)));
    return auth.ask(AuthAddresses.GET_ACCOUNTS, ask, events.get(0).id().toString()).map(found -> {
      Map<UUID, JsonObject> byId = new HashMap<>();
      found.getJsonArray("items").forEach(item -> byId.put(UUID.fromString(((JsonObject) item).getString("id")),
          (JsonObject) item));
      Map<UUID, JsonObject> byEvent = new HashMap<>();
      for (Event event : events) {
        JsonObject account = event.data().getValue("accountId") instanceof String id ? byId.get(Ids.parse(id)) : null;
        if (account != null) {
          byEvent.put(event.id(), account);
        }
      }
      return byEvent;
    });
  }

  /** The mail for {@code event} to {@code account}, or null when the account is gone or has no address any more. */
  MailRequest mail(Event event, JsonObject account) {
    BiFunction<JsonObject, JsonObject, MailRequest> build = Map.<String, BiFunction<JsonObject, JsonObject, MailRequest>>of(
        PLACED, this::confirmation, SHIPPED, this::shipment, REFUNDED, this::refund).get(event.type());
    return account == null || account.getString("email") == null || !account.getBoolean("active", false)
        ? null : build.apply(event.data(), account);
  }

  private MailRequest confirmation(JsonObject data, JsonObject account) {
    JsonArray items = new JsonArray();
    for (Object group : data.getJsonArray("groups")) {
      for (Object line : ((JsonObject) group).getJsonArray("lines")) {
        JsonObject l = (JsonObject) line;
        items.add(new JsonObject().put("product", l.getString("name")).put("quantity", l.getInteger("quantity"))
            .put("price", format(l.getJsonObject("lineTotal"))));
      }
    }
    return MailRequest.templated(List.of(account.getString("email")), "order-confirmation", null, base(data, account)
        .put("items", items).put("total", format(data.getJsonObject("total"))));
  }

  private MailRequest shipment(JsonObject data, JsonObject account) {
    return MailRequest.templated(List.of(account.getString("email")), "shipment", null, base(data, account)
        .put("carrier", data.getString("carrier")).put("trackingNumber", data.getString("trackingNumber")));
  }

  private MailRequest refund(JsonObject data, JsonObject account) {
    return MailRequest.templated(List.of(account.getString("email")), "refund", null, base(data, account)
        .put("amount", format(data.getJsonObject("amount")))
        .put("reason", OrderStates.CANCELLED.equals(data.getString("status")) ? "the order was cancelled" : null));
  }

  private JsonObject base(JsonObject data, JsonObject account) {
    String orderId = data.getString("orderId");
    return new JsonObject().put("name", account.getString("name")).put("orderId", orderId)
        .put("link", config.link("/orders/" + orderId));
  }

  static String format(JsonObject money) {
    return Money.text(money);
  }
}
