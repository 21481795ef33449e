package mercato.review;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * SQL of the rating summaries. A change to a target's reviews first {@link #lock}s the
 * target's summary row (made when missing), so changes to one target run one after the
 * other; {@link #recompute} then counts the published reviews afresh, in the same
 * transaction. Nothing is ever added to or taken from a stored figure.
 */
final class RatingSummaries {
  static final String LOCK = """
      INSERT INTO rating_summaries (target, target_id) VALUES ($1, $2)
      ON CONFLICT (target, target_id) DO UPDATE SET target = EXCLUDED.target
      """;
  // %s is the target kind's column (product_id or company_id). Only a change of the figures
  // updates the row and moves the revision; no row back means nothing changed.
  static final String RECOMPUTE = """
      WITH agg AS (
        SELECT count(*)::int AS count, coalesce(sum(rating), 0)::int AS sum,
               (count(*) FILTER (WHERE rating = 1))::int AS c1, (count(*) FILTER (WHERE rating = 2))::int AS c2,
               (count(*) FILTER (WHERE rating = 3))::int AS c3, (count(*) FILTER (WHERE rating = 4))::int AS c4,
               (count(*) FILTER (WHERE rating = 5))::int AS c5
          FROM reviews WHERE %s = $2 AND status = 'published')
      UPDATE rating_summaries s
         SET count = agg.count, sum = agg.sum, c1 = agg.c1, c2 = agg.c2, c3 = agg.c3, c4 = agg.c4, c5 = agg.c5,
             revision = s.revision + 1, updated_at = now()
        FROM agg
       WHERE s.target = $1 AND s.target_id = $2
         AND (s.count, s.sum, s.c1, s.c2, s.c3, s.c4, s.c5)
             IS DISTINCT FROM (agg.count, agg.sum, agg.c1, agg.c2, agg.c3, agg.c4, agg.c5)
      RETURNING s.count, s.sum, s.c1, s.c2, s.c3, s.c4, s.c5, s.revision
      """;
  static final String RECOMPUTE_PRODUCT = RECOMPUTE.formatted(Target.Kind.PRODUCT.column);
  static final String RECOMPUTE_COMPANY = RECOMPUTE.formatted(Target.Kind.COMPANY.column);
  static final String SELECT = """
      SELECT count, sum, c1, c2, c3, c4, c5, revision FROM rating_summaries WHERE target = $1 AND target_id = $2
      """;

  private RatingSummaries() {}

  static Future<Void> lock(SqlClient tx, Target target) {
    return tx.preparedQuery(LOCK).execute(Tuple.of(target.kind().label, target.id())).mapEmpty();
  }

  /** The new summary, or null when the figures did not change. */
  static Future<RatingSummary> recompute(SqlClient tx, Target target) {
    String sql = target.isProduct() ? RECOMPUTE_PRODUCT : RECOMPUTE_COMPANY;
    return tx.preparedQuery(sql).execute(Tuple.of(target.kind().label, target.id()))
        .map(rows -> rows.size() == 0 ? null : RatingSummary.from(rows.iterator().next()));
  }

  static Future<RatingSummary> find(SqlClient db, Target target) {
    return db.preparedQuery(SELECT).execute(Tuple.of(target.kind().label, target.id()))
        .map(rows -> rows.size() == 0 ? RatingSummary.EMPTY : RatingSummary.from(rows.iterator().next()));
  }
}
