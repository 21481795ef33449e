package mercato.search;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import mercato.platform.bus.Principal;
import mercato.platform.events.Event;
import mercato.platform.events.ItemFaults;
import mercato.platform.events.Outbox;
import mercato.platform.events.SetAside;
import mercato.platform.ids.Ids;
import mercato.platform.work.Rounds;
import mercato.search.api.SearchEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search log, kept off every search's critical path: a search adds an entry to a buffer
 * in memory (on the verticle's event loop, so no locking), and a flush writes the buffer in
 * one transaction: the log rows, the per-query statistics and one {@code search.performed}
 * event per entry through the outbox. A batch that fails on an entry's own data (a NUL in a
 * query) is written again in halves, so only that entry is set aside (kind {@code search-log});
 * a transient failure puts the unwritten entries back (within the bound) for the next tick.
 * Past {@code search.logBufferMax} waiting entries new ones are dropped and counted.
 */
final class SearchLog {
  private static final Logger LOG = LoggerFactory.getLogger(SearchLog.class);
  /** The set-aside kind of a log entry that cannot be written. */
  static final String KIND = "search-log";
  static final String INSERT_LOGS = """
      INSERT INTO search_log (id, query, query_folded, account_id, principal_type, result_count, latency_ms, fuzzy, at)
      SELECT id, q, fold(q), a, t, n, l, f, at
        FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::int[], $6::int[], $7::bool[], $8::timestamptz[])
             AS x (id, q, a, t, n, l, f, at)
      """;
  /** Aggregated per folded query first: one statement may not touch the same row twice. */
  static final String COUNT_QUERIES = """
      INSERT INTO query_stats AS s (query_folded, query, searches, zero_results, last_result_count, last_seen, last_zero_at)
      SELECT qf, (array_agg(q ORDER BY at DESC))[1], count(*), count(*) FILTER (WHERE n = 0),
             (array_agg(n ORDER BY at DESC))[1], max(at), max(at) FILTER (WHERE n = 0)
        FROM (SELECT fold(q) AS qf, q, n, at FROM unnest($1::text[], $2::int[], $3::timestamptz[]) AS x (q, n, at)
               WHERE q <> '') y
       GROUP BY qf
      ON CONFLICT (query_folded) DO UPDATE SET
        query = CASE WHEN excluded.last_seen >= s.last_seen THEN excluded.query ELSE s.query END,
        searches = s.searches + excluded.searches,
        zero_results = s.zero_results + excluded.zero_results,
        last_result_count = CASE WHEN excluded.last_seen >= s.last_seen THEN excluded.last_result_count
                                 ELSE s.last_result_count END,
        last_seen = greatest(s.last_seen, excluded.last_seen),
        last_zero_at = greatest(s.last_zero_at, excluded.last_zero_at)
      """;

  record Entry(UUID id, String query, String accountId, String principalType, int resultCount, int latencyMs,
      boolean fuzzy, OffsetDateTime at) {}

  private final Pool pool;
  private final Outbox outbox;
  private final SetAside setAside;
  private final SearchConfig config;
  private final Rounds flusher;
  private List<Entry> buffer = new ArrayList<>();
  private int writing;
  private long dropped;

  SearchLog(Pool pool, Outbox outbox, SetAside setAside, SearchConfig config) {
    this.pool = pool;
    this.setAside = setAside;
    this.outbox = outbox;
    this.config = config;
    this.flusher = new Rounds("search log flush", this::flush);
  }

  void record(String query, Principal principal, int resultCount, long latencyMs, boolean fuzzy) {
    if (buffer.size() >= config.logBufferMax()) {
      if (dropped++ % 1000 == 0) {
        LOG.warn("search log buffer full ({} entries); {} entries dropped so far", buffer.size(), dropped);
      }
      return;
    }
    buffer.add(new Entry(Ids.uuid7(), query, principal == null ? null : principal.sub(),
        principal == null ? null : principal.typ(), resultCount, (int) Math.min(latencyMs, Integer.MAX_VALUE), fuzzy,
        OffsetDateTime.now(ZoneOffset.UTC)));
    if (buffer.size() >= config.logBatchSize()) {
      flusher.wake();
    }
  }

