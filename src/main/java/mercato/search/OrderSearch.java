package mercato.search;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Reply;
import mercato.order.api.OrderAddresses;

/**
 * {@code GET /search/orders}: orders live in the order domain, which alone knows who may see
 * which; search forwards the caller's principal, query and request id to its
 * {@code search-orders} operation and returns the answer as it is (a problem stays a problem).
 */
final class OrderSearch {
  private final Vertx vertx;
  private final DeliveryOptions delivery;
  private final int maxQueryLength;

  OrderSearch(Vertx vertx, long timeoutMs, int maxQueryLength) {
    this.vertx = vertx;
    this.delivery = new DeliveryOptions().setSendTimeout(timeoutMs);
    this.maxQueryLength = maxQueryLength;
  }

  Future<Reply> find(Envelope envelope) {
    envelope.requirePrincipal();
    new Inputs(envelope.query()).text("q", maxQueryLength);
    Envelope forwarded = new Envelope(envelope.principal(), new JsonObject(), envelope.query(), null, null,
        envelope.requestId(), null, envelope.clientIp());
    return vertx.eventBus().<JsonObject>request(OrderAddresses.SEARCH_ORDERS, forwarded.toJson(), delivery)
        .map(reply -> Reply.fromJson(reply.body()));
  }
}
