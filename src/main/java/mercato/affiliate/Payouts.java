package mercato.affiliate;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import mercato.affiliate.api.AffiliateEvents;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Fields;
import mercato.platform.bus.Problem;
import mercato.platform.bus.QueryParams;
import mercato.platform.events.Event;
import mercato.platform.events.Outbox;
import mercato.platform.ids.Ids;
import mercato.platform.work.Sequence;

/**
 * Payouts, recorded by an admin on {@code PUT /affiliates/{id}} with
 * {@code {"payout": {"through": "2026-11-30", "reference": "..."}}}: every commission of the
 * programme approved on or before that day is marked paid, one payout per currency whose net
 * (clawbacks included) is positive. Commissions stay locked meanwhile, so two payouts never
 * pay one commission twice; a repeat finds nothing left and records nothing.
 */
final class Payouts {
  static final int MAX_REFERENCE = 200;

  /** What an admin asked for: pay what was approved on or before {@code through}. */
  record Request(LocalDate through, String reference, UUID paidBy) {}

  private final Pool pool;
  private final Outbox outbox;

  Payouts(Pool pool, Outbox outbox) {
    this.pool = pool;
    this.outbox = outbox;
  }

  static Request parse(Envelope envelope, Object value) {
    if (!(value instanceof JsonObject payout)) {
      throw Problem.invalidField("/payout", "must be an object {through, reference?}");
    }
    Fields.only(payout, java.util.Set.of("through", "reference"), ProgrammeFields.NOT_ALLOWED);
    LocalDate through = QueryParams.day(Fields.text(payout, "through", 10), "/payout/through");
    String reference = Fields.optionalText(payout, "reference", MAX_REFERENCE);
    return new Request(through, reference, envelope.principal() == null ? null : Ids.parse(envelope.principal().sub()));
  }

  /** The payouts recorded (none when nothing approved is due). */
  Future<JsonArray> pay(UUID affiliateId, Request request) {
    return pool.withTransaction(tx -> record(tx, affiliateId, request.through(), request.reference(), request.paidBy()));
  }

  private Future<JsonArray> record(SqlConnection tx, UUID affiliateId, LocalDate through, String reference,
      UUID paidBy) {
    java.time.OffsetDateTime before = through.plusDays(1).atStartOfDay().atOffset(java.time.ZoneOffset.UTC);
    return tx.preparedQuery(CommissionRepository.LOCK_PAYABLE).execute(Tuple.of(affiliateId, before)).compose(rows -> {
      Map<String, List<UUID>> ids = new LinkedHashMap<>();
      Map<String, Long> sums = new LinkedHashMap<>();
      for (Row row : rows) {
        String currency = row.getString("currency");
        ids.computeIfAbsent(currency, c -> new ArrayList<>()).add(row.getUUID("commission_id"));
        sums.merge(currency, row.getLong("amount"), Long::sum);
      }
      JsonArray recorded = new JsonArray();
      // clawbacks that outweigh a currency's earnings are carried to a later payout
      List<String> owed = ids.keySet().stream().filter(currency -> sums.get(currency) > 0).toList();
      return Sequence.each(owed, currency -> {
        long net = sums.get(currency);
        List<UUID> paid = ids.get(currency);
        UUID payoutId = Ids.uuid7();
        return tx.preparedQuery(CommissionRepository.INSERT_PAYOUT).execute(Tuple.tuple().addValue(payoutId)
                .addValue(affiliateId).addValue(currency).addValue(net).addValue(paid.size()).addValue(through)
                .addValue(reference).addValue(paidBy))
            .compose(v -> tx.preparedQuery(CommissionRepository.MARK_PAID)
                .execute(Tuple.of(paid.toArray(UUID[]::new), payoutId)))
            .compose(v -> {
              JsonObject json = new JsonObject().put("payoutId", payoutId.toString())
                  .put("affiliateId", affiliateId.toString()).put("amount", Commission.money(net, currency))
                  .put("commissionCount", paid.size()).put("through", through.toString()).put("reference", reference);
              recorded.add(json);
              return outbox.append(tx, Event.of(AffiliateEvents.PAYOUT_RECORDED, affiliateId.toString(), json));
            });
      }).map(recorded);
    });
  }
}
