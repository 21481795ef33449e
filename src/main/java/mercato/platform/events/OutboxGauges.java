package mercato.platform.events;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import mercato.platform.config.DbConfig;
import mercato.platform.config.MetricsConfig;
import mercato.platform.db.Databases;
import mercato.platform.metrics.GaugeFamily;
import mercato.platform.metrics.NodeMetrics;
import mercato.platform.metrics.Sampler;

/**
 * The event machinery's state as gauges, for the schemas this node's domains own: pending
 * deliveries and the age of the oldest one per subscriber, dead deliveries per subscriber,
 * and items set aside per kind. Every {@code metrics.refreshMs}, one statement per schema on
 * a one-connection pool of its own per database (the relays' pools stay theirs), each part on a partial
 * or covering index; a scrape reads the cached values. Every node that runs a schema's relay
 * reports the same rows: take the max across nodes, not the sum.
 */
public final class OutboxGauges extends VerticleBase {
  static final String PENDING = "mercato.outbox.pending.deliveries";
  static final String OLDEST = "mercato.outbox.oldest.pending.age";
  static final String DEAD = "mercato.outbox.dead.deliveries";
  static final String ASIDE = "mercato.set.aside.items";
  private static final String READ = """
      SELECT 'pending' AS part, d.subscriber AS label, count(*) AS n,
             extract(epoch FROM now() - min(o.time))::float8 AS oldest
        FROM %1$s.outbox_delivery d JOIN %1$s.outbox o ON o.seq = d.seq
       WHERE d.status = 'pending' GROUP BY d.subscriber
      UNION ALL
      SELECT 'dead', subscriber, count(*), NULL FROM %1$s.outbox_delivery WHERE status = 'dead' GROUP BY subscriber
      UNION ALL
      SELECT 'aside', kind, count(*), NULL FROM %1$s.set_aside GROUP BY kind
      """;

  private final Map<DbConfig, List<String>> homes;
  private final MetricsConfig metrics;
  private final Subscriptions subscriptions;
  private final List<Pool> pools = new java.util.ArrayList<>();
  private Sampler sampler;
  private long timer;
  private GaugeFamily pending;
  private GaugeFamily oldest;
  private GaugeFamily dead;
  private GaugeFamily aside;

  /** @param homes the schemas to report, by the database each lives in */
  public OutboxGauges(Map<DbConfig, List<String>> homes, MetricsConfig metrics, Subscriptions subscriptions) {
    this.homes = Map.copyOf(homes);
    this.metrics = metrics;
    this.subscriptions = subscriptions;
  }

  @Override
  public Future<?> start() {
    var registry = NodeMetrics.registry(vertx);
    pending = GaugeFamily.of(registry, PENDING, "Event deliveries not yet acknowledged by their subscriber",
        null, "schema", "subscriber");
    oldest = GaugeFamily.of(registry, OLDEST, "Age of the oldest event still pending for the subscriber (0: none)",
        "seconds", "schema", "subscriber");
    dead = GaugeFamily.of(registry, DEAD, "Event deliveries given up on (dead), until replayed",
        null, "schema", "subscriber");
    aside = GaugeFamily.of(registry, ASIDE, "Items a background path set aside, kept in the schema's set_aside table",
        null, "schema", "kind");
    List<java.util.function.Supplier<Future<Void>>> reads = new java.util.ArrayList<>();
    homes.forEach((db, schemas) -> {
      Pool pool = Databases.pool(vertx, db, null, 1);
      pools.add(pool);
      schemas.forEach(schema -> reads.add(() -> read(pool, schema)));
    });
    sampler = new Sampler("outbox gauges", () -> Future.all(reads.stream().map(java.util.function.Supplier::get).toList()));
    timer = vertx.setPeriodic(metrics.refreshMs(), id -> sampler.sample());
    sampler.sample();
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    sampler.stop();
    return Future.join(pools.stream().map(Pool::close).toList());
  }

  private Future<Void> read(Pool pool, String schema) {
    String quoted = "\"" + schema.replace("\"", "") + "\"";
    return pool.preparedQuery(READ.formatted(quoted)).execute().map(rows -> {
      publish(schema, rows);
      return null;
    });
  }

  private void publish(String schema, RowSet<Row> rows) {
    Map<List<String>, Double> waiting = new HashMap<>();
    Map<List<String>, Double> age = new HashMap<>();
    Map<List<String>, Double> given = new HashMap<>();
    Map<List<String>, Double> items = new HashMap<>();
    for (String subscriber : subscriptions.subscribersOfDomain(schema)) {
      List<String> pair = List.of(schema, subscriber);
      waiting.put(pair, 0.0);
      age.put(pair, 0.0);
      given.put(pair, 0.0);
    }
    for (Row row : rows) {
      List<String> key = List.of(schema, row.getString("label"));
      double n = row.getLong("n");
      switch (row.getString("part")) {
        case "pending" -> {
          waiting.put(key, n);
          age.put(key, Math.max(0, row.getDouble("oldest")));
        }
        case "dead" -> given.put(key, n);
        default -> items.put(key, n);
      }
    }
    Predicate<List<String>> own = key -> key.get(0).equals(schema);
    pending.replace(waiting, own);
    oldest.replace(age, own);
    dead.replace(given, own);
    aside.replace(items, own);
  }
}
