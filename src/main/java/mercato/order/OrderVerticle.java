package mercato.order;

import static mercato.order.api.OrderAddresses.*;

import io.vertx.core.Future;
import mercato.order.api.OrderEvents;
import mercato.platform.bus.Operations;
import mercato.platform.bus.PeerClient;
import mercato.platform.domain.DomainContext;
import mercato.platform.domain.DomainVerticle;
import mercato.platform.events.Inbox;
import mercato.platform.idempotency.IdempotencyKeys;
import mercato.platform.metrics.NodeMetrics;
import mercato.platform.work.Rounds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Owns orders: placement, reads, changes, cancellation, and the reactions to payment and stock events. */
final class OrderVerticle extends DomainVerticle {
  private static final Logger LOG = LoggerFactory.getLogger(OrderVerticle.class);

  OrderVerticle(DomainContext context) {
    super(context);
  }

  @Override
  protected Future<?> deploy() {
    OrderConfig config = OrderConfig.read(context.section());
    openPool();
    Peers peers = new Peers(new PeerClient(vertx, config.peerTimeoutMs()));
    IdempotencyKeys keys = new IdempotencyKeys(vertx, pool, config.idempotencyWaitMs(), config.idempotencyLeaseMs());
    Placement placement = new Placement(pool, context.outbox(), peers, keys, config,
        Placement.placedCounter(NodeMetrics.registry(vertx)));
    OrderQueries queries = new OrderQueries(pool, peers, context.maxPageSize());
    Changes changes = new Changes(pool, context.outbox(), peers, config);
    Cancellation cancellation = new Cancellation(pool, context.outbox(), peers);
    PaymentReactions reactions = new PaymentReactions(context.outbox());
    operations = new Operations(vertx)
        .on(PLACE_ORDER, placement::place)
        .on(LIST_ORDERS, queries::list)
        .on(GET_ORDER, queries::get)
        .on(UPDATE_ORDER, changes::update)
        .on(CANCEL_ORDER, cancellation::cancel)
        .on(GET_ORDER_FOR_PAYMENT, queries::forPayment)
        .on(HAS_PURCHASED, queries::hasPurchased)
        .on(SEARCH_ORDERS, queries::search);
    inbox = new Inbox(vertx, OrderDomain.NAME, pool)
        .on(OrderEvents.PAYMENT_CAPTURED, reactions::captured)
        .on(OrderEvents.PAYMENT_FAILED, reactions::failed)
        .on(OrderEvents.PAYMENT_REFUNDED, reactions::refunded)
        .on(OrderEvents.RESERVATION_EXPIRED, cancellation::expired)
        .on(OrderEvents.ACCOUNT_CLOSED, reactions::accountClosed);
    // One DELETE of old keys; any node may run it, Rounds keeps one at a time here.
    Rounds forget = new Rounds("idempotency keys", () -> keys.forget(config.idempotencyRetentionHours()).map(n -> {
      if (n > 0) {
        LOG.info("forgot {} idempotency keys", n);
      }
      return false;
    }));
    every(config.sweepMs(), forget);
    return ready();
  }
}
