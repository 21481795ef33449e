package mercato.inventory;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;
import mercato.auth.api.AuthAddresses;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Fields;
import mercato.platform.bus.Principal;
import mercato.platform.bus.Problem;
import mercato.platform.bus.Reply;
import mercato.platform.ids.Ids;

/**
 * Warehouse routes. The owner is the caller (an admin may name another); an operator is a
 * warehouse account checked with auth and bound to this warehouse there, inside the
 * transaction that records it, so a refused binding records nothing. A warehouse someone
 * may not see is 404, never 403.
 */
final class Warehouses {
  private static final DeliveryOptions AUTH = new DeliveryOptions().setSendTimeout(5000);
  static final int DEFAULT_PAGE = 20;

  private final Vertx vertx;
  private final Pool pool;
  private final int maxPageSize;

  Warehouses(Vertx vertx, Pool pool, int maxPageSize) {
    this.vertx = vertx;
    this.pool = pool;
    this.maxPageSize = maxPageSize;
  }

  Future<Reply> create(Envelope envelope) {
    Principal caller = envelope.requirePrincipal();
    JsonObject body = envelope.bodyObject();
    UUID owner = UUID.fromString(caller.sub());
    if (body.getValue("ownerId") != null) {
      if (!caller.isAdmin()) {
        throw Problem.invalidField("/ownerId", "only an admin names the owner; the owner is the caller");
      }
      owner = Fields.id(body, "ownerId");
    }
    OffsetDateTime now = OffsetDateTime.now();
    Warehouse draft = new Warehouse(Ids.uuid7(), owner, Fields.text(body, "name", 200), location(body),
        integer(body, "capacity", 0, true), integer(body, "priority", 100, false), operator(body), now, now);
    return checkOperator(draft.operatorAccountId(), envelope.requestId())
        .compose(v -> pool.withTransaction(tx -> WarehouseRepository.insert(tx, draft)
            .compose(saved -> bind(tx, saved.operatorAccountId(), saved.id(), envelope.requestId()).map(saved))))
        .recover(Warehouses::operatorTaken)
        .map(saved -> Reply.created(saved.toJson(), "/warehouses/" + saved.id()));
  }

  Future<Reply> list(Envelope envelope) {
    Principal caller = envelope.requirePrincipal();
    int limit = Paging.limit(envelope, DEFAULT_PAGE, maxPageSize);
    UUID after = Paging.uuidCursor(envelope);
    UUID me = UUID.fromString(caller.sub());
    UUID owner = caller.isSeller() ? me : null;
    UUID operator = caller.is("warehouse") ? me : null;
    if (!caller.isAdmin() && owner == null && operator == null) {
      throw Problem.forbidden("A " + caller.typ() + " has no warehouses.");
    }
    return WarehouseRepository.list(pool, owner, operator, after, limit + 1).map(found -> {
      JsonArray items = new JsonArray();
      found.stream().limit(limit).forEach(w -> items.add(w.toJson()));
      JsonObject page = new JsonObject().put("items", items);
      page.put("nextCursor", found.size() > limit ? found.get(limit - 1).id().toString() : null);
      return Reply.ok(page);
    });
  }

  Future<Reply> get(Envelope envelope) {
    Principal caller = envelope.requirePrincipal();
    UUID id = Fields.pathId(envelope, "warehouse_id");
    return WarehouseRepository.find(pool, id, false).map(w -> {
      if (w == null || !w.visibleTo(caller)) {
        throw Problem.notFound("No such warehouse.");
      }
      return Reply.ok(w.toJson());
    });
  }

  /** Internal, body {accountId}: the warehouse that account operates, or null. */
  Future<Reply> operatedBy(Envelope envelope) {
    UUID account = Fields.id(envelope.bodyObject(), "accountId");
    return WarehouseRepository.list(pool, null, account, null, 1).map(found -> Reply.ok(new JsonObject()
        .put("warehouseId", found.isEmpty() ? null : found.get(0).id().toString())));
  }

  /** Replaces name, location, capacity, priority and operator; an omitted operator is unbound. */
  Future<Reply> update(Envelope envelope) {
    Principal caller = envelope.requirePrincipal();
    UUID id = Fields.pathId(envelope, "warehouse_id");
    JsonObject body = envelope.bodyObject();
    if (body.getValue("ownerId") != null) {
      throw Problem.invalidField("/ownerId", "the owner of a warehouse does not change");
    }
    String name = Fields.text(body, "name", 200);
    JsonObject location = location(body);
    int capacity = integer(body, "capacity", 0, true);
    int priority = integer(body, "priority", 100, false);
    UUID operator = operator(body);
    return checkOperator(operator, envelope.requestId())
        .compose(v -> pool.withTransaction(tx -> WarehouseRepository.find(tx, id, true).compose(current -> {
          if (current == null || !current.manageableBy(caller)) {
            return Future.failedFuture(Problem.notFound("No such warehouse."));
          }
          Warehouse changed = new Warehouse(id, current.ownerId(), name, location, capacity, priority, operator,
              current.createdAt(), current.updatedAt());
          // The new row first: a taken operator fails on the unique index before auth is asked.
          return WarehouseRepository.update(tx, changed).compose(saved ->
              Objects.equals(current.operatorAccountId(), operator) ? Future.succeededFuture(saved)
                  : bind(tx, current.operatorAccountId(), null, envelope.requestId())
                      .compose(x -> bind(tx, operator, id, envelope.requestId())).map(saved));
        })))
        .recover(Warehouses::operatorTaken)
        .map(saved -> Reply.ok(saved.toJson()));
  }

