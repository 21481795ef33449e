package mercato.notification;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The durable webhook queue ({@code webhook_deliveries}): rows are written in the send
 * transaction, claimed by any node's worker with {@code FOR UPDATE SKIP LOCKED} and a
 * lease (a worker that dies leaves its rows to be claimed again when the lease ends), and
 * end delivered or failed.
 */
final class WebhookDeliveries {
  /** Finished deliveries are kept this long for support questions, then deleted. */
  static final int RETENTION_DAYS = 7;

  private static final String ENQUEUE = """
      INSERT INTO webhook_deliveries (id, notification_id, subscription_id, account_id, payload)
      VALUES ($1, $2, $3, $4, $5)
      """;
  // The endpoint and secret are read at claim time, so a re-subscription's new URL or
  // secret applies to pending retries; a removed subscription leaves url NULL.
  private static final String CLAIM = """
      UPDATE webhook_deliveries d
         SET locked_until = now() + $2 * interval '1 millisecond', attempts = d.attempts + 1
        FROM (SELECT w.id, w.subscription_id
                FROM webhook_deliveries w
               WHERE w.status = 'pending'
                 AND w.next_attempt_at <= now()
                 AND (w.locked_until IS NULL OR w.locked_until < now())
               ORDER BY w.next_attempt_at
               LIMIT $1
               FOR UPDATE SKIP LOCKED) due
        LEFT JOIN subscriptions s ON s.id = due.subscription_id
       WHERE d.id = due.id
      RETURNING d.id, d.notification_id, d.payload, d.attempts, s.url, s.secret
      """;
  private static final String DELIVERED = """
      UPDATE webhook_deliveries
         SET status = 'delivered', last_status = $2, last_error = NULL, locked_until = NULL, finished_at = now()
       WHERE id = $1 AND status = 'pending'
      """;
  // A permanent failure, or the last allowed attempt, ends the delivery; otherwise it
  // becomes due again after the delay. A row given up meanwhile (unsubscribe) stays so.
  private static final String ATTEMPT_FAILED = """
      UPDATE webhook_deliveries
         SET status = CASE WHEN $3 OR attempts >= $4 THEN 'failed' ELSE 'pending' END,
             finished_at = CASE WHEN $3 OR attempts >= $4 THEN now() END,
             next_attempt_at = now() + $5 * interval '1 millisecond',
             locked_until = NULL,
             last_status = $2,
             last_error = $6
       WHERE id = $1 AND status = 'pending'
      RETURNING status
      """;
  private static final String CLEAN = """
      DELETE FROM webhook_deliveries
       WHERE status <> 'pending' AND finished_at < now() - $1 * interval '1 day'
      """;

  /** A claimed delivery: what to send, and where (url and secret null when the subscription is gone). */
  record Claimed(UUID id, UUID notificationId, String payload, int attempts, String url, String secret) {}

  private final Pool pool;

  WebhookDeliveries(Pool pool) {
    this.pool = pool;
  }

  Pool pool() {
    return pool;
  }

  Future<Void> enqueue(SqlConnection tx, UUID id, Notification notification, Subscription subscription) {
    return tx.preparedQuery(ENQUEUE)
        .execute(Tuple.of(id, notification.id(), subscription.id(), notification.accountId(),
            notification.webhookPayload()))
        .mapEmpty();
  }

  Future<List<Claimed>> claim(int batch, long leaseMs) {
    return pool.preparedQuery(CLAIM).execute(Tuple.of(batch, leaseMs)).map(rows -> {
      List<Claimed> out = new ArrayList<>(rows.size());
      for (Row row : rows) {
        out.add(new Claimed(row.getUUID("id"), row.getUUID("notification_id"), row.getString("payload"),
            row.getInteger("attempts"), row.getString("url"), row.getString("secret")));
      }
      return out;
    });
  }

  Future<Void> delivered(UUID id, int status) {
    return pool.preparedQuery(DELIVERED).execute(Tuple.of(id, status)).mapEmpty();
  }

  /** Records a failed attempt; the future holds the delivery's status after it (null if gone). */
  Future<String> attemptFailed(UUID id, Integer httpStatus, String error, boolean permanent, int maxAttempts,
      long retryInMs) {
    return pool.preparedQuery(ATTEMPT_FAILED)
        .execute(Tuple.from(Arrays.asList(id, httpStatus, permanent, maxAttempts, retryInMs, error)))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("status"));
  }

  Future<Void> cleanUp() {
    return pool.preparedQuery(CLEAN).execute(Tuple.of(RETENTION_DAYS)).mapEmpty();
  }
}
