package mercato.search;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.UUID;
import mercato.catalog.api.CatalogAddresses;
import mercato.platform.bus.PeerClient;
import mercato.platform.bus.Envelope;
import mercato.platform.work.Sequence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a requested full rebuild of the product index: claims the oldest request (any node may
 * poll; {@code SKIP LOCKED} gives it to one, and a run whose heartbeat stopped for a minute is
 * taken over), pages every live product from the catalog's export operation into the index,
 * then tombstones the rows the export did not contain and no event touched since the start.
 * Live events keep flowing meanwhile; the version rule settles any overlap. Stock and
 * ratings come from their own events and are kept.
 */
final class Rebuild {
  private static final Logger LOG = LoggerFactory.getLogger(Rebuild.class);
  static final String CLAIM = """
      UPDATE rebuilds SET status = 'running', started_at = now(), heartbeat_at = now(), products = 0
       WHERE id = (SELECT id FROM rebuilds
                    WHERE status = 'requested' OR (status = 'running' AND heartbeat_at < now() - interval '1 minute')
                    ORDER BY requested_at LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING id, started_at
      """;
  static final String PROGRESS = "UPDATE rebuilds SET heartbeat_at = now(), products = products + $2 WHERE id = $1";
  static final String SWEEP = """
      UPDATE products SET deleted = true, indexed_at = now()
       WHERE NOT deleted AND rebuild_id IS DISTINCT FROM $1 AND indexed_at < $2
      """;
  static final String FINISH = "UPDATE rebuilds SET status = $2, finished_at = now(), error = $3 WHERE id = $1";

  private final PeerClient catalog;
  private final Pool pool;
  private final int pageSize;

  Rebuild(Vertx vertx, Pool pool, SearchConfig config) {
    this.catalog = new PeerClient(vertx, config.busTimeoutMs());
    this.pool = pool;
    this.pageSize = config.rebuildPageSize();
  }

  /** One poll: runs a waiting rebuild to its end, if there is one; true when one ran. */
  Future<Boolean> poll() {
    return pool.preparedQuery(CLAIM).execute().compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture(false);
      }
      Row row = rows.iterator().next();
      UUID id = row.getUUID("id");
      OffsetDateTime started = row.getOffsetDateTime("started_at");
      LOG.info("search rebuild {} started", id);
      return page(id, null, 0)
          .compose(count -> pool.preparedQuery(SWEEP).execute(Tuple.of(id, started)).map(swept -> {
            LOG.info("search rebuild {} indexed {} products and removed {} stale ones", id, count, swept.rowCount());
            return count;
          }))
          .compose(count -> pool.preparedQuery(FINISH).execute(Tuple.of(id, "done", null)))
          .recover(failure -> {
            LOG.warn("search rebuild {} failed: {}", id, failure.toString());
            return pool.preparedQuery(FINISH).execute(Tuple.of(id, "failed", String.valueOf(failure.getMessage())));
          })
          .map(true);
    });
  }

  /** Indexes the page after {@code after} and the ones following it; the total indexed. */
  private Future<Integer> page(UUID id, String after, int done) {
    JsonObject body = new JsonObject().put("after", after).put("limit", pageSize);
    return catalog.ask(CatalogAddresses.EXPORT_PRODUCTS, body, "search-rebuild-" + id)
        .compose(page -> {
          JsonArray items = page.getJsonArray("items", new JsonArray());
          String next = page.getString("nextAfter");
          return pool.withTransaction(tx -> {
                return Sequence.each(items, snapshot -> ProductIndex.upsert(tx, (JsonObject) snapshot, id))
                    .compose(v -> tx.preparedQuery(PROGRESS).execute(Tuple.of(id, items.size())));
              })
              .compose(v -> next == null ? Future.succeededFuture(done + items.size()) : page(id, next, done + items.size()));
        });
  }
}
