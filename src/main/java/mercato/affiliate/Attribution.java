package mercato.affiliate;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import mercato.affiliate.api.AffiliateEvents;
import mercato.platform.events.Event;
import mercato.platform.events.Outbox;
import mercato.platform.ids.Ids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commissions that follow from order events, in the inbox transaction. A paid order whose
 * referral code names an active programme (not the buyer's own) earns floor(total * rate /
 * 10000) in the order's currency, recorded pending; a refund shrinks it to the share of the
 * order that was kept. Both are safe to see twice: one commission per order, and the
 * reduction is computed from the cumulative refunded total and never grows back.
 */
final class Attribution {
  private static final Logger LOG = LoggerFactory.getLogger(Attribution.class);

  private final Outbox outbox;

  Attribution(Outbox outbox) {
    this.outbox = outbox;
  }

  /** mercato.order.paid.v1. */
  Future<?> orderPaid(Event event, SqlConnection tx) {
    JsonObject data = event.data();
    String code = data.getString("referralCode");
    UUID orderId = Ids.parse(data.getString("orderId"));
    JsonObject total = data.getJsonObject("total");
    if (!ReferralCodes.valid(code) || orderId == null || total == null) {
      return Future.succeededFuture();
    }
    long orderTotal = total.getLong("amount", 0L);
    String currency = total.getString("currency");
    return AffiliateRepository.one(tx, AffiliateRepository.LIVE_BY_CODE, code).compose(affiliate -> {
      if (affiliate == null || !affiliate.attributes()) {
        LOG.debug("order {} names referral code {} that attributes to no active programme", orderId, code);
        return Future.succeededFuture();
      }
      if (affiliate.accountId().toString().equals(data.getString("accountId"))) {
        LOG.info("order {} is a self-referral of affiliate {}: no commission", orderId, affiliate.id());
        return Future.succeededFuture();
      }
      long amount = CommissionRules.commission(orderTotal, affiliate.rateBps());
      OffsetDateTime earned = time(data.getString("paidAt"), event.time());
      return tx.preparedQuery(CommissionRepository.INSERT_ORDER).execute(Tuple.tuple().addValue(Ids.uuid7())
              .addValue(affiliate.id()).addValue(orderId).addValue(currency).addValue(orderTotal)
              .addValue(affiliate.rateBps()).addValue(amount).addValue(earned))
          .compose(rows -> rows.size() == 0 ? Future.succeededFuture()
              : recorded(tx, Commission.of(rows.iterator().next())));
    });
  }

  /** Appends commission-recorded for a new commission (order or manual). */
  Future<Void> recorded(SqlConnection tx, Commission c) {
    JsonObject data = new JsonObject().put("commissionId", c.id().toString())
        .put("affiliateId", c.affiliateId().toString()).put("kind", c.kind())
        .put("orderId", c.orderId() == null ? null : c.orderId().toString())
        .put("amount", Commission.money(c.amount(), c.currency())).put("rateBps", c.rateBps()).put("status", c.status());
    return outbox.append(tx, Event.of(AffiliateEvents.COMMISSION_RECORDED, c.affiliateId().toString(), data));
  }

  /** mercato.order.refunded.v1. */
  Future<?> orderRefunded(Event event, SqlConnection tx) {
    JsonObject data = event.data();
    UUID orderId = Ids.parse(data.getString("orderId"));
    JsonObject refunded = data.getJsonObject("refundedTotal");
    if (orderId == null || refunded == null) {
      return Future.succeededFuture();
    }
    return CommissionRepository.one(tx, CommissionRepository.LOCK_ORDER, orderId).compose(c -> {
      if (c == null) {
        return Future.succeededFuture();
      }
      if (!c.currency().equals(refunded.getString("currency"))) {
        LOG.warn("refund of order {} is in {}, its commission {} in {}: left as is", orderId,
            refunded.getString("currency"), c.id(), c.currency());
        return Future.succeededFuture();
      }
      JsonObject total = data.getJsonObject("total");
      long orderTotal = total != null && total.getValue("amount") instanceof Number n ? n.longValue() : c.orderTotal();
      long refundedTotal = refunded.getLong("amount", 0L);
      // Never grows back: a stale or repeated refund event changes nothing.
      long after = Math.min(c.effective(), CommissionRules.afterRefund(c.originalAmount(), orderTotal, refundedTotal));
      if (after == c.effective()) {
        return Future.succeededFuture();
      }
      long delta = after - c.effective();
      UUID refundId = Ids.parse(data.getString("refundId"));
      Future<?> clawback = !"paid".equals(c.status()) ? Future.succeededFuture()
          // Paid out already: the difference is owed back, deducted from the next payout.
          : tx.preparedQuery(CommissionRepository.INSERT_CLAWBACK).execute(Tuple.of(Ids.uuid7(), c.affiliateId(),
              orderId, c.id(), c.currency(), delta));
      return clawback
          .compose(v -> tx.preparedQuery(CommissionRepository.REDUCE).execute(Tuple.of(c.id(), after)))
          .compose(v -> tx.preparedQuery(CommissionRepository.INSERT_ADJUSTMENT).execute(Tuple.tuple()
              .addValue(Ids.uuid7()).addValue(c.id()).addValue(refundId).addValue(c.effective()).addValue(after)
              .addValue(refundedTotal).addValue(orderTotal)))
          .compose(v -> outbox.append(tx, Event.of(AffiliateEvents.COMMISSION_ADJUSTED, c.affiliateId().toString(),
              new JsonObject().put("commissionId", c.id().toString()).put("affiliateId", c.affiliateId().toString())
                  .put("orderId", orderId.toString()).put("refundId", refundId == null ? null : refundId.toString())
                  .put("before", Commission.money(c.effective(), c.currency()))
                  .put("after", Commission.money(after, c.currency())).put("clawedBackAfterPayout", "paid".equals(c.status())))));
    });
  }

  private static OffsetDateTime time(String iso, OffsetDateTime fallback) {
    if (iso == null) {
      return fallback;
    }
    try {
      return OffsetDateTime.ofInstant(Instant.parse(iso), ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return fallback;
    }
  }
}
