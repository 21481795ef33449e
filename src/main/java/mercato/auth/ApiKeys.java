package mercato.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Fields;
import mercato.platform.bus.Pages;
import mercato.platform.bus.Principal;
import mercato.platform.bus.Problem;
import mercato.platform.bus.ProblemType;
import mercato.platform.events.Outbox;
import mercato.platform.ids.Ids;
import mercato.platform.route.ApiScopes;
import mercato.platform.route.Route;
import mercato.platform.tokens.ApiKeyText;
import mercato.platform.tokens.TokenDenials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API keys: an account makes them for itself with scopes it could use at all (read from the
 * route table), lists them (never the secret, which is shown once, at creation) and revokes
 * them; admins do the same for any account. The edge resolves a presented key here to the
 * account as it is now. A revocation is denied in Redis and published, like a logout, so
 * every edge refuses the key at once. Each creation and revocation writes its event in the
 * transaction of the change, so auditors and subscribers learn of every credential that comes
 * or goes.
 */
final class ApiKeys {
  private static final Logger LOG = LoggerFactory.getLogger(ApiKeys.class);
  static final int MAX_LIVE = 100;
  /** A listing's page when the caller gives no limit: as many keys as an account may hold live. */
  static final int DEFAULT_PAGE = MAX_LIVE;
  static final int MAX_SCOPES = 100;
  private static final List<String> FIELDS = List.of("name", "scopes", "expiresAt");

  private final Vertx vertx;
  private final Pool pool;
  private final RedisAPI redis;
  private final List<Route> routes;
  private final Outbox outbox;
  private final int maxPageSize;

  ApiKeys(Vertx vertx, Pool pool, RedisAPI redis, List<Route> routes, Outbox outbox, int maxPageSize) {
    this.vertx = vertx;
    this.pool = pool;
    this.redis = redis;
    this.routes = routes;
    this.outbox = outbox;
    this.maxPageSize = maxPageSize;
  }

  /** Body {name, scopes, expiresAt?}: the new key, its text in {@code key} (the only time it is shown). */
  Future<?> create(Envelope envelope) {
    Principal caller = envelope.requirePrincipal();
    JsonObject body = envelope.bodyObject();
    Fields.only(body, FIELDS, "is not a field of an API key");
    String name = Fields.text(body, "name", 100);
    List<String> scopes = scopes(body);
    OffsetDateTime expiresAt = expiry(body);
    UUID account = UUID.fromString(caller.sub());
    return ApiKeyRepository.grants(pool, account).compose(grants -> {
      if (grants == null) {
        return Future.failedFuture(Problem.unauthenticated("The account is not active."));
      }
      Set<String> usable = ApiScopes.usable(routes, grants.type(),
          permission -> grants.type().equals("admin") || grants.permissions().contains(permission));
      for (int i = 0; i < scopes.size(); i++) {
        if (!usable.contains(scopes.get(i))) {
          return Future.failedFuture(Problem.validation("This account cannot use the scope " + scopes.get(i) + ".",
              List.of(new Problem.FieldError("/scopes/" + i, scopes.get(i) + " is not a scope this account can use"))));
        }
      }
      String text = ApiKeyText.generate();
      ApiKey key = new ApiKey(Ids.uuid7(), account, name, ApiKeyText.displayPrefix(text), scopes, null, expiresAt,
          null, null);
      return pool.withTransaction(tx -> ApiKeyRepository.insert(tx, key, ApiKeyText.hash(text), MAX_LIVE)
          .compose(saved -> saved == null
              ? Future.failedFuture(new Problem(ProblemType.CONFLICT,
                  "The account already holds " + MAX_LIVE + " live API keys; revoke one first."))
              : outbox.append(tx, saved.created(actor(caller))).map(saved)))
          .map(saved -> saved.toJson().put("key", text));
    });
  }

  /**
   * One page of the owner's keys, newest first, revoked and expired ones too: {items, nextCursor},
   * {@code ?limit=&cursor=} as every keyset-paged list (the cursor is the last id of a page).
   */
  Future<?> list(Envelope envelope) {
    UUID account = owner(envelope);
    int limit = Pages.limit(envelope, DEFAULT_PAGE, maxPageSize);
    UUID cursor = Pages.idCursor(envelope);
    return ApiKeyRepository.list(pool, account, cursor, limit + 1).map(keys -> {
      JsonArray items = new JsonArray();
      keys.stream().limit(limit).forEach(key -> items.add(key.toJson()));
      String next = keys.size() > limit ? keys.get(limit - 1).id().toString() : null;
      return new JsonObject().put("items", items).put("nextCursor", next);
    });
  }

