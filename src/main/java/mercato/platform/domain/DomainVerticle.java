package mercato.platform.domain;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import mercato.platform.bus.Operations;
import mercato.platform.config.DbConfig;
import mercato.platform.db.Databases;
import mercato.platform.db.ReadPools;
import mercato.platform.events.Inbox;
import mercato.platform.metrics.NodeMetrics;
import mercato.platform.metrics.Sampler;
import mercato.platform.work.Rounds;

/**
 * What every domain verticle shares: its pool, its bus operations and its inbox, the
 * periodic work it runs (the reads behind its gauges too), and the order it stops in:
 * timers, rounds and gauge reads first, then the consumers together with the domain's own
 * winding-down work, then its clients, then the pool. A subclass wires itself in {@link #deploy}; anything it throws there (a bad
 * configuration value) fails the deployment.
 */
public abstract class DomainVerticle extends VerticleBase {
  /** How often a replica is asked how far behind it is. */
  static final long REPLICA_PROBE_MS = 1000;
  protected final DomainContext context;
  protected Pool pool;
  protected Operations operations;
  protected Inbox inbox;
  private final List<Long> timers = new ArrayList<>();
  private final List<Rounds> rounds = new ArrayList<>();
  private final List<Sampler> samplers = new ArrayList<>();
  private final List<Supplier<Future<?>>> windingDown = new ArrayList<>();
  private final List<Runnable> clients = new ArrayList<>();

  protected DomainVerticle(DomainContext context) {
    this.context = context;
  }

  /** Wires the domain; completes when its consumers are registered. */
  protected abstract Future<?> deploy();

  @Override
  public final Future<?> start() {
    try {
      return deploy();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** The domain's own pool (search_path = its schema), closed last on stop. */
  protected Pool openPool() {
    pool = Databases.pool(vertx, context.db(), context.name());
    return pool;
  }

  /**
   * The domain's reads: its primary pool ({@link #openPool} first), and a pool on the
   * read-only replica when {@code db.<domain>.replica} names one (closed with the primary),
   * probed every second for how far behind it is. {@code open} makes a pool for a
   * database, named as given.
   */
  protected ReadPools openReadPools(java.util.function.BiFunction<DbConfig, String, Pool> open) {
    Pool replica = context.replica().map(db -> open.apply(db, "mercato-" + context.name() + "-replica")).orElse(null);
    ReadPools reads = new ReadPools(context.name(), pool, replica,
        context.replica().map(DbConfig::replicaMaxLagMs).orElse(0L));
    if (replica != null) {
      closing(replica::close);
      every(REPLICA_PROBE_MS, reads::probe);
      reads.probe();
      io.micrometer.core.instrument.Gauge.builder("mercato.db.replica.lag", reads, ReadPools::lagMs)
          .description("How far the domain's read replica was behind at the last probe (-1: it did not answer)")
          .baseUnit("milliseconds").tag("domain", context.name()).register(NodeMetrics.registry(vertx));
    }
    return reads;
  }

  protected ReadPools openReadPools() {
    return openReadPools((db, name) -> Databases.pool(vertx, Databases.connectOptions(db, context.name()),
        Databases.options(db, db.poolSize(), name)));
  }

  /** Registered operations and inbox, plus whatever else must be ready. */
  protected Future<?> ready(Future<?>... more) {
    List<Future<?>> all = new ArrayList<>(List.of(more));
    all.add(operations.ready());
    if (inbox != null) {
      all.add(inbox.start());
    }
    return Future.all(all);
  }

  /** Wakes {@code round} every {@code ms}; both stop with the verticle. */
  protected void every(long ms, Rounds round) {
    rounds.add(round);
    every(ms, round::wake);
  }

  protected void every(long ms, Runnable tick) {
    timers.add(vertx.setPeriodic(ms, id -> tick.run()));
  }

  /**
   * Gauges read from the database: {@code read} runs now and every {@code metrics.refreshMs},
   * one read at a time, and sets the gauge values a scrape returns (see {@link Sampler}).
   */
  protected void gauges(String what, Supplier<Future<?>> read) {
    Sampler sampler = new Sampler(what, read);
    samplers.add(sampler);
    every(context.metrics().refreshMs(), sampler::sample);
    sampler.sample();
  }

  /** Work to finish while the consumers close (a flush, a sender's in-flight mail). */
  protected void onStop(Supplier<Future<?>> work) {
    windingDown.add(work);
  }

  /** Closes a client once the consumers are gone (before the pool). */
  protected void closing(Runnable close) {
    clients.add(close);
  }

  @Override
  public Future<?> stop() {
    timers.forEach(vertx::cancelTimer);
    rounds.forEach(Rounds::stop);
    samplers.forEach(Sampler::stop);
    List<Future<?>> first = new ArrayList<>();
    if (operations != null) {
      first.add(operations.close());
    }
    if (inbox != null) {
      first.add(inbox.stop());
    }
    windingDown.forEach(work -> first.add(work.get()));
    return Future.join(first).transform(v -> {
      clients.forEach(Runnable::run);
      return pool == null ? Future.succeededFuture() : pool.close();
    });
  }
}
