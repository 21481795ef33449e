package mercato.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import mercato.platform.ids.Ids;
import mercato.platform.tokens.TokenDenials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sessions (refresh-token families): open one at login, rotate its refresh token on every
 * use, and end it at logout, password reset, account closure or refresh-token reuse. An
 * ended session's access tokens still inside their lifetime are denied in Redis.
 */
final class Sessions {
  private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);
  private static final String INSERT_SESSION = "INSERT INTO sessions (id, account_id) VALUES ($1, $2)";
  private static final String INSERT_REFRESH = """
      INSERT INTO refresh_tokens (token_hash, session_id, status, expires_at, access_jti, access_exp)
      VALUES ($1, $2, 'active', now() + $3 * interval '1 day', $4, $5)
      """;
  // Rotation: only one caller can flip an active token; the session must be live.
  private static final String ROTATE = """
      UPDATE refresh_tokens r SET status = 'rotated', rotated_at = now()
        FROM sessions s
       WHERE r.token_hash = $1 AND r.status = 'active' AND r.expires_at > now()
         AND s.id = r.session_id AND s.revoked_at IS NULL
      RETURNING r.session_id, s.account_id
      """;
  private static final String SELECT_TOKEN = "SELECT status, session_id FROM refresh_tokens WHERE token_hash = $1";
  private static final String REVOKE_SESSION = """
      WITH ended AS (
        UPDATE sessions SET revoked_at = now(), revoked_reason = $2
         WHERE id = $1 AND revoked_at IS NULL
        RETURNING id)
      UPDATE refresh_tokens r SET status = 'revoked'
        FROM ended WHERE r.session_id = ended.id AND r.status = 'active'
      """;
  private static final String REVOKE_ACCOUNT = """
      WITH ended AS (
        UPDATE sessions SET revoked_at = now(), revoked_reason = $2
         WHERE account_id = $1 AND revoked_at IS NULL
        RETURNING id)
      UPDATE refresh_tokens r SET status = 'revoked'
        FROM ended WHERE r.session_id = ended.id AND r.status = 'active'
      """;
  private static final String LIVE_ACCESS_OF_SESSION = """
      SELECT access_jti, access_exp FROM refresh_tokens WHERE session_id = $1 AND access_exp > now()
      """;
  private static final String LIVE_ACCESS_OF_ACCOUNT = """
      SELECT r.access_jti, r.access_exp FROM refresh_tokens r JOIN sessions s ON s.id = r.session_id
       WHERE s.account_id = $1 AND r.access_exp > now()
      """;

  /** A login or rotation result: the tokens to hand to the client. */
  record Grant(String accessToken, int expiresIn, String refreshToken, UUID sessionId, Account account) {
    JsonObject toJson() {
      return new JsonObject()
          .put("accessToken", accessToken)
          .put("tokenType", "Bearer")
          .put("expiresIn", expiresIn)
          .put("refreshToken", refreshToken)
          .put("account", account.toJson());
    }
  }

  private final Vertx vertx;
  private final Pool pool;
  private final RedisAPI redis;
  private final AccessTokens tokens;
  private final AuthConfig config;

  Sessions(Vertx vertx, Pool pool, RedisAPI redis, AccessTokens tokens, AuthConfig config) {
    this.vertx = vertx;
    this.pool = pool;
    this.redis = redis;
    this.tokens = tokens;
    this.config = config;
  }

  /** Opens a session for {@code account} inside {@code tx}. */
  Future<Grant> open(SqlConnection tx, Account account) {
    UUID session = Ids.uuid7();
    return tx.preparedQuery(INSERT_SESSION).execute(Tuple.of(session, account.id()))
        .compose(v -> grant(tx, account, session));
  }

  /** Rotates a refresh token; null when it is unknown, expired or already used (reuse ends the session). */
  Future<Grant> rotate(String refreshToken) {
    byte[] hash = Secrets.hash(refreshToken);
    return pool.withTransaction(tx -> tx.preparedQuery(ROTATE).execute(Tuple.of(hash)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture((Grant) null);
      }
      var row = rows.iterator().next();
      UUID session = row.getUUID("session_id");
      return AccountRepository.byId(tx, row.getUUID("account_id")).compose(account -> account == null || !account.canLogIn()
          ? Future.succeededFuture((Grant) null)
          : grant(tx, account, session));
    })).compose(grant -> grant != null ? Future.succeededFuture(grant) : detectReuse(hash).map((Grant) null));
  }

  /** Ends one session and denies its live access tokens. */
  Future<Void> end(UUID session, String reason) {
    return pool.withTransaction(tx -> tx.preparedQuery(REVOKE_SESSION).execute(Tuple.of(session, reason))
            .compose(v -> tx.preparedQuery(LIVE_ACCESS_OF_SESSION).execute(Tuple.of(session))))
        .compose(this::denyAll);
  }

  /** Ends every session of an account inside {@code tx}; call {@link #denyLive} after the commit. */
  Future<Void> endAll(SqlConnection tx, UUID account, String reason) {
    return tx.preparedQuery(REVOKE_ACCOUNT).execute(Tuple.of(account, reason)).mapEmpty();
  }

  /** Denies every access token of the account still inside its lifetime. */
  Future<Void> denyLive(UUID account) {
    return pool.preparedQuery(LIVE_ACCESS_OF_ACCOUNT).execute(Tuple.of(account)).compose(this::denyAll);
  }

  /** Denies one access token until it expires. */
  Future<Void> deny(String jti, long exp) {
    long ttlMs = exp * 1000 - System.currentTimeMillis();
    if (ttlMs <= 0) {
      return Future.succeededFuture();
    }
    return TokenDenials.deny(vertx, redis, jti, ttlMs);
  }

  private Future<Grant> grant(SqlConnection tx, Account account, UUID session) {
    String refresh = Secrets.newToken();
    return AccountRepository.roles(tx, account.id()).compose(roles -> {
      AccessTokens.Issued access = tokens.issue(account, roles, session);
      OffsetDateTime accessExp = OffsetDateTime.ofInstant(Instant.ofEpochSecond(access.exp()), ZoneOffset.UTC);
      return tx.preparedQuery(INSERT_REFRESH)
          .execute(Tuple.of(Secrets.hash(refresh), session, config.refreshTokenDays(), access.jti(), accessExp))
          .map(v -> new Grant(access.token(), tokens.lifetimeSeconds(), refresh, session, account));
    });
  }

  private Future<Void> detectReuse(byte[] hash) {
    return pool.preparedQuery(SELECT_TOKEN).execute(Tuple.of(hash)).compose(rows -> {
      if (rows.size() == 0 || !"rotated".equals(rows.iterator().next().getString("status"))) {
        return Future.succeededFuture();
      }
      UUID session = rows.iterator().next().getUUID("session_id");
      LOG.warn("refresh token reused in session {}: the session is revoked", session);
      return end(session, "refresh-token-reuse");
    });
  }

  private Future<Void> denyAll(io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row> rows) {
    List<Future<Void>> denials = new ArrayList<>();
    rows.forEach(row -> denials.add(deny(row.getUUID("access_jti").toString(),
        row.getOffsetDateTime("access_exp").toEpochSecond())));
    return Future.all(denials).mapEmpty();
  }
}
