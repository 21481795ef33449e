package mercato.affiliate;

import static mercato.affiliate.api.AffiliateAddresses.*;

import io.vertx.core.Future;
import mercato.affiliate.api.AffiliateEvents;
import mercato.platform.bus.Operations;
import mercato.platform.bus.PeerClient;
import mercato.platform.domain.DomainContext;
import mercato.platform.domain.DomainVerticle;
import mercato.platform.events.Inbox;
import mercato.platform.events.Outbox;
import mercato.platform.work.Rounds;

/** Owns affiliate programmes, their commissions (from paid and refunded orders, or manual), approvals and payouts. */
final class AffiliateVerticle extends DomainVerticle {
  AffiliateVerticle(DomainContext context) {
    super(context);
  }

  @Override
  protected Future<?> deploy() {
    AffiliateConfig config = AffiliateConfig.read(context.section());
    openPool();
    Outbox outbox = context.outbox();
    int maxPage = context.maxPageSize();
    Attribution attribution = new Attribution(outbox);
    Programmes programmes = new Programmes(pool, outbox, config, new Payouts(pool, outbox),
        new AffiliateAccounts(new PeerClient(vertx, config.peerTimeoutMs())), maxPage);
    Sales sales = new Sales(pool, attribution, maxPage);
    Clicks clicks = new Clicks(pool);
    operations = new Operations(vertx)
        .on(REGISTER_AFFILIATE, programmes::register)
        .on(LIST_AFFILIATES, programmes::list)
        .on(GET_AFFILIATE, programmes::get)
        .on(GET_OWN_AFFILIATE, programmes::getOwn)
        .on(UPDATE_AFFILIATE, programmes::update)
        .on(DELETE_AFFILIATE, programmes::delete)
        .on(LIST_SALES, sales::list)
        .on(RECORD_COMMISSION, sales::record)
        .on(COUNT_CLICK, clicks::count)
        .on(LIST_CLICKS, clicks::list);
    inbox = new Inbox(vertx, AffiliateDomain.NAME, pool)
        .on(AffiliateEvents.ORDER_PAID, attribution::orderPaid)
        .on(AffiliateEvents.ORDER_REFUNDED, attribution::orderRefunded);
    Approvals approvals = new Approvals(pool, outbox, config);
    every(config.sweepMs(), new Rounds("affiliate approval sweep", approvals::round));
    return ready();
  }
}
