package mercato.platform.events;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mercato.platform.config.EventsConfig;
import mercato.platform.work.Rounds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one schema's outbox to the subscribers' inboxes, at least once, in order per
 * subscriber and subject. Every node may run one per schema: claims take turns under an
 * advisory lock and hold what they claimed under a lease, so two relays never deliver the
 * same row at once, and a relay that dies leaves rows that another picks up when the lease
 * ends. A chain stops before its lease could run out.
 */
final class OutboxRelay {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

  // A subject's pending deliveries to one subscriber form a chain in seq order; a round
  // claims the first CHAIN of each chain whose head is due and not out, and delivers each
  // chain one event after the other, so per-aggregate order holds while a busy aggregate
  // still moves several events per round. Claims are serialised across nodes by an
  // advisory lock taken before the claim's snapshot, so a chain is never split between
  // two relays.
  static final String YIELDED = "mercato_outbox_rounds_yielded";
  private static final String GATE = "SELECT pg_try_advisory_xact_lock(hashtext($1)) AS mine";
  private static final String CLAIM = """
      UPDATE %1$s.outbox_delivery d
         SET locked_until = now() + $2 * interval '1 millisecond', attempts = d.attempts + 1
        FROM (SELECT w.seq, w.subscriber
                FROM (SELECT c.seq, c.subscriber,
                             row_number() OVER chain AS place,
                             bool_or(c.next_attempt_at > now() OR coalesce(c.locked_until >= now(), false)) OVER chain
                               AS blocked
                        FROM %1$s.outbox_delivery c
                       WHERE c.status = 'pending'
                      WINDOW chain AS (PARTITION BY c.subscriber, c.subject ORDER BY c.seq)) w
               WHERE w.place <= $3 AND NOT w.blocked
               ORDER BY w.seq
               LIMIT $1) claimed,
             %1$s.outbox o
       WHERE d.seq = claimed.seq AND d.subscriber = claimed.subscriber AND o.seq = d.seq
      RETURNING d.seq, d.subscriber, d.attempts, d.failures, o.id, o.type, o.source, o.subject, o.time, o.data
      """;
  // Claimed deliveries a chain did not reach (an earlier one failed, or the lease ran short).
  private static final String RELEASE = """
      UPDATE %1$s.outbox_delivery d
         SET locked_until = NULL, attempts = d.attempts - 1
        FROM unnest($1::bigint[], $2::text[]) AS back (seq, subscriber)
       WHERE d.seq = back.seq AND d.subscriber = back.subscriber
      """;
  static final int CHAIN = 20;
  /** The set-aside kind of a dead delivery (counted here; the row stays in outbox_delivery). */
  static final String KIND = "outbox";
  // A batching subscriber (the Kafka bridge) gets the whole round at once, one message per
  // event. An inbox gets it as batches of whole chains, each applied in one transaction of
  // the subscriber (one per event again only when the batch fails), a few batches at once.
  static final int INBOX_BATCH = 250;
  static final int BATCHES_IN_FLIGHT = 4;
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
  private final Subscriptions subscriptions;
  private final String claim;
  private final String release;
  private final String delivered;
  private final String retry;
  private final String clean;
  private final Rounds rounds;
  private final io.micrometer.core.instrument.Counter dead;
  private final io.micrometer.core.instrument.Counter yielded;

  OutboxRelay(Vertx vertx, Pool pool, String schema, EventsConfig config, Subscriptions subscriptions) {
    this.vertx = vertx;
    this.subscriptions = subscriptions;
    this.pool = pool;
    this.schema = schema;
    this.config = config;
    String quoted = "\"" + schema.replace("\"", "") + "\"";
    this.claim = CLAIM.formatted(quoted);
    this.release = RELEASE.formatted(quoted);
    this.delivered = DELIVERED.formatted(quoted);
    this.retry = RETRY.formatted(quoted);
    this.clean = CLEAN.formatted(quoted);
    this.rounds = new Rounds("outbox relay for " + schema, this::round);
    this.dead = SetAside.counter(vertx, KIND);
    this.yielded = io.micrometer.core.instrument.Counter.builder(YIELDED)
        .description("Relay rounds that claimed nothing because another node's relay held the schema's turn")
        .tag("schema", schema).register(mercato.platform.metrics.NodeMetrics.registry(vertx));
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
    return pool.withTransaction(tx -> tx.preparedQuery(GATE).execute(Tuple.of("mercato.outbox." + schema))
            .compose(gate -> !gate.iterator().next().getBoolean("mine") ? yielded()
                : tx.preparedQuery(claim).execute(Tuple.of(config.batchSize(), config.leaseMs(), CHAIN))))
        .compose(rows -> rows == null ? Future.succeededFuture(false)
            : deliverAll(rows).map(rows.size() >= config.batchSize()));
  }

