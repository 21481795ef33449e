package mercato.platform.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.function.Function;
import mercato.platform.bus.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a read-heavy domain's reads go. Anonymous browsing (a request the edge forwarded
 * with no principal) reads the domain's read-only replica when one is configured and
 * usable; a signed-in caller and every request from another domain read the primary, so
 * each sees what it has just written. The replica is usable while its last {@link #probe}
 * answered and found it at most {@code maxLagMs} behind; otherwise (down, cut off, lagging,
 * not probed yet) browsing reads the primary too. A read the replica fails to answer because
 * it cannot be reached is asked again of the primary, and the replica is set aside at once
 * until a probe finds it back: a replica going down costs browsing no error. Without a
 * replica both are the primary.
 */
public final class ReadPools {
  private static final Logger LOG = LoggerFactory.getLogger(ReadPools.class);
  /**
   * How far behind the standby is, in ms: 0 when it has replayed everything it received
   * (an idle primary sends nothing, which is no lag), else the age of the last replayed transaction.
   */
  static final String LAG = """
      SELECT CASE WHEN pg_last_wal_receive_lsn() IS NULL OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                  ELSE (extract(epoch FROM now() - pg_last_xact_replay_timestamp()) * 1000)::bigint END
      """;

  private final String name;
  private final Pool primary;
  private final Pool replica;
  private final long maxLagMs;
  private boolean usable;
  private boolean probing;
  private volatile long lagMs = -1;

  /** @param replica null when the domain has none */
  public ReadPools(String name, Pool primary, Pool replica, long maxLagMs) {
    this.name = name;
    this.primary = primary;
    this.replica = replica;
    this.maxLagMs = maxLagMs;
  }

  /** Runs {@code read} on the pool {@code envelope}'s reads use (see above). */
  public <T> Future<T> read(Envelope envelope, Function<Pool, Future<T>> read) {
    if (!usable || !browsing(envelope)) {
      return read.apply(primary);
    }
    return read.apply(replica).recover(failure -> {
      if (!DatabaseOutage.is(failure)) {
        return Future.failedFuture(failure);
      }
      if (usable) {
        usable = false;
        LOG.warn("{}: browsing reads the primary: the replica cannot be reached ({})", name, failure.getMessage());
      }
      return read.apply(primary);
    });
  }

  /** Asks the replica how far behind it is (one question at a time); its answer decides {@link #forCaller}. */
  public void probe() {
    if (replica == null || probing) {
      return;
    }
    probing = true;
    replica.query(LAG).execute().onComplete(answer -> {
      probing = false;
      Long lag = answer.succeeded() ? answer.result().iterator().next().getLong(0) : null;
      boolean now = lag != null && lag <= maxLagMs;
      if (now != usable) {
        if (now) {
          LOG.info("{}: browsing reads the replica ({} ms behind)", name, lag);
        } else {
          LOG.warn("{}: browsing reads the primary: the replica {}", name,
              lag == null ? "does not answer (" + answer.cause().getMessage() + ")" : "is " + lag + " ms behind (more than " + maxLagMs + ")");
        }
      }
      usable = now;
      lagMs = lag == null ? -1 : lag;
    });
  }

  /** The replica's lag at the last probe in ms, -1 while it does not answer or has not yet (the gauge's value). */
  public long lagMs() {
    return lagMs;
  }

  /** A visitor's request from the edge: no principal, and a client address only the edge sets. */
  static boolean browsing(Envelope envelope) {
    return envelope.principal() == null && envelope.clientIp() != null;
  }
}
