package mercato.inventory;

import mercato.platform.work.Rounds;

import static mercato.inventory.api.InventoryAddresses.*;

import io.vertx.core.Future;
import mercato.platform.bus.Operations;
import mercato.platform.bus.PeerClient;
import mercato.platform.domain.DomainContext;
import mercato.platform.domain.DomainVerticle;
import mercato.platform.events.Inbox;
import mercato.platform.metrics.NodeMetrics;

/**
 * Owns warehouses, stock per product per warehouse with its movement ledger, order
 * reservations (committed and released as the order's events say) and their expiry sweep,
 * and a read model of products fed by catalog events.
 */
final class InventoryVerticle extends DomainVerticle {
  InventoryVerticle(DomainContext context) {
    super(context);
  }

  @Override
  protected Future<?> deploy() {
    InventoryConfig config = InventoryConfig.read(context.section());
    openPool();
    int maxPage = context.maxPageSize();
    StockBook book = new StockBook(context.outbox());
    PeerClient peers = new PeerClient(vertx, config.peerTimeoutMs());
    OperatorAccounts operators = new OperatorAccounts(peers);
    Warehouses warehouses = new Warehouses(pool, operators, maxPage);
    OperatorInvitations invitations = new OperatorInvitations(pool, operators);
    StockLevels stock = new StockLevels(pool, book, new ProductDirectory(peers, pool), maxPage);
    Reservations reservations = new Reservations(pool, book, context.outbox(), config);
    operations = new Operations(vertx)
        .on(CREATE_WAREHOUSE, warehouses::create)
        .on(LIST_WAREHOUSES, warehouses::list)
        .on(GET_WAREHOUSE, warehouses::get)
        .on(UPDATE_WAREHOUSE, warehouses::update)
        .on(DELETE_WAREHOUSE, warehouses::delete)
        .on(LIST_STOCK, stock::list)
        .on(GET_PRODUCT_STOCK, stock::get)
        .on(SET_STOCK, stock::set)
        .on(RESERVE_STOCK, reservations::reserve)
        .on(RELEASE_STOCK, reservations::release)
        .on(COMMIT_STOCK, reservations::commit)
        .on(REPLACE_STOCK, reservations::replace)
        .on(GET_OPERATED_WAREHOUSE, warehouses::operatedBy)
        .on(LIST_OPERATOR_INVITATIONS, invitations::list)
        .on(ACCEPT_OPERATOR_INVITATION, invitations::accept)
        .on(DECLINE_OPERATOR_INVITATION, invitations::decline)
        .on(GET_AVAILABILITY, reservations::availability);
    inbox = new OrderReactions(reservations).register(ProductFeed.register(new Inbox(vertx, InventoryDomain.NAME, pool)));
    // Other nodes sweep other rows (SKIP LOCKED); Rounds keeps one sweep at a time here.
    Rounds sweeper = new Rounds("reservation sweep", () -> reservations.sweep().map(count -> false));
    every(config.sweepMs(), sweeper);
    gauges("reservation gauges", new ReservationGauges(NodeMetrics.registry(vertx), pool)::read);
    Future<Void> consumer = Future.succeededFuture();
    if (context.kafka().enabled() && config.inboundEnabled()) {
      InboundStock inbound = new InboundStock(vertx, pool, book, context.kafka(), config.inboundTopic(),
          config.inboundGroup());
      consumer = inbound.start();
      onStop(inbound::stop);
    }
    return ready(consumer);
  }
}
