package mercato.search;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import mercato.order.api.OrderAddresses;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.PeerClient;

/**
 * {@code GET /search/orders}: orders live in the order domain, which alone knows who may see
 * which; search forwards the caller's principal, query and request id to its
 * {@code search-orders} operation and returns its result as it is (a problem stays a problem).
 */
final class OrderSearch {
  private final PeerClient order;
  private final int maxQueryLength;

  OrderSearch(Vertx vertx, long timeoutMs, int maxQueryLength) {
    this.order = new PeerClient(vertx, timeoutMs);
    this.maxQueryLength = maxQueryLength;
  }

  Future<?> find(Envelope envelope) {
    envelope.requirePrincipal();
    new Inputs(envelope.query()).text("q", maxQueryLength);
    Envelope forwarded = new Envelope(envelope.principal(), new JsonObject(), envelope.query(), null, null,
        envelope.requestId(), null, envelope.clientIp());
    return order.forward(OrderAddresses.SEARCH_ORDERS, forwarded);
  }
}