  /** Refused with 409 while the warehouse holds stock or active reservations. */
  Future<Reply> delete(Envelope envelope) {
    Principal caller = envelope.requirePrincipal();
    UUID id = Fields.pathId(envelope, "warehouse_id");
    return pool.withTransaction(tx -> WarehouseRepository.find(tx, id, true).compose(current -> {
      if (current == null || !current.manageableBy(caller)) {
        return Future.failedFuture(Problem.notFound("No such warehouse."));
      }
      // The row lock above makes stock writers (whose foreign key needs it) wait until this ends.
      return WarehouseRepository.holdsStock(tx, id).compose(holds -> holds
          ? Future.failedFuture(Problem.conflict("conflict", "Conflict",
              "The warehouse still holds stock or reservations; move or zero them first."))
          : WarehouseRepository.delete(tx, id)
              .compose(v -> bind(tx, current.operatorAccountId(), null, envelope.requestId())));
    })).map(v -> Reply.noContent());
  }

  /** The operator must be an open warehouse account. */
  private Future<Void> checkOperator(UUID operator, String requestId) {
    if (operator == null) {
      return Future.succeededFuture();
    }
    return vertx.eventBus().<JsonObject>request(AuthAddresses.GET_ACCOUNT,
            Envelope.internal(new JsonObject().put("accountId", operator.toString()), requestId), AUTH)
        .map(reply -> reply.body().getJsonObject("body"))
        .recover(failure -> failure instanceof io.vertx.core.eventbus.ReplyException reply && reply.failureCode() == 404
            ? Future.succeededFuture(null) : Future.failedFuture(failure))
        .compose(account -> {
          if (account == null || !"warehouse".equals(account.getString("type")) || !account.getBoolean("active", false)) {
            return Future.failedFuture(Problem.invalidField("/operatorAccountId", "is not an open warehouse account"));
          }
          return Future.succeededFuture();
        });
  }

  /** Tells auth which warehouse the account operates (null unbinds); nothing when there is no account. */
  private Future<Void> bind(SqlConnection tx, UUID account, UUID warehouse, String requestId) {
    if (account == null) {
      return Future.succeededFuture();
    }
    JsonObject body = new JsonObject().put("accountId", account.toString())
        .put("warehouseId", warehouse == null ? null : warehouse.toString());
    Future<Void> sent = vertx.eventBus().request(AuthAddresses.BIND_WAREHOUSE, Envelope.internal(body, requestId), AUTH)
        .mapEmpty();
    // Unbinding an account closed since then has nothing left to undo.
    return warehouse != null ? sent : sent.recover(failure ->
        failure instanceof io.vertx.core.eventbus.ReplyException reply && reply.failureCode() == 400
            ? Future.succeededFuture() : Future.failedFuture(failure));
  }

  private static <T> Future<T> operatorTaken(Throwable failure) {
    if (failure instanceof PgException pg && "23505".equals(pg.getSqlState())) {
      return Future.failedFuture(Problem.conflict("conflict", "Conflict",
          "This warehouse account already operates another warehouse."));
    }
    if (failure instanceof io.vertx.core.eventbus.ReplyException reply) {
      return Future.failedFuture(Problem.from(reply));
    }
    return Future.failedFuture(failure);
  }

  private static JsonObject location(JsonObject body) {
    if (!(body.getValue("location") instanceof JsonObject location)) {
      throw Problem.invalidField("/location", "is required: an address object");
    }
    Warehouse.checkLocation(location);
    return location;
  }

  private static UUID operator(JsonObject body) {
    return body.getValue("operatorAccountId") == null ? null : Fields.id(body, "operatorAccountId");
  }

  private static int integer(JsonObject body, String name, int fallback, boolean required) {
    Object value = body.getValue(name);
    if (value == null) {
      if (required) {
        throw Problem.invalidField("/" + name, "is required");
      }
      return fallback;
    }
    if (!(value instanceof Integer || value instanceof Long) || Math.abs(((Number) value).longValue()) > 1_000_000_000L
        || (name.equals("capacity") && ((Number) value).longValue() < 0)) {
      throw Problem.invalidField("/" + name, name.equals("capacity") ? "must be a whole number of at least 0"
          : "must be a whole number");
    }
    return ((Number) value).intValue();
  }
}
