package mercato.platform.metrics;

import io.vertx.core.Future;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One periodic read behind some {@link GaugeFamily} values (a cheap query, run on a
 * timer by its owner), one at a time: a tick while a read still runs is skipped. A failing
 * read (the database away) leaves the last values and logs once until a read succeeds
 * again; readiness and the domains' own errors report the outage itself.
 */
public final class Sampler {
  private static final Logger LOG = LoggerFactory.getLogger(Sampler.class);

  private final String what;
  private final Supplier<Future<?>> read;
  private boolean running;
  private boolean failing;
  private boolean stopped;

  public Sampler(String what, Supplier<Future<?>> read) {
    this.what = what;
    this.read = read;
  }

  /** Starts a read unless one is running; call it from the owner's event loop. */
  public void sample() {
    if (running || stopped) {
      return;
    }
    running = true;
    Future<?> done;
    try {
      done = read.get();
    } catch (RuntimeException e) {
      done = Future.failedFuture(e);
    }
    done.onComplete(result -> {
      running = false;
      if (stopped) {
        return; // a read cut short by the pool closing is no outage
      }
      if (result.failed() && !failing) {
        failing = true;
        LOG.warn("{} not read, keeping the last values until a read succeeds: {}", what, result.cause().toString());
      } else if (result.succeeded() && failing) {
        failing = false;
        LOG.info("{} read again", what);
      }
    });
  }

  /** No more reads; one still running ends unreported (its owner is closing the pool). */
  public void stop() {
    stopped = true;
  }
}
