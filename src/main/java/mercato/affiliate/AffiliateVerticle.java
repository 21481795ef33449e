package mercato.affiliate;

import static mercato.affiliate.api.AffiliateAddresses.*;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import mercato.affiliate.api.AffiliateEvents;
import mercato.platform.bus.Operations;
import mercato.platform.config.ConfigException;
import mercato.platform.db.Databases;
import mercato.platform.domain.DomainContext;
import mercato.platform.events.Inbox;
import mercato.platform.events.Outbox;
import mercato.platform.work.Rounds;

/** Owns affiliate programmes, their commissions (from paid and refunded orders, or manual), approvals and payouts. */
final class AffiliateVerticle extends VerticleBase {
  private final DomainContext context;
  private Pool pool;
  private Operations operations;
  private Inbox inbox;
  private Rounds sweeper;
  private long sweepTimer = -1;

  AffiliateVerticle(DomainContext context) {
    this.context = context;
  }

  @Override
  public Future<?> start() {
    AffiliateConfig config;
    try {
      config = AffiliateConfig.read(context.section());
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    }
    pool = Databases.pool(vertx, context.config().db(), AffiliateDomain.NAME);
    Outbox outbox = context.outbox();
    int maxPage = context.config().http().maxPageSize();
    Attribution attribution = new Attribution(outbox);
    Programmes programmes = new Programmes(pool, outbox, config, new Payouts(pool, outbox), maxPage);
    Sales sales = new Sales(pool, attribution, maxPage);
    operations = new Operations(vertx)
        .on(REGISTER_AFFILIATE, programmes::register)
        .on(LIST_AFFILIATES, programmes::list)
        .on(GET_AFFILIATE, programmes::get)
        .on(UPDATE_AFFILIATE, programmes::update)
        .on(DELETE_AFFILIATE, programmes::delete)
        .on(LIST_SALES, sales::list)
        .on(RECORD_COMMISSION, sales::record);
    inbox = new Inbox(vertx, AffiliateDomain.NAME, pool)
        .on(AffiliateEvents.ORDER_PAID, attribution::orderPaid)
        .on(AffiliateEvents.ORDER_REFUNDED, attribution::orderRefunded);
    Approvals approvals = new Approvals(pool, outbox, config);
    sweeper = new Rounds("affiliate approval sweep", approvals::round);
    sweepTimer = vertx.setPeriodic(config.sweepMs(), id -> sweeper.wake());
    return Future.all(operations.ready(), inbox.start());
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(sweepTimer);
    if (sweeper != null) {
      sweeper.stop();
    }
    return Future.join(
            operations == null ? Future.succeededFuture() : operations.close(),
            inbox == null ? Future.succeededFuture() : inbox.stop())
        .transform(v -> pool == null ? Future.succeededFuture() : pool.close());
  }
}
