package mercato.platform.idempotency;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Principal;
import mercato.platform.bus.Problem;
import mercato.platform.bus.Outcome;
import mercato.platform.bus.ProblemType;
import mercato.platform.ids.Ids;

/**
 * {@code Idempotency-Key} per principal over a domain's {@code idempotency_keys} table. The
 * first request claims the key together with the ids its work will create; a repeat with the
 * same body gets the stored result, marked replayed (waiting while the first is in flight), another body a
 * 409. A claim whose holder died (its lease ran out before an answer was stored) is taken
 * over by the next repeat, which runs the work again with the SAME ids, so work that is
 * idempotent by those ids never happens twice. A failed work releases the key. A key is
 * settled once its {@code response} is stored (the {@code status} column is no longer
 * written: the route declares the HTTP status).
 */
public final class IdempotencyKeys {
  public static final int MAX_KEY = 200;
  static final String CLAIM = """
      INSERT INTO idempotency_keys (principal, key, request_hash, ids, claimed_until)
      VALUES ($1, $2, $3, $4, now() + $5 * interval '1 millisecond')
      ON CONFLICT (principal, key) DO NOTHING RETURNING key
      """;
  static final String SELECT = """
      SELECT request_hash, response, ids, claimed_until < now() AS abandoned
        FROM idempotency_keys WHERE principal = $1 AND key = $2
      """;
  static final String TAKE_OVER = """
      UPDATE idempotency_keys SET claimed_until = now() + $3 * interval '1 millisecond'
       WHERE principal = $1 AND key = $2 AND response IS NULL AND claimed_until < now()
      RETURNING ids
      """;
  static final String SETTLE = """
      UPDATE idempotency_keys SET response = $3
       WHERE principal = $1 AND key = $2 AND response IS NULL
      """;
  static final String RELEASE = "DELETE FROM idempotency_keys WHERE principal = $1 AND key = $2 AND response IS NULL";
  static final String FORGET = "DELETE FROM idempotency_keys WHERE created_at < now() - $1 * interval '1 hour'";

  /**
   * The key a work runs under (null when the request sent none) and the ids it must use.
   * {@code fresh}: the ids were made for this request, so nothing exists under them yet
   * (false when a repeat takes over an abandoned claim: the first attempt may have made
   * something). {@code stored}: the work stored its answer in its own transaction.
   */
  public record Claim(String principal, String key, List<UUID> ids, boolean fresh, AtomicBoolean stored) {
    Claim(String principal, String key, List<UUID> ids, boolean fresh) {
      this(principal, key, ids, fresh, new AtomicBoolean());
    }

    public boolean keyed() {
      return key != null;
    }
  }

  private final Vertx vertx;
  private final Pool pool;
  private final long waitMs;
  private final long leaseMs;

  /**
   * @param waitMs  how long a repeat waits for an in-flight first request before a 409
   * @param leaseMs how long a claim is held without an answer before a repeat may take it
   *                over; longer than the slowest work can take
   */
  public IdempotencyKeys(Vertx vertx, Pool pool, long waitMs, long leaseMs) {
    this.vertx = vertx;
    this.pool = pool;
    this.waitMs = waitMs;
    this.leaseMs = leaseMs;
  }

  /** Runs {@code work} once per principal, key and body; {@code idCount} fresh ids go with the claim. */
  public Future<Object> run(Envelope envelope, int idCount, Function<Claim, ? extends Future<?>> work) {
    String key = envelope.idempotencyKey();
    if (key == null) {
      return work.apply(new Claim(null, null, fresh(idCount), true)).map(answer -> (Object) answer);
    }
    if (key.isBlank() || key.length() > MAX_KEY) {
      throw Problem.invalidField("/Idempotency-Key", "must be 1 to " + MAX_KEY + " characters");
    }
    Principal principal = envelope.requirePrincipal();
    String who = principal.typ() + ":" + principal.sub();
    String hash = hash(String.valueOf(envelope.body()));
    List<UUID> ids = fresh(idCount);
    return pool.preparedQuery(CLAIM).execute(Tuple.of(who, key, hash, ids.toArray(UUID[]::new), leaseMs))
        .compose(claimed -> claimed.size() == 1
            ? attempt(new Claim(who, key, ids, true), work)
            : repeat(who, key, hash, work, System.currentTimeMillis() + waitMs));
  }