  /** Called by the verticle's timer. */
  void wake() {
    flusher.wake();
  }

  /** Writes what is waiting (the verticle calls this once more on stop). */
  Future<Boolean> flush() {
    if (buffer.isEmpty()) {
      return Future.succeededFuture(false);
    }
    List<Entry> batch = buffer.size() <= config.logBatchSize() ? buffer
        : new ArrayList<>(buffer.subList(0, config.logBatchSize()));
    buffer = buffer.size() <= config.logBatchSize() ? new ArrayList<>()
        : new ArrayList<>(buffer.subList(config.logBatchSize(), buffer.size()));
    List<Entry> done = new ArrayList<>(batch.size());
    writing = batch.size();
    return writeOrSplit(batch, done)
        .andThen(ar -> writing = 0)
        .map(v -> !buffer.isEmpty() && buffer.size() >= config.logBatchSize())
        .recover(failure -> {
          // Put back in front what is not written yet, as far as the bound allows; the next tick tries again.
          List<Entry> again = new ArrayList<>(batch.stream().filter(entry -> !done.contains(entry))
              .limit(config.logBufferMax()).toList());
          again.addAll(buffer.subList(0, Math.min(buffer.size(), config.logBufferMax() - again.size())));
          buffer = again;
          return Future.failedFuture(failure);
        });
  }

  /**
   * Writes {@code batch}; when it fails on an entry's own data, writes each half on its own, down
   * to the single entry, which is set aside. {@code done} collects what is written or set aside,
   * so a transient failure part way puts back only the rest.
   */
  private Future<Void> writeOrSplit(List<Entry> batch, List<Entry> done) {
    return write(batch).onSuccess(v -> done.addAll(batch)).recover(failure -> {
      if (!ItemFaults.itemsOwn(failure)) {
        return Future.failedFuture(failure);
      }
      if (batch.size() == 1) {
        Entry entry = batch.get(0);
        return setAside.put(entry.id().toString(), failure, event(entry).data()).onSuccess(v -> done.add(entry));
      }
      int half = batch.size() / 2;
      return writeOrSplit(batch.subList(0, half), done).compose(v -> writeOrSplit(batch.subList(half, batch.size()), done));
    });
  }

  private Future<Void> write(List<Entry> batch) {
    return pool.withTransaction(tx -> tx.preparedQuery(INSERT_LOGS).execute(Tuple.tuple()
                .addValue(batch.stream().map(Entry::id).toArray(UUID[]::new))
                .addValue(batch.stream().map(Entry::query).toArray(String[]::new))
                .addValue(batch.stream().map(Entry::accountId).toArray(String[]::new))
                .addValue(batch.stream().map(Entry::principalType).toArray(String[]::new))
                .addValue(batch.stream().map(Entry::resultCount).toArray(Integer[]::new))
                .addValue(batch.stream().map(Entry::latencyMs).toArray(Integer[]::new))
                .addValue(batch.stream().map(Entry::fuzzy).toArray(Boolean[]::new))
                .addValue(batch.stream().map(Entry::at).toArray(OffsetDateTime[]::new)))
            .compose(v -> tx.preparedQuery(COUNT_QUERIES).execute(Tuple.tuple()
                .addValue(batch.stream().map(Entry::query).toArray(String[]::new))
                .addValue(batch.stream().map(Entry::resultCount).toArray(Integer[]::new))
                .addValue(batch.stream().map(Entry::at).toArray(OffsetDateTime[]::new))))
            .compose(v -> Future.all(batch.stream().map(entry -> outbox.append(tx, event(entry))).toList())))
        .mapEmpty();
  }

  /** Entries not yet committed: buffered, or in the batch being written. */
  int waiting() {
    return buffer.size() + writing;
  }

  void stop() {
    flusher.stop();
  }

  private static Event event(Entry entry) {
    return Event.of(SearchEvents.SEARCH_PERFORMED, entry.id().toString(), new JsonObject()
        .put("logId", entry.id().toString())
        .put("query", entry.query())
        .put("accountId", entry.accountId())
        .put("resultCount", entry.resultCount())
        .put("latencyMs", entry.latencyMs())
        .put("at", entry.at().toInstant().toString()));
  }
}
