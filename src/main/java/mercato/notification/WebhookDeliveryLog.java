package mercato.notification;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * What the owner of an endpoint or subscription reads and does about its deliveries: pages
 * of them newest first, one with every attempt, and replays. A replay queues the delivery
 * again, with the same {@code webhook-id} and payload and a fresh budget of attempts.
 */
final class WebhookDeliveryLog {
  private static final String COLUMNS = """
      id, account_id, endpoint_id, notification_id, event_id, event_type, status, attempts, last_status, last_error,
      created_at, finished_at, CASE WHEN next_attempt_at = 'infinity' THEN NULL ELSE next_attempt_at END AS due_at""";
  private static final String PAGE = "SELECT " + COLUMNS + """
       FROM webhook_deliveries
      WHERE endpoint_id = $1 AND ($2::text IS NULL OR status = $2) AND ($3::uuid IS NULL OR id < $3)
      ORDER BY id DESC LIMIT $4""";
  private static final String ONE = "SELECT " + COLUMNS + ", payload FROM webhook_deliveries WHERE id = $1";
  private static final String ATTEMPTS = """
      SELECT attempt, at, duration_ms, origin, status, error FROM webhook_attempts
       WHERE delivery_id = $1 ORDER BY attempt""";
  // A pending delivery is only made due now; a finished one becomes pending again. A disabled
  // endpoint's stay parked until it is enabled.
  private static final String REPLAY = """
      UPDATE webhook_deliveries d
         SET status = 'pending', finished_at = NULL, locked_until = NULL,
             attempt_limit = CASE WHEN d.status = 'pending' THEN d.attempt_limit ELSE d.attempts + $2 END,
             next_attempt_at = CASE WHEN EXISTS (SELECT 1 FROM webhook_endpoints e
                                                  WHERE e.id = d.endpoint_id AND e.status = 'disabled')
                                    THEN 'infinity'::timestamptz ELSE now() END
       WHERE d.id = $1""";
  private static final String REPLAY_FAILED = """
      UPDATE webhook_deliveries
         SET status = 'pending', finished_at = NULL, locked_until = NULL, attempt_limit = attempts + $2,
             next_attempt_at = now()
       WHERE endpoint_id = $1 AND status = 'failed' AND ($3::timestamptz IS NULL OR created_at >= $3)""";

  private final Pool pool;

  WebhookDeliveryLog(Pool pool) {
    this.pool = pool;
  }

  /** {items, nextCursor}: the endpoint's deliveries, newest first, of one status or all. */
  Future<JsonObject> page(UUID endpoint, String status, UUID cursor, int limit) {
    return pool.preparedQuery(PAGE).execute(Tuple.from(Arrays.asList(endpoint, status, cursor, limit + 1)))
        .map(rows -> {
          JsonArray items = new JsonArray();
          UUID last = null;
          int n = 0;
          for (Row row : rows) {
            if (n++ == limit) {
              break;
            }
            items.add(json(row));
            last = row.getUUID("id");
          }
          return new JsonObject().put("items", items).put("nextCursor", rows.size() > limit ? last.toString() : null);
        });
  }

  /** The delivery's owner and its view with payload and attempts, if it exists. */
  Future<Optional<Owned>> get(UUID id) {
    return pool.preparedQuery(ONE).execute(Tuple.of(id)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture(Optional.empty());
      }
      Row row = rows.iterator().next();
      JsonObject delivery = json(row).put("payload", row.getString("payload"));
      return pool.preparedQuery(ATTEMPTS).execute(Tuple.of(id)).map(attempts -> {
        JsonArray list = new JsonArray();
        for (Row a : attempts) {
          list.add(new JsonObject()
              .put("attempt", a.getInteger("attempt"))
              .put("at", a.getOffsetDateTime("at").toInstant().toString())
              .put("durationMs", a.getInteger("duration_ms"))
              .put("origin", a.getString("origin"))
              .put("status", a.getInteger("status"))
              .put("error", a.getString("error")));
        }
        return Optional.of(new Owned(row.getUUID("account_id"), delivery.put("history", list)));
      });
    });
  }

  /** A delivery and its owner's account. */
  record Owned(UUID accountId, JsonObject delivery) {}

  Future<Void> replay(UUID id, int attempts) {
    return pool.preparedQuery(REPLAY).execute(Tuple.of(id, attempts)).mapEmpty();
  }

  /** Queues the endpoint's failed deliveries again (those created since {@code since}, or all); how many. */
  Future<Integer> replayFailed(UUID endpoint, int attempts, OffsetDateTime since) {
    return pool.preparedQuery(REPLAY_FAILED).execute(Tuple.from(Arrays.asList(endpoint, attempts, since)))
        .map(rows -> rows.rowCount());
  }

  private static JsonObject json(Row row) {
    return new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("endpointId", text(row.getUUID("endpoint_id")))
        .put("notificationId", text(row.getUUID("notification_id")))
        .put("eventId", text(row.getUUID("event_id")))
        .put("eventType", row.getString("event_type"))
        .put("status", row.getString("status"))
        .put("attempts", row.getInteger("attempts"))
        .put("lastStatus", row.getInteger("last_status"))
        .put("lastError", row.getString("last_error"))
        .put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString())
        .put("finishedAt", instant(row.getOffsetDateTime("finished_at")))
        .put("nextAttemptAt", "pending".equals(row.getString("status")) ? instant(row.getOffsetDateTime("due_at")) : null);
  }

  private static String text(UUID id) {
    return id == null ? null : id.toString();
  }

  private static String instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant().toString();
  }
}
