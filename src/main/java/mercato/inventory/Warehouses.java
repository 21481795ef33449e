package mercato.inventory;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.OffsetDateTime;
import java.util.UUID;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Fields;
import mercato.platform.bus.Pages;
import mercato.platform.bus.Principal;
import mercato.platform.bus.Problem;
import mercato.platform.bus.ProblemType;
import mercato.platform.ids.Ids;

/**
 * Warehouse routes. The owner is the caller, a company or a shop (an admin may name
 * another). Naming an operator (a warehouse account, by id or email, checked with auth)
 * invites it: the account operates nothing until it accepts ({@link OperatorInvitations}).
 * A warehouse someone may not see is 404, never 403.
 */
final class Warehouses {
  private final Pool pool;
  private final OperatorAccounts operators;
  private final int maxPageSize;

  Warehouses(Pool pool, OperatorAccounts operators, int maxPageSize) {
    this.pool = pool;
    this.operators = operators;
    this.maxPageSize = maxPageSize;
  }

  Future<?> create(Envelope envelope) {
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
    UUID id = Ids.uuid7();
    UUID ownerId = owner;
    String name = Fields.text(body, "name", 200);
    JsonObject location = location(body);
    int capacity = integer(body, "capacity", 0, true);
    int priority = integer(body, "priority", 100, false);
    return operators.named(body, envelope.requestId())
        .compose(invited -> WarehouseRepository.insert(pool,
            new Warehouse(id, ownerId, name, location, capacity, priority, null, invited, now, now)))
        .map(saved -> saved.toJson());
  }

  Future<?> list(Envelope envelope) {
    Principal caller = envelope.requirePrincipal();
    int limit = Pages.limit(envelope, maxPageSize);
    UUID after = Pages.idCursor(envelope);
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
      return page;
    });
  }

  Future<?> get(Envelope envelope) {
    Principal caller = envelope.requirePrincipal();
    UUID id = Fields.pathId(envelope, "warehouse_id");
    return WarehouseRepository.find(pool, id, false).map(w -> {
      if (w == null || !w.visibleTo(caller)) {
        throw Problem.notFound("No such warehouse.");
      }
      return w.toJson();
    });
  }

  /** Internal, body {accountId}: the warehouse that account operates, or null. */
  Future<?> operatedBy(Envelope envelope) {
    UUID account = Fields.id(envelope.bodyObject(), "accountId");
    return WarehouseRepository.list(pool, null, account, null, 1).map(found -> new JsonObject()
        .put("warehouseId", found.isEmpty() ? null : found.get(0).id().toString()));
  }

  /** Replaces name, location, capacity, priority and operator; an omitted operator is unbound (or uninvited). */
  Future<?> update(Envelope envelope) {
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
    return operators.named(body, envelope.requestId())
        .compose(operator -> pool.withTransaction(tx -> WarehouseRepository.find(tx, id, true).compose(current -> {
          if (current == null || !current.manageableBy(caller)) {
            return Future.failedFuture(Problem.notFound("No such warehouse."));
          }
          // The operator named stays when it already operates; anyone else is invited and the
          // current operator (if any) is unbound; naming nobody unbinds and withdraws the invitation.
          boolean stays = operator != null && operator.equals(current.operatorAccountId());
          UUID bound = stays ? operator : null;
          UUID invited = stays ? null : operator;
          Warehouse changed = new Warehouse(id, current.ownerId(), name, location, capacity, priority, bound, invited,
              current.createdAt(), current.updatedAt());
          return WarehouseRepository.update(tx, changed).compose(saved -> stays || current.operatorAccountId() == null
              ? Future.succeededFuture(saved)
              : operators.bind(tx, current.operatorAccountId(), null, envelope.requestId()).map(saved));
        })))
        .map(saved -> saved.toJson());
  }

  /** Refused with 409 while the warehouse holds stock or active reservations. */
  Future<?> delete(Envelope envelope) {
    Principal caller = envelope.requirePrincipal();
    UUID id = Fields.pathId(envelope, "warehouse_id");
    return pool.withTransaction(tx -> WarehouseRepository.find(tx, id, true).compose(current -> {
      if (current == null || !current.manageableBy(caller)) {
        return Future.failedFuture(Problem.notFound("No such warehouse."));
      }
      // The row lock above makes stock writers (whose foreign key needs it) wait until this ends.
      return WarehouseRepository.holdsStock(tx, id).compose(holds -> holds
          ? Future.failedFuture(new Problem(ProblemType.CONFLICT,
              "The warehouse still holds stock or reservations; move or zero them first."))
          : WarehouseRepository.delete(tx, id)
              .compose(v -> operators.bind(tx, current.operatorAccountId(), null, envelope.requestId())));
    })).mapEmpty();
  }

  private static JsonObject location(JsonObject body) {
    if (!(body.getValue("location") instanceof JsonObject location)) {
      throw Problem.invalidField("/location", "is required: an address object");
    }
    Warehouse.checkLocation(location);
    return location;
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
