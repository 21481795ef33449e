package mercato.inventory;

import mercato.platform.work.Rounds;

import static mercato.inventory.api.InventoryAddresses.*;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import mercato.platform.bus.Operations;
import mercato.platform.config.ConfigException;
import mercato.platform.db.Databases;
import mercato.platform.domain.DomainContext;
import mercato.platform.events.Inbox;

/**
 * Owns warehouses, stock per product per warehouse with its movement ledger, order
 * reservations and their expiry sweep, and a read model of products fed by catalog events.
 */
final class InventoryVerticle extends VerticleBase {

  private final DomainContext context;
  private Pool pool;
  private Operations operations;
  private Inbox inbox;
  private InboundStock inbound;
  private long sweepTimer = -1;

  InventoryVerticle(DomainContext context) {
    this.context = context;
  }

  @Override
  public Future<?> start() {
    InventoryConfig config;
    try {
      config = InventoryConfig.read(context.section());
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    }
    pool = Databases.pool(vertx, context.config().db(), InventoryDomain.NAME);
    int maxPage = context.config().http().maxPageSize();
    StockBook book = new StockBook(context.outbox());
    Warehouses warehouses = new Warehouses(vertx, pool, maxPage);
    StockLevels stock = new StockLevels(pool, book, maxPage);
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
        .on(GET_AVAILABILITY, reservations::availability);
    inbox = ProductFeed.register(new Inbox(vertx, InventoryDomain.NAME, pool));
    // Other nodes sweep other rows (SKIP LOCKED); Rounds keeps one sweep at a time here.
    Rounds sweeper = new Rounds("reservation sweep", () -> reservations.sweep().map(count -> false));
    sweepTimer = vertx.setPeriodic(config.sweepMs(), id -> sweeper.wake());
    Future<Void> consumer = Future.succeededFuture();
    if (context.config().kafka().enabled() && config.inboundEnabled()) {
      inbound = new InboundStock(vertx, pool, book, context.config().kafka(), config.inboundTopic(),
          config.inboundGroup());
      consumer = inbound.start();
    }
    return Future.all(operations.ready(), inbox.start(), consumer);
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(sweepTimer);
    return Future.join(
            operations == null ? Future.succeededFuture() : operations.close(),
            inbox == null ? Future.succeededFuture() : inbox.stop(),
            inbound == null ? Future.succeededFuture() : inbound.stop())
        .transform(v -> pool == null ? Future.succeededFuture() : pool.close());
  }
}
