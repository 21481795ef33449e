package mercato.email;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import mercato.auth.api.AuthAddresses;
import mercato.platform.bus.PeerClient;
import mercato.platform.events.Event;
import mercato.platform.money.Money;
import mercato.order.api.OrderEvents;
import mercato.order.api.OrderStates;

/**
 * The customer mails that order events ask for: confirmation when placed, shipment when a
 * group leaves, refund when money goes back. The events carry the account, not its address:
 * auth is asked for it while the event is handled (a closed account gets no mail).
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

  /** The mail for {@code event}, or null when its account has no address any more. */
  Future<MailRequest> mail(Event event) {
    JsonObject data = event.data();
    BiFunction<JsonObject, JsonObject, MailRequest> build = Map.<String, BiFunction<JsonObject, JsonObject, MailRequest>>of(
        PLACED, this::confirmation, SHIPPED, this::shipment, REFUNDED, this::refund).get(event.type());
    return account(data.getString("accountId"), event.id().toString())
        .map(account -> account == null || account.getString("email") == null || !account.getBoolean("active", false)
            ? null : build.apply(data, account));
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

  private Future<JsonObject> account(String accountId, String requestId) {
    return auth.ask(AuthAddresses.GET_ACCOUNT, new JsonObject().put("accountId", accountId), requestId)
        .recover(failure -> PeerClient.refused(failure, 404)
            ? Future.succeededFuture(null) : Future.failedFuture(failure));
  }
}
