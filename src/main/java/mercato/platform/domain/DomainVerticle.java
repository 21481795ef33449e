package mercato.platform.domain;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import mercato.platform.bus.Operations;
import mercato.platform.db.Databases;
import mercato.platform.events.Inbox;
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
