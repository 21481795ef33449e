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
  private static final String ENQUEUE_EVENT = """
      INSERT INTO webhook_deliveries (id, endpoint_id, account_id, event_id, event_type, payload)
      VALUES ($1, $2, $3, $4, $5, $6)
      ON CONFLICT (endpoint_id, event_id) WHERE endpoint_id IS NOT NULL DO NOTHING
      """;
  // The endpoint and secret are read at claim time, so a re-subscription's new URL or
  // secret applies to pending retries; a removed subscription leaves url NULL. A disabled
  // endpoint's deliveries are parked (due at infinity); the guard covers one parked late.
  private static final String CLAIM = """
      UPDATE webhook_deliveries d
         SET locked_until = now() + $2 * interval '1 millisecond', attempts = d.attempts + 1
        FROM (SELECT w.id, w.subscription_id, w.endpoint_id
                FROM webhook_deliveries w
               WHERE w.status = 'pending'
                 AND w.next_attempt_at <= now()
                 AND (w.locked_until IS NULL OR w.locked_until < now())
                 AND NOT EXISTS (SELECT 1 FROM webhook_endpoints off
                                  WHERE off.id = w.endpoint_id AND off.status <> 'enabled')
               ORDER BY w.next_attempt_at
               LIMIT $1
               FOR UPDATE OF w SKIP LOCKED) due
        LEFT JOIN subscriptions s ON s.id = due.subscription_id
        LEFT JOIN webhook_endpoints e ON e.id = due.endpoint_id
       WHERE d.id = due.id
      RETURNING d.id, d.notification_id, d.endpoint_id, d.payload, d.attempts,
                coalesce(s.url, e.url) AS url, coalesce(s.secret, e.secret) AS secret
      """;
  // Each outcome logs its attempt and keeps the endpoint's health in the same statement
  // (data-modifying CTEs all run): a success clears the endpoint's run of failures.
  private static final String DELIVERED = """
      WITH logged AS (
             INSERT INTO webhook_attempts (delivery_id, attempt, duration_ms, origin, status)
             VALUES ($1, $3, $4, $5, $2) ON CONFLICT DO NOTHING),
           done AS (
             UPDATE webhook_deliveries
                SET status = 'delivered', last_status = $2, last_error = NULL, locked_until = NULL, finished_at = now()
              WHERE id = $1 AND status = 'pending'
             RETURNING endpoint_id)
      UPDATE webhook_endpoints e SET failed_in_row = 0
        FROM done WHERE e.id = done.endpoint_id AND e.failed_in_row > 0
      """;
  // A permanent failure, or the last allowed attempt (a replay allows attempt_limit in
  // all), ends the delivery; otherwise it becomes due again after the delay. A row given up
  // meanwhile (unsubscribe) stays so. A delivery that ended failed adds one to its
  // endpoint's run, and a run of $7 disables the endpoint (disabled_at = now() only then).
  private static final String ATTEMPT_FAILED = """
      WITH logged AS (
             INSERT INTO webhook_attempts (delivery_id, attempt, duration_ms, origin, status, error)
             VALUES ($1, $8, $9, $10, $2, $6) ON CONFLICT DO NOTHING),
           moved AS (
             UPDATE webhook_deliveries
                SET status = CASE WHEN $3 OR attempts >= coalesce(attempt_limit, $4) THEN 'failed' ELSE 'pending' END,
                    finished_at = CASE WHEN $3 OR attempts >= coalesce(attempt_limit, $4) THEN now() END,
                    next_attempt_at = now() + $5 * interval '1 millisecond',
                    locked_until = NULL,
                    last_status = $2,
                    last_error = $6
              WHERE id = $1 AND status = 'pending'
             RETURNING status, endpoint_id),
           health AS (
             UPDATE webhook_endpoints e
                SET failed_in_row = e.failed_in_row + 1,
                    status = CASE WHEN e.failed_in_row + 1 >= $7 THEN 'disabled' ELSE e.status END,
                    disabled_at = CASE WHEN e.failed_in_row + 1 >= $7 AND e.status = 'enabled' THEN now()
                                       ELSE e.disabled_at END,
                    disabled_reason = CASE WHEN e.failed_in_row + 1 >= $7 AND e.status = 'enabled'
                                           THEN e.failed_in_row + 1 || ' deliveries in a row failed; the last: ' || $6
                                           ELSE e.disabled_reason END,
                    updated_at = now()
               FROM moved
              WHERE moved.status = 'failed' AND e.id = moved.endpoint_id
             RETURNING e.id, e.account_id, e.url, e.disabled_at = now() AS disabled_now)
      SELECT moved.status, health.id AS endpoint_id, health.account_id, health.url, health.disabled_now
        FROM moved LEFT JOIN health ON true
      """;
  private static final String CLEAN = """
      DELETE FROM webhook_deliveries
       WHERE status <> 'pending' AND finished_at < now() - $1 * interval '1 day'
      """;

  /** A claimed delivery: what to send, and where (url and secret null when the subscription is gone). */
  record Claimed(UUID id, UUID notificationId, UUID endpointId, String payload, int attempts, String url,
      String secret) {}

  /** One attempt as logged: its number, how long it took, the origin reached, and what came back. */
  record Attempt(int number, long durationMs, String origin, Integer status, String error) {}

  /** What a failed attempt came to: the delivery's status after it, and the endpoint it just disabled, if any. */
  record Failed(String status, UUID disabledEndpoint, UUID owner, String url) {}

  /** An event's delivery to one endpoint, queued by the fan-out. */
  record EventDelivery(UUID id, UUID endpointId, UUID accountId, UUID eventId, String eventType, String payload) {}

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

  /** Queues the deliveries of a batch of events; one already queued for its endpoint and event is kept. */
  Future<Void> enqueueEvents(List<EventDelivery> rows) {
    if (rows.isEmpty()) {
      return Future.succeededFuture();
    }
    return pool.preparedQuery(ENQUEUE_EVENT).executeBatch(rows.stream()
            .map(r -> Tuple.of(r.id(), r.endpointId(), r.accountId(), r.eventId(), r.eventType(), r.payload()))
            .toList())
        .mapEmpty();
  }

  Future<List<Claimed>> claim(int batch, long leaseMs) {
    return pool.preparedQuery(CLAIM).execute(Tuple.of(batch, leaseMs)).map(rows -> {
      List<Claimed> out = new ArrayList<>(rows.size());
      for (Row row : rows) {
        out.add(new Claimed(row.getUUID("id"), row.getUUID("notification_id"), row.getUUID("endpoint_id"),
            row.getString("payload"), row.getInteger("attempts"), row.getString("url"), row.getString("secret")));
      }
      return out;
    });
  }

  Future<Void> delivered(UUID id, Attempt attempt) {
    return pool.preparedQuery(DELIVERED)
        .execute(Tuple.of(id, attempt.status(), attempt.number(), attempt.durationMs(), attempt.origin()))
        .mapEmpty();
  }

  /** Records a failed attempt; the future holds what it came to (null if the delivery is gone). */
  Future<Failed> attemptFailed(UUID id, Attempt attempt, boolean permanent, int maxAttempts, long retryInMs,
      int disableAfter) {
    return pool.preparedQuery(ATTEMPT_FAILED)
        .execute(Tuple.from(Arrays.asList(id, attempt.status(), permanent, maxAttempts, retryInMs, attempt.error(),
            disableAfter, attempt.number(), attempt.durationMs(), attempt.origin())))
        .map(rows -> {
          if (rows.size() == 0) {
            return null;
          }
          Row row = rows.iterator().next();
          boolean disabled = Boolean.TRUE.equals(row.getBoolean("disabled_now"));
          return new Failed(row.getString("status"), disabled ? row.getUUID("endpoint_id") : null,
              row.getUUID("account_id"), row.getString("url"));
        });
  }

  Future<Void> cleanUp() {
    return pool.preparedQuery(CLEAN).execute(Tuple.of(RETENTION_DAYS)).mapEmpty();
  }
}