  /**
   * Revokes one of the owner's keys and writes its revoked event; revoking it again changes
   * nothing and writes none; another's key is 404.
   */
  Future<?> revoke(Envelope envelope) {
    String by = actor(envelope.requirePrincipal());
    UUID account = owner(envelope);
    UUID id = Fields.pathId(envelope, "key_id");
    return pool.withTransaction(tx -> ApiKeyRepository.revoke(tx, id, account).compose(key -> key != null
            ? outbox.append(tx, key.revoked(by))
            : ApiKeyRepository.exists(tx, id, account).compose(found -> found
                ? Future.<Void>succeededFuture()
                : Future.failedFuture(Problem.notFound("No such API key.")))))
        .compose(v -> deny(List.of(id)));
  }

  /** Who acts, as events name them: {@code <typ>:<sub>}. */
  static String actor(Principal caller) {
    return caller.typ() + ":" + caller.sub();
  }

  /**
   * Internal, for the edge, body {hash} (base64url SHA-256 of the key): the principal of the
   * key's account as it is now, with the key's id, scopes and expiry; 401 for an unknown,
   * revoked or expired key or a disabled account. Records the use (at most once a minute).
   */
  Future<?> resolve(Envelope envelope) {
    byte[] hash;
    try {
      hash = Base64.getUrlDecoder().decode(Fields.text(envelope.bodyObject(), "hash", 64));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(Problem.unauthenticated("The API key is not valid."));
    }
    return ApiKeyRepository.resolve(pool, hash).compose(row -> {
      String refused = refusal(row);
      if (refused != null) {
        return Future.failedFuture(Problem.unauthenticated(refused));
      }
      UUID id = row.getUUID("id");
      ApiKeyRepository.touch(pool, id).onFailure(e -> LOG.warn("last use of API key {} not recorded: {}", id, e.toString()));
      OffsetDateTime expires = row.getOffsetDateTime("expires_at");
      Principal principal = new Principal(row.getUUID("account_id").toString(), row.getString("type"),
          List.of(row.getArrayOfStrings("roles")), row.getOffsetDateTime("email_verified_at") != null,
          ApiKeyText.denialId(id.toString()), null, expires == null ? 0 : expires.toEpochSecond());
      return Future.succeededFuture(new JsonObject().put("keyId", id.toString())
          .put("scopes", new JsonArray(List.of(row.getArrayOfStrings("scopes"))))
          .put("principal", principal.toJson()));
    });
  }

  /** Denies revoked keys on every edge at once (Redis for the edges that miss the publish). */
  Future<Void> deny(List<UUID> ids) {
    List<Future<Void>> denials = new ArrayList<>();
    for (UUID id : ids) {
      denials.add(TokenDenials.deny(vertx, redis, ApiKeyText.denialId(id.toString()), ApiKeyText.DENIED_FOR.toMillis()));
    }
    return Future.all(denials).mapEmpty();
  }

  /** Why a resolved row grants nothing, or null when it does. */
  private static String refusal(Row row) {
    if (row == null) {
      return "The API key is not valid.";
    }
    if (row.getOffsetDateTime("revoked_at") != null) {
      return "The API key was revoked.";
    }
    OffsetDateTime expires = row.getOffsetDateTime("expires_at");
    if (expires != null && !expires.isAfter(OffsetDateTime.now())) {
      return "The API key has expired.";
    }
    if (!row.getBoolean("active") || row.getOffsetDateTime("closed_at") != null) {
      return "The API key's account is disabled.";
    }
    return null;
  }

  /** The account whose keys are meant: the caller's own, or for an admin the path's {@code account_id}. */
  private static UUID owner(Envelope envelope) {
    Principal caller = envelope.requirePrincipal();
    if (envelope.params().getValue("account_id") == null) {
      return UUID.fromString(caller.sub());
    }
    if (!caller.isAdmin()) {
      throw Problem.notFound("No such account.");
    }
    return Fields.pathId(envelope, "account_id");
  }

  /** A non-empty array of distinct scope names (unknown ones are refused with the account's check). */
  private static List<String> scopes(JsonObject body) {
    if (!(body.getValue("scopes") instanceof JsonArray array) || array.isEmpty() || array.size() > MAX_SCOPES) {
      throw Problem.invalidField("/scopes", "must be an array of 1 to " + MAX_SCOPES + " scopes");
    }
    Set<String> scopes = new LinkedHashSet<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof String scope) || scope.isBlank() || scope.length() > 64) {
        throw Problem.invalidField("/scopes/" + i, "must be a scope such as catalog:write");
      }
      scopes.add(scope);
    }
    return List.copyOf(scopes);
  }

  /** An optional expiry, an RFC 3339 date-time in the future. */
  private static OffsetDateTime expiry(JsonObject body) {
    Object value = body.getValue("expiresAt");
    if (value == null) {
      return null;
    }
    OffsetDateTime expires;
    try {
      expires = value instanceof String text ? OffsetDateTime.parse(text) : null;
    } catch (DateTimeParseException e) {
      expires = null;
    }
    if (expires == null) {
      throw Problem.invalidField("/expiresAt", "must be a date-time such as 2027-01-31T00:00:00Z");
    }
    if (!expires.isAfter(OffsetDateTime.now())) {
      throw Problem.invalidField("/expiresAt", "must be in the future");
    }
    return expires;
  }
}
