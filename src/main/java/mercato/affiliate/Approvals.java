package mercato.affiliate;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import mercato.affiliate.api.AffiliateEvents;
import mercato.platform.events.Event;
import mercato.platform.events.Outbox;
import mercato.platform.work.Sequence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The approval sweep: pending commissions earned more than {@code affiliate.returnWindowDays}
 * ago become approved (the order can no longer be returned), a batch per round, each with its
 * event in the same transaction. Any node may sweep: rows are claimed with SKIP LOCKED.
 */
final class Approvals {
  private static final Logger LOG = LoggerFactory.getLogger(Approvals.class);

  private final Pool pool;
  private final Outbox outbox;
  private final AffiliateConfig config;

  Approvals(Pool pool, Outbox outbox, AffiliateConfig config) {
    this.pool = pool;
    this.outbox = outbox;
    this.config = config;
  }

  /** One round; true when the batch was full (more is probably due). */
  Future<Boolean> round() {
    return pool.withTransaction(tx -> tx.preparedQuery(CommissionRepository.APPROVE_DUE)
        .execute(Tuple.of(config.returnWindowDays(), config.sweepBatch())).compose(rows -> {
          return Sequence.each(rows, row -> {
            String affiliateId = row.getUUID("affiliate_id").toString();
            JsonObject data = new JsonObject().put("commissionId", row.getUUID("commission_id").toString())
                .put("affiliateId", affiliateId)
                .put("amount", Commission.money(row.getLong("amount"), row.getString("currency")));
            return outbox.append(tx, Event.of(AffiliateEvents.COMMISSION_APPROVED, affiliateId, data));
          }).map(rows.rowCount());
        })).map(count -> {
          if (count > 0) {
            LOG.info("approved {} commissions past the return window", count);
          }
          return count >= config.sweepBatch();
        });
  }
}
