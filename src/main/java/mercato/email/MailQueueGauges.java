package mercato.email;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import mercato.platform.metrics.GaugeFamily;

/**
 * The mail queue as gauges, read by one statement on the queue's partial index (and the
 * status index for the failed ones): {@code mercato_email_pending_mails{status}} (queued,
 * retrying), {@code mercato_email_oldest_pending_age_seconds} and
 * {@code mercato_email_failed_mails}. Every email node reads the same table: take the max.
 */
final class MailQueueGauges {
  static final String PENDING = "mercato.email.pending.mails";
  static final String OLDEST = "mercato.email.oldest.pending.age";
  static final String FAILED = "mercato.email.failed.mails";
  static final String READ = """
      SELECT count(*) FILTER (WHERE status = 'queued') AS queued,
             count(*) FILTER (WHERE status = 'retrying') AS retrying,
             coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 AS oldest,
             (SELECT count(*) FROM email WHERE status = 'failed') AS failed
        FROM email WHERE status IN ('queued', 'retrying')
      """;

  private final Pool pool;
  private final GaugeFamily pending;
  private final GaugeFamily oldest;
  private final GaugeFamily failed;

  MailQueueGauges(MeterRegistry registry, Pool pool) {
    this.pool = pool;
    this.pending = GaugeFamily.of(registry, PENDING, "Mails waiting to be sent, by status", null, "status");
    this.oldest = GaugeFamily.of(registry, OLDEST, "Age of the oldest mail waiting to be sent (0: none)", "seconds");
    this.failed = GaugeFamily.of(registry, FAILED, "Mails refused for good or out of attempts (kept in the log)", null);
  }

  Future<Void> read() {
    return pool.preparedQuery(READ).execute().map(rows -> {
      Row row = rows.iterator().next();
      pending.set(row.getLong("queued"), "queued");
      pending.set(row.getLong("retrying"), "retrying");
      oldest.set(Math.max(0, row.getDouble("oldest")));
      failed.set(row.getLong("failed"));
      return null;
    });
  }
}
