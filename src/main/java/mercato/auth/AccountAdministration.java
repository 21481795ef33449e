package mercato.auth;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;
import mercato.auth.api.AuthEvents;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Fields;
import mercato.platform.bus.Principal;
import mercato.platform.bus.Problem;
import mercato.platform.events.Event;
import mercato.platform.events.Outbox;

/** Operations other domains ask of auth: read an account, close one, bind a warehouse account. */
final class AccountAdministration {
  static final int MAX_IDS = 500;
  private final Pool pool;
  private final Sessions sessions;
  private final ApiKeys apiKeys;
  private final Outbox outbox;

  AccountAdministration(Pool pool, Sessions sessions, ApiKeys apiKeys, Outbox outbox) {
    this.pool = pool;
    this.sessions = sessions;
    this.apiKeys = apiKeys;
    this.outbox = outbox;
  }

  /** Body {accountId} or {email}: the account's public facts and roles. */
  Future<?> get(Envelope envelope) {
    JsonObject body = envelope.bodyObject();
    Future<Account.WithRoles> found = body.getValue("accountId") == null && body.getValue("email") != null
        ? AccountRepository.withRoles(pool, AccountRepository.SELECT_WITH_ROLES_BY_EMAIL, Fields.text(body, "email", 320))
        : AccountRepository.withRoles(pool, AccountRepository.SELECT_WITH_ROLES_BY_ID, Fields.id(body, "accountId"));
    return found.compose(account -> account == null
        ? Future.failedFuture(Problem.notFound("No such account."))
        : Future.succeededFuture(account.account().toJson()
            .put("roles", new io.vertx.core.json.JsonArray(account.roles()))));
  }

  /** Body {accountIds}: the public facts of each of those accounts that exists, in one read. */
  Future<?> getMany(Envelope envelope) {
    UUID[] ids = Fields.ids(envelope.bodyObject(), "accountIds", MAX_IDS).toArray(UUID[]::new);
    return pool.preparedQuery(AccountRepository.SELECT_BY_IDS).execute(Tuple.of((Object) ids)).map(rows -> {
      JsonArray items = new JsonArray();
      rows.forEach(row -> items.add(Account.from(row).toJson()));
      return new JsonObject().put("items", items);
    });
  }

  /**
   * Body {accountId}: login disabled, email and names erased, every session ended and its
   * access tokens denied, every API key revoked (each with its revoked event, by the caller
   * or {@code system:account-closed}) and denied; {@code account-closed} tells the other
   * domains to erase theirs.
   * Idempotent: closing a closed account changes nothing.
   */
  Future<?> close(Envelope envelope) {
    UUID id = Fields.id(envelope.bodyObject(), "accountId");
    Principal caller = envelope.principal();
    if (caller != null && !caller.isAdmin() && !caller.sub().equals(id.toString())) {
      throw Problem.notFound("No such account.");
    }
    String by = caller == null ? "system:account-closed" : ApiKeys.actor(caller);
    return pool.withTransaction(tx -> tx.preparedQuery(AccountRepository.CLOSE).execute(Tuple.of(id)).compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(List.<UUID>of());
          }
          return sessions.endAll(tx, id, "account-closed")
              .compose(v -> outbox.append(tx, Event.of(AuthEvents.ACCOUNT_CLOSED, id.toString(),
                  new JsonObject().put("accountId", id.toString()))))
              .compose(v -> ApiKeyRepository.revokeAll(tx, id))
              .compose(keys -> outbox.appendAll(tx, keys.stream().map(key -> key.revoked(by)).toList())
                  .map(v -> keys.stream().map(ApiKey::id).toList()));
        }))
        .compose(keys -> sessions.denyLive(id).compose(v -> apiKeys.deny(keys)))
        .map(v -> new JsonObject().put("accountId", id.toString()).put("closed", true));
  }

  /** Body {accountId, warehouseId}: the warehouse a warehouse account operates (set by inventory). */
  Future<?> bindWarehouse(Envelope envelope) {
    JsonObject body = envelope.bodyObject();
    UUID account = Fields.id(body, "accountId");
    UUID warehouse = body.getValue("warehouseId") == null ? null : Fields.id(body, "warehouseId");
    return pool.preparedQuery(AccountRepository.BIND_WAREHOUSE).execute(Tuple.of(account, warehouse))
        .compose(rows -> rows.size() == 0
            ? Future.failedFuture(Problem.invalidField("/accountId", "is not an open warehouse account"))
            : Future.succeededFuture(new JsonObject().put("accountId", account.toString())
                .put("warehouseId", warehouse == null ? null : warehouse.toString())));
  }
}