  /**
   * Stores the answer inside the work's own transaction, so the effect and the answer commit
   * together; {@link #run} then finds it settled. A no-op without a key.
   */
  public Future<Void> settle(SqlClient tx, Claim claim, Object answer) {
    if (!claim.keyed()) {
      return Future.succeededFuture();
    }
    boolean existed = answer instanceof Outcome outcome && outcome.existed();
    return tx.preparedQuery(SETTLE).execute(Tuple.of(claim.principal(), claim.key(),
        new JsonObject().put("body", Outcome.resultOf(answer)).put("existed", existed)))
        .onSuccess(rows -> claim.stored().set(true)).mapEmpty();
  }

  /** Deletes keys older than {@code hours}; returns how many. */
  public Future<Integer> forget(int hours) {
    return pool.preparedQuery(FORGET).execute(Tuple.of(hours)).map(rows -> rows.rowCount());
  }

  private Future<Object> attempt(Claim claim, Function<Claim, ? extends Future<?>> work) {
    Future<Object> done;
    try {
      done = work.apply(claim).map(answer -> (Object) answer);
    } catch (RuntimeException e) {
      done = Future.failedFuture(e);
    }
    return done.compose(
        // Stored by the work's transaction already: nothing more to write.
        answer -> claim.stored().get() ? Future.succeededFuture(answer) : settle(pool, claim, answer).map(answer),
        // A failure is not an answer: the key is released so the client may try again.
        failure -> pool.preparedQuery(RELEASE).execute(Tuple.of(claim.principal(), claim.key()))
            .transform(v -> Future.failedFuture(failure)));
  }

  private Future<Object> repeat(String who, String key, String hash, Function<Claim, ? extends Future<?>> work,
      long deadline) {
    return pool.preparedQuery(SELECT).execute(Tuple.of(who, key)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(new Problem(ProblemType.IDEMPOTENCY_KEY_IN_PROGRESS,
            "The first request with this Idempotency-Key failed; send it again."));
      }
      Row row = rows.iterator().next();
      if (!row.getString("request_hash").equals(hash)) {
        return Future.failedFuture(new Problem(ProblemType.IDEMPOTENCY_KEY_REUSED,
            "This Idempotency-Key was used with another request body."));
      }
      JsonObject stored = (JsonObject) row.getValue("response");
      if (stored != null) {
        return Future.succeededFuture(Outcome.replayed(stored.getValue("body"), stored.getBoolean("existed", false)));
      }
      if (row.getBoolean("abandoned")) {
        return pool.preparedQuery(TAKE_OVER).execute(Tuple.of(who, key, leaseMs)).compose(taken -> taken.size() == 1
            ? attempt(new Claim(who, key, List.of(taken.iterator().next().getArrayOfUUIDs("ids")), false), work)
            : repeat(who, key, hash, work, deadline));
      }
      if (System.currentTimeMillis() > deadline) {
        return Future.failedFuture(new Problem(ProblemType.IDEMPOTENCY_KEY_IN_PROGRESS,
            "A request with this Idempotency-Key is still being processed."));
      }
      Promise<Void> pause = Promise.promise();
      vertx.setTimer(50, id -> pause.complete());
      return pause.future().compose(v -> repeat(who, key, hash, work, deadline));
    });
  }

  private static List<UUID> fresh(int count) {
    List<UUID> ids = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ids.add(Ids.uuid7());
    }
    return ids;
  }

  static String hash(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
