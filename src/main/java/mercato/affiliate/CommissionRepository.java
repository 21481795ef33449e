package mercato.affiliate;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** SQL of commissions, their refund adjustments and payouts. Every method takes the client to run on. */
final class CommissionRepository {
  /** Which commissions a list or a total covers; null fields do not filter. */
  record Filter(UUID affiliateId, String status, OffsetDateTime from, OffsetDateTime to) {}

  // One commission per order: a paid event seen twice (even under two event ids) records once.
  static final String INSERT_ORDER = """
      INSERT INTO commissions (commission_id, affiliate_id, kind, order_id, currency, order_total, rate_bps,
                               original_amount, effective, amount, earned_at)
      VALUES ($1, $2, 'order', $3, $4, $5, $6, $7, $7, $7, $8)
      ON CONFLICT (order_id) WHERE kind = 'order' DO NOTHING
      RETURNING\s""" + Commission.COLUMNS;
  static final String INSERT_MANUAL = """
      INSERT INTO commissions (commission_id, affiliate_id, kind, order_id, currency, original_amount, effective,
                               amount, external_reference, request_hash, note, recorded_by, earned_at)
      VALUES ($1, $2, 'manual', $3, $4, $5, $5, $5, $6, $7, $8, $9, now())
      ON CONFLICT (external_reference) DO NOTHING
      RETURNING\s""" + Commission.COLUMNS;
  static final String INSERT_CLAWBACK = """
      INSERT INTO commissions (commission_id, affiliate_id, kind, order_id, parent_id, currency, original_amount,
                               effective, amount, status, earned_at, approved_at)
      VALUES ($1, $2, 'clawback', $3, $4, $5, $6, $6, $6, 'approved', now(), now())
      """;
  static final String BY_REFERENCE = "SELECT " + Commission.COLUMNS + " FROM commissions WHERE external_reference = $1";
  static final String LOCK_ORDER = "SELECT " + Commission.COLUMNS
      + " FROM commissions WHERE order_id = $1 AND kind = 'order' FOR UPDATE";
  static final String REDUCE = """
      UPDATE commissions SET effective = $2, amount = CASE WHEN status = 'paid' THEN amount ELSE $2 END,
                             updated_at = now()
       WHERE commission_id = $1
      """;
  static final String INSERT_ADJUSTMENT = """
      INSERT INTO commission_adjustments (adjustment_id, commission_id, refund_id, before_amount, after_amount,
                                          refunded_total, order_total)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      """;
  private static final String WHERE = """
       WHERE ($1::uuid IS NULL OR affiliate_id = $1) AND ($2::text IS NULL OR status = $2)
         AND ($3::timestamptz IS NULL OR earned_at >= $3) AND ($4::timestamptz IS NULL OR earned_at < $4)
      """;
  static final String LIST = "SELECT " + Commission.COLUMNS + " FROM commissions" + WHERE
      + " AND ($5::uuid IS NULL OR commission_id < $5) ORDER BY commission_id DESC LIMIT $6";
  static final String TOTALS = "SELECT status, currency, sum(amount)::bigint AS amount, count(*) AS n FROM commissions"
      + WHERE + " GROUP BY status, currency ORDER BY status, currency";
  // Several nodes may sweep at once: SKIP LOCKED gives each its own rows.
  static final String APPROVE_DUE = """
      UPDATE commissions SET status = 'approved', approved_at = now(), updated_at = now()
       WHERE commission_id IN (
         SELECT commission_id FROM commissions
          WHERE status = 'pending' AND earned_at < now() - $1 * interval '1 day'
          ORDER BY earned_at LIMIT $2 FOR UPDATE SKIP LOCKED)
      RETURNING commission_id, affiliate_id, amount, currency
      """;
  static final String LOCK_PAYABLE = """
      SELECT commission_id, currency, amount FROM commissions
       WHERE affiliate_id = $1 AND status = 'approved' AND approved_at < $2
       ORDER BY commission_id FOR UPDATE
      """;
  static final String MARK_PAID = """
      UPDATE commissions SET status = 'paid', paid_at = now(), payout_id = $2, updated_at = now()
       WHERE commission_id = ANY($1)
      """;
  static final String INSERT_PAYOUT = """
      INSERT INTO payouts (payout_id, affiliate_id, currency, amount, commission_count, through, reference, paid_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      RETURNING payout_id, affiliate_id, currency, amount, commission_count, through, reference, created_at
      """;

  private CommissionRepository() {}

  static Future<Commission> one(SqlClient db, String sql, Object key) {
    return db.preparedQuery(sql).execute(Tuple.of(key))
        .map(rows -> rows.size() == 0 ? null : Commission.of(rows.iterator().next()));
  }

  static Future<List<Commission>> list(SqlClient db, Filter f, UUID after, int limit) {
    return db.preparedQuery(LIST).execute(Tuple.of(f.affiliateId(), f.status(), f.from(), f.to(), after, limit))
        .map(rows -> {
          List<Commission> out = new ArrayList<>();
          rows.forEach(row -> out.add(Commission.of(row)));
          return out;
        });
  }

  /** Sums per status and currency: [{status, amount: Money, count}]. */
  static Future<JsonArray> totals(SqlClient db, Filter f) {
    return db.preparedQuery(TOTALS).execute(Tuple.of(f.affiliateId(), f.status(), f.from(), f.to())).map(rows -> {
      JsonArray out = new JsonArray();
      for (Row row : rows) {
        out.add(new JsonObject().put("status", row.getString("status"))
            .put("amount", Commission.money(row.getLong("amount"), row.getString("currency")))
            .put("count", row.getLong("n")));
      }
      return out;
    });
  }
}
