package mercato.platform.events;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import mercato.platform.config.EventsConfig;
import mercato.platform.work.Rounds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one schema's outbox to the subscribers' inboxes, at least once, in order per
 * subscriber and subject. Every node may run one per schema: claims use
 * {@code FOR UPDATE SKIP LOCKED} and a lease, so two relays never deliver the same row at
 * once, and a relay that dies leaves rows that another picks up when the lease ends.
 */
final class OutboxRelay {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

  // Only the oldest pending delivery per (subscriber, subject) is claimable: a later one
  // waits until the earlier is delivered (or dead), which keeps per-aggregate order.
  private static final String CLAIM = """
      UPDATE %1$s.outbox_delivery d
         SET locked_until = now() + $2 * interval '1 millisecond', attempts = d.attempts + 1
        FROM (SELECT c.seq, c.subscriber
                FROM %1$s.outbox_delivery c
               WHERE c.status = 'pending'
                 AND c.next_attempt_at <= now()
                 AND (c.locked_until IS NULL OR c.locked_until < now())
                 AND NOT EXISTS (SELECT 1 FROM %1$s.outbox_delivery e
                                  WHERE e.subscriber = c.subscriber AND e.subject = c.subject
                                    AND e.status = 'pending' AND e.seq < c.seq)
               ORDER BY c.seq
               LIMIT $1
               FOR UPDATE SKIP LOCKED) claimed,
             %1$s.outbox o
       WHERE d.seq = claimed.seq AND d.subscriber = claimed.subscriber AND o.seq = d.seq
      RETURNING d.seq, d.subscriber, d.attempts, d.failures, o.id, o.type, o.source, o.subject, o.time, o.data
      """;
  // A round's acknowledged deliveries are marked in one statement.
  private static final String DELIVERED = """
      UPDATE %1$s.outbox_delivery d
         SET status = 'delivered', delivered_at = now(), locked_until = NULL, last_error = NULL
        FROM unnest($1::bigint[], $2::text[]) AS done (seq, subscriber)
       WHERE d.seq = done.seq AND d.subscriber = done.subscriber
      """;
  private static final String RETRY = """
      UPDATE %1$s.outbox_delivery
         SET failures = failures + $3,
             status = CASE WHEN failures + $3 >= $4 THEN 'dead' ELSE 'pending' END,
             next_attempt_at = now() + $5 * interval '1 millisecond',
             locked_until = NULL,
             last_error = $6
       WHERE seq = $1 AND subscriber = $2
      RETURNING status
      """;
  private static final String CLEAN = """
      DELETE FROM %1$s.outbox o
       WHERE o.time < now() - $1 * interval '1 hour'
         AND NOT EXISTS (SELECT 1 FROM %1$s.outbox_delivery d WHERE d.seq = o.seq AND d.status <> 'delivered')
      """;

  private final Vertx vertx;
  private final Pool pool;
  private final String schema;
  private final EventsConfig config;
  private final String claim;
  private final String delivered;
  private final String retry;
  private final String clean;
  private final Rounds rounds;

  OutboxRelay(Vertx vertx, Pool pool, String schema, EventsConfig config) {
    this.vertx = vertx;
    this.pool = pool;
    this.schema = schema;
    this.config = config;
    String quoted = "\"" + schema.replace("\"", "") + "\"";
    this.claim = CLAIM.formatted(quoted);
    this.delivered = DELIVERED.formatted(quoted);
    this.retry = RETRY.formatted(quoted);
    this.clean = CLEAN.formatted(quoted);
    this.rounds = new Rounds("outbox relay for " + schema, this::round);
  }

  String schema() {
    return schema;
  }

  /** Claims and delivers until nothing is due; a wake-up while a round runs adds a round. */
  void wake() {
    rounds.wake();
  }

  void stop() {
    rounds.stop();
  }

  Future<Void> cleanUp() {
    return pool.preparedQuery(clean).execute(Tuple.of(config.retentionHours())).mapEmpty();
  }

  /** One round; true when the batch was full (more is probably due). */
  private Future<Boolean> round() {
    return pool.preparedQuery(claim)
        .execute(Tuple.of(config.batchSize(), config.leaseMs()))
        .compose(rows -> deliverAll(rows).map(rows.size() >= config.batchSize()));
  }

  private Future<Void> deliverAll(RowSet<Row> rows) {
    List<Future<Boolean>> deliveries = new ArrayList<>(rows.size());
    for (Row row : rows) {
      deliveries.add(deliver(row));
    }
    return Future.join(deliveries).transform(all -> {
      List<Long> seqs = new ArrayList<>(rows.size());
      List<String> subscribers = new ArrayList<>(rows.size());
      int i = 0;
      for (Row row : rows) {
        Future<Boolean> one = deliveries.get(i++);
        if (one.succeeded() && one.result()) {
          seqs.add(row.getLong("seq"));
          subscribers.add(row.getString("subscriber"));
        }
      }
      Future<Void> marked = seqs.isEmpty() ? Future.succeededFuture() : pool.preparedQuery(delivered)
          .execute(Tuple.of(seqs.toArray(Long[]::new), (Object) subscribers.toArray(String[]::new))).mapEmpty();
      return all.succeeded() ? marked : marked.compose(v -> Future.failedFuture(all.cause()));
    });
  }

  /** Sends one event; true when the subscriber acknowledged it, false when a retry was scheduled. */
  private Future<Boolean> deliver(Row row) {
    long seq = row.getLong("seq");
    String subscriber = row.getString("subscriber");
    int attempts = row.getInteger("attempts");
    JsonObject event = new JsonObject()
        .put("specversion", "1.0")
        .put("id", row.getUUID("id").toString())
        .put("type", row.getString("type"))
        .put("source", row.getString("source"))
        .put("subject", row.getString("subject"))
        .put("time", row.getOffsetDateTime("time").withOffsetSameInstant(ZoneOffset.UTC).toInstant().toString())
        .put("datacontenttype", "application/json")
        .put("data", row.getJsonObject("data"));
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(config.deliveryTimeoutMs());
    return vertx.eventBus().request(Subscriptions.inboxAddress(subscriber), event, options)
        .compose(
            ack -> Future.succeededFuture(true),
            failure -> retry(seq, subscriber, attempts, event, failure).map(false));
  }

  private Future<Void> retry(long seq, String subscriber, int attempts, JsonObject event, Throwable failure) {
    // A subscriber that is not deployed, or says its own dependency is down (503), is
    // not failing on this event: wait and retry without counting towards the dead state.
    boolean counts = !(failure instanceof ReplyException reply
        && (reply.failureType() == ReplyFailure.NO_HANDLERS || reply.failureCode() == 503));
    String error = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    return pool.preparedQuery(retry)
        .execute(Tuple.of(seq, subscriber, counts ? 1 : 0, config.maxAttempts(), config.backoffMs(attempts), error))
        .map(rows -> {
          if (rows.size() == 1 && "dead".equals(rows.iterator().next().getString("status"))) {
            LOG.error("event {} ({}) to {} is dead after {} failed deliveries: {}",
                event.getString("id"), event.getString("type"), subscriber, config.maxAttempts(), error);
          } else if (counts) {
            LOG.warn("event {} ({}) to {} failed, will retry: {}", event.getString("id"), event.getString("type"), subscriber, error);
          }
          return null;
        });
  }
}