  /** A round that found the turn taken: counted, nothing claimed. */
  private Future<RowSet<Row>> yielded() {
    yielded.increment();
    return Future.succeededFuture();
  }

  private Future<Void> deliverAll(RowSet<Row> rows) {
    long deadline = System.currentTimeMillis() + config.leaseMs() - config.deliveryTimeoutMs();
    // subscriber -> subject -> its chain
    Map<String, Map<String, List<Row>>> chains = new LinkedHashMap<>();
    for (Row row : rows) {
      chains.computeIfAbsent(row.getString("subscriber"), k -> new LinkedHashMap<>())
          .computeIfAbsent(row.getString("subject"), k -> new ArrayList<>()).add(row);
    }
    List<Row> done = new ArrayList<>(rows.size());
    List<Row> back = new ArrayList<>();
    List<Future<Void>> workers = new ArrayList<>();
    chains.forEach((subscriber, bySubject) -> {
      bySubject.values().forEach(chain -> chain.sort(Comparator.comparingLong(row -> row.getLong("seq"))));
      if (subscriptions.batches(subscriber)) {
        Deque<List<Row>> queue = new ArrayDeque<>(bySubject.values());
        int inFlight = queue.size();
        for (int i = 0; i < inFlight; i++) {
          workers.add(work(queue, deadline, done, back));
        }
        return;
      }
      // An inbox: whole chains packed into batches, each applied in one inbox transaction.
      Deque<List<List<Row>>> batches = new ArrayDeque<>(InboxBatches.pack(bySubject.values(), INBOX_BATCH));
      for (int i = 0, n = Math.min(BATCHES_IN_FLIGHT, batches.size()); i < n; i++) {
        workers.add(sendBatches(subscriber, batches, deadline, done, back));
      }
    });
    return Future.join(workers).transform(all -> {
      Future<Void> marked = mark(delivered, done);
      Future<Void> released = mark(release, back);
      Future<Void> both = Future.join(marked, released).mapEmpty();
      return all.succeeded() ? both : both.compose(v -> Future.failedFuture(all.cause()));
    });
  }

  /** One of the round's workers: takes chains off {@code queue} and delivers them until none is left. */
  private Future<Void> work(Deque<List<Row>> queue, long deadline, List<Row> done, List<Row> back) {
    List<Row> chain = queue.poll();
    if (chain == null) {
      return Future.succeededFuture();
    }
    return deliverChain(chain, 0, deadline, done, back)
        .transform(delivered -> work(queue, deadline, done, back)
            .compose(v -> delivered.succeeded() ? Future.<Void>succeededFuture() : Future.failedFuture(delivered.cause())));
  }

  /** Delivers {@code chain} from {@code from} in order; stops at a failure or when the lease runs short. */
  private Future<Void> deliverChain(List<Row> chain, int from, long deadline, List<Row> done, List<Row> back) {
    if (from == chain.size()) {
      return Future.succeededFuture();
    }
    if (System.currentTimeMillis() > deadline) { // a delivery started now could outlive the lease
      back.addAll(chain.subList(from, chain.size()));
      return Future.succeededFuture();
    }
    Row row = chain.get(from);
    return deliver(row).compose(acknowledged -> {
      if (!acknowledged) {
        back.addAll(chain.subList(from + 1, chain.size()));
        return Future.succeededFuture();
      }
      done.add(row);
      return deliverChain(chain, from + 1, deadline, done, back);
    }, failure -> {
      back.addAll(chain.subList(from + 1, chain.size()));
      return Future.failedFuture(failure);
    });
  }

  /** One of a subscriber's batch workers: takes batches off {@code queue} and sends them until none is left. */
  private Future<Void> sendBatches(String subscriber, Deque<List<List<Row>>> queue, long deadline, List<Row> done,
      List<Row> back) {
    List<List<Row>> batch = queue.poll();
    if (batch == null) {
      return Future.succeededFuture();
    }
    return sendBatch(subscriber, batch, deadline, done, back)
        .transform(sent -> sendBatches(subscriber, queue, deadline, done, back)
            .compose(v -> sent.succeeded() ? Future.<Void>succeededFuture() : Future.failedFuture(sent.cause())));
  }

