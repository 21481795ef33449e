package mercato.platform.work;

import io.vertx.core.Future;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a claim-and-work round again and again while work is due, one round at a time: a
 * wake-up while a round runs adds one more round instead of a second concurrent one, and
 * a round that reports a full batch is followed at once by the next. Used by the workers
 * that drain a table (outbox relay, webhook deliveries); call it from one event loop.
 */
public final class Rounds {
  private static final Logger LOG = LoggerFactory.getLogger(Rounds.class);

  private final String name;
  private final Supplier<Future<Boolean>> round;
  private boolean running;
  private boolean again;
  private boolean stopped;

  /** {@code round} completes with true when more work is probably due right away. */
  public Rounds(String name, Supplier<Future<Boolean>> round) {
    this.name = name;
    this.round = round;
  }

  public void wake() {
    if (stopped) {
      return;
    }
    if (running) {
      again = true;
      return;
    }
    running = true;
    again = false;
    Future<Boolean> result;
    try {
      result = round.get();
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    result.onComplete(done -> {
      running = false;
      if (done.failed()) {
        LOG.warn("{} failed a round: {}", name, done.cause().toString());
      } else if (done.result() || again) {
        wake();
      }
    });
  }

  public void stop() {
    stopped = true;
  }
}
