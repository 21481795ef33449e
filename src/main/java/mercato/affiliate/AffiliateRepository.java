package mercato.affiliate;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** SQL of the affiliates table. Every method takes the client (pool or transaction) to run on. */
final class AffiliateRepository {
  /** The fields an update may set; a {@code set*} flag false leaves the column as it is. */
  record Changes(String name, boolean setEmail, String email, boolean setWebsite, String website,
      boolean setPayoutDetails, JsonObject payoutDetails, Integer rateBps, String status) {}

  static final String INSERT = """
      INSERT INTO affiliates (affiliate_id, account_id, name, email, website, payout_details, referral_code,
                              rate_bps, status)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
      RETURNING\s""" + Affiliate.COLUMNS;
  static final String BY_ID = "SELECT " + Affiliate.COLUMNS + " FROM affiliates WHERE affiliate_id = $1";
  static final String LOCK_BY_ID = BY_ID + " FOR UPDATE";
  static final String LIVE_BY_ACCOUNT = "SELECT " + Affiliate.COLUMNS
      + " FROM affiliates WHERE account_id = $1 AND deleted_at IS NULL";
  static final String LIVE_BY_CODE = "SELECT " + Affiliate.COLUMNS
      + " FROM affiliates WHERE lower(referral_code) = lower($1) AND deleted_at IS NULL";
  static final String LIST = "SELECT " + Affiliate.COLUMNS + """
       FROM affiliates
       WHERE deleted_at IS NULL AND ($1::text IS NULL OR status = $1) AND ($2::uuid IS NULL OR affiliate_id < $2)
       ORDER BY affiliate_id DESC LIMIT $3
      """;
  static final String UPDATE = """
      UPDATE affiliates SET
        name = coalesce($2, name),
        email = CASE WHEN $3 THEN $4 ELSE email END,
        website = CASE WHEN $5 THEN $6 ELSE website END,
        payout_details = CASE WHEN $7 THEN $8::jsonb ELSE payout_details END,
        rate_bps = coalesce($9, rate_bps),
        status = coalesce($10, status),
        updated_at = now()
       WHERE affiliate_id = $1 AND deleted_at IS NULL
      RETURNING\s""" + Affiliate.COLUMNS;
  static final String DELETE = """
      UPDATE affiliates SET deleted_at = now(), updated_at = now()
       WHERE affiliate_id = $1 AND deleted_at IS NULL RETURNING affiliate_id
      """;

  private AffiliateRepository() {}

  static Future<Affiliate> insert(SqlClient db, UUID id, UUID accountId, String name, String email, String website,
      JsonObject payoutDetails, String code, int rateBps, String status) {
    return db.preparedQuery(INSERT)
        .execute(Tuple.of(id, accountId, name, email, website, payoutDetails, code, rateBps, status))
        .map(rows -> Affiliate.of(rows.iterator().next()));
  }

  static Future<Affiliate> one(SqlClient db, String sql, Object key) {
    return db.preparedQuery(sql).execute(Tuple.of(key))
        .map(rows -> rows.size() == 0 ? null : Affiliate.of(rows.iterator().next()));
  }

  static Future<List<Affiliate>> list(SqlClient db, String status, UUID after, int limit) {
    return db.preparedQuery(LIST).execute(Tuple.of(status, after, limit)).map(rows -> {
      List<Affiliate> out = new ArrayList<>();
      rows.forEach(row -> out.add(Affiliate.of(row)));
      return out;
    });
  }

  /** The updated programme, or null when it is gone (deleted or never there). */
  static Future<Affiliate> update(SqlClient db, UUID id, Changes c) {
    Tuple args = Tuple.tuple().addValue(id).addValue(c.name()).addValue(c.setEmail()).addValue(c.email())
        .addValue(c.setWebsite()).addValue(c.website()).addValue(c.setPayoutDetails()).addValue(c.payoutDetails())
        .addValue(c.rateBps()).addValue(c.status());
    return db.preparedQuery(UPDATE).execute(args)
        .map(rows -> rows.size() == 0 ? null : Affiliate.of(rows.iterator().next()));
  }

  /** True when this call deleted it; false when it was deleted already or does not exist. */
  static Future<Boolean> delete(SqlClient db, UUID id) {
    return db.preparedQuery(DELETE).execute(Tuple.of(id)).map(rows -> rows.size() == 1);
  }
}