  /**
   * Sends {@code chains} (whole chains, each in seq order) to the subscriber's inbox in one
   * message; the inbox answers per event. A failed event is retried or set aside as a single
   * delivery would be, and its chain's later events go back.
   */
  private Future<Void> sendBatch(String subscriber, List<List<Row>> chains, long deadline, List<Row> done,
      List<Row> back) {
    List<Row> rows = chains.stream().flatMap(List::stream).toList();
    if (System.currentTimeMillis() > deadline) { // a delivery started now could outlive the lease
      back.addAll(rows);
      return Future.succeededFuture();
    }
    JsonArray events = new JsonArray();
    rows.forEach(row -> events.add(event(row)));
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(config.deliveryTimeoutMs());
    return vertx.eventBus().<JsonObject>request(Subscriptions.inboxAddress(subscriber),
            new JsonObject().put(Inbox.BATCH, events), options)
        .compose(reply -> {
          JsonArray results = reply.body().getJsonArray("results");
          List<Future<Void>> retries = new ArrayList<>();
          for (int i = 0; i < rows.size(); i++) {
            JsonObject result = results.getJsonObject(i);
            Row row = rows.get(i);
            switch (result.getString("outcome")) {
              case "done" -> done.add(row);
              case "failed" -> retries.add(retry(row, new ReplyException(ReplyFailure.RECIPIENT_FAILURE,
                  result.getInteger("status"), result.getString("problem"))));
              default -> back.add(row);
            }
          }
          return Future.join(retries).mapEmpty();
        }, failure -> {
          // Nothing is known of any event: each chain's head is retried as it would be alone, the rest go back.
          List<Future<Void>> retries = new ArrayList<>();
          for (List<Row> chain : chains) {
            retries.add(retry(chain.get(0), failure));
            back.addAll(chain.subList(1, chain.size()));
          }
          return Future.join(retries).mapEmpty();
        });
  }

  /** Runs {@code sql} (delivered or release) over the rows' (seq, subscriber) keys in one statement. */
  private Future<Void> mark(String sql, List<Row> rows) {
    if (rows.isEmpty()) {
      return Future.succeededFuture();
    }
    Long[] seqs = new Long[rows.size()];
    String[] subscribers = new String[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      seqs[i] = rows.get(i).getLong("seq");
      subscribers[i] = rows.get(i).getString("subscriber");
    }
    return pool.preparedQuery(sql).execute(Tuple.of(seqs, (Object) subscribers)).mapEmpty();
  }

  /** Sends one event; true when the subscriber acknowledged it, false when a retry was scheduled. */
  private Future<Boolean> deliver(Row row) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(config.deliveryTimeoutMs());
    return vertx.eventBus().request(Subscriptions.inboxAddress(row.getString("subscriber")), event(row), options)
        .compose(ack -> Future.succeededFuture(true), failure -> retry(row, failure).map(false));
  }

  /** The claimed row as the CloudEvent a subscriber receives. */
  private static JsonObject event(Row row) {
    return new JsonObject()
        .put("specversion", "1.0")
        .put("id", row.getUUID("id").toString())
        .put("type", row.getString("type"))
        .put("source", row.getString("source"))
        .put("subject", row.getString("subject"))
        .put("time", row.getOffsetDateTime("time").withOffsetSameInstant(ZoneOffset.UTC).toInstant().toString())
        .put("datacontenttype", "application/json")
        .put("data", row.getJsonObject("data"));
  }

  private Future<Void> retry(Row row, Throwable failure) {
    return retry(row.getLong("seq"), row.getString("subscriber"), row.getInteger("attempts"), row.getUUID("id").toString(),
        row.getString("type"), failure);
  }

  private Future<Void> retry(long seq, String subscriber, int attempts, String id, String type, Throwable failure) {
    // A subscriber that is not deployed, or says its own dependency is down (503), is
    // not failing on this event: wait and retry without counting towards the dead state.
    // A subscriber that refuses the event as invalid or as data (400, 422) fails the same way
    // every time: it is dead (set aside) at once, and the subject's later events go on.
    boolean counts = !(failure instanceof ReplyException reply
        && (reply.failureType() == ReplyFailure.NO_HANDLERS || reply.failureCode() == 503));
    boolean own = ItemFaults.itemsOwn(failure);
    String error = SetAside.printable(SetAside.describe(failure), SetAside.MAX_ERROR);
    return pool.preparedQuery(retry)
        .execute(Tuple.of(seq, subscriber, own ? config.maxAttempts() : counts ? 1 : 0, config.maxAttempts(),
            config.backoffMs(attempts), error))
        .map(rows -> {
          if (rows.size() == 1 && "dead".equals(rows.iterator().next().getString("status"))) {
            SetAside.counted(dead);
            LOG.warn("event {} ({}) to {} set aside as dead ({}): {}", id, type, subscriber, own ? "refused as invalid" : "after " + config.maxAttempts() + " failed deliveries", error);
          } else if (counts) {
            LOG.warn("event {} ({}) to {} failed, will retry: {}", id, type, subscriber, error);
          }
          return null;
        });
  }
}
