package mercato.inventory;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Fields;
import mercato.platform.bus.Problem;
import mercato.platform.bus.ProblemType;
import mercato.platform.db.Sql;

/**
 * A warehouse account's side of operating a warehouse: it lists the invitations owners sent
 * it, accepts one (it then operates that warehouse, bound in auth in the same transaction,
 * and the owner cannot bind it elsewhere) or declines. An invitation to someone else, or
 * none, is 404.
 */
final class OperatorInvitations {
  private static final String PENDING = """
      SELECT id, owner_id, name, location, invited_at FROM warehouses
       WHERE invited_operator_id = $1 ORDER BY invited_at, id
      """;
  private static final String ACCEPT = """
      UPDATE warehouses SET operator_account_id = $2, invited_operator_id = NULL, invited_at = NULL, updated_at = now()
       WHERE id = $1 AND invited_operator_id = $2
      RETURNING id
      """;
  private static final String DECLINE = """
      UPDATE warehouses SET invited_operator_id = NULL, invited_at = NULL, updated_at = now()
       WHERE id = $1 AND invited_operator_id = $2
      RETURNING id
      """;

  private final Pool pool;
  private final OperatorAccounts operators;

  OperatorInvitations(Pool pool, OperatorAccounts operators) {
    this.pool = pool;
    this.operators = operators;
  }

  /** {items: [{warehouseId, ownerId, name, location, invitedAt}]}: the caller's pending invitations. */
  Future<?> list(Envelope envelope) {
    UUID me = UUID.fromString(envelope.requirePrincipal().sub());
    return pool.preparedQuery(PENDING).execute(Tuple.of(me)).map(rows -> {
      JsonArray items = new JsonArray();
      for (Row row : rows) {
        items.add(new JsonObject().put("warehouseId", row.getUUID("id").toString())
            .put("ownerId", row.getUUID("owner_id").toString()).put("name", row.getString("name"))
            .put("location", row.getValue("location"))
            .put("invitedAt", row.getOffsetDateTime("invited_at").toInstant().toString()));
      }
      return new JsonObject().put("items", items);
    });
  }

  /** The caller operates the warehouse from now on: 200 with the warehouse; 409 when it already operates one. */
  Future<?> accept(Envelope envelope) {
    UUID me = UUID.fromString(envelope.requirePrincipal().sub());
    UUID id = Fields.pathId(envelope, "warehouse_id");
    return pool.withTransaction(tx -> tx.preparedQuery(ACCEPT).execute(Tuple.of(id, me)).compose(rows -> rows.size() == 0
            ? Future.failedFuture(Problem.notFound("No invitation to operate this warehouse."))
            : operators.bind(tx, me, id, envelope.requestId())
                .compose(v -> WarehouseRepository.find(tx, id, false))))
        .recover(OperatorInvitations::alreadyOperating)
        .map(saved -> saved.toJson());
  }

  /** 204; the owner may invite again. */
  Future<?> decline(Envelope envelope) {
    UUID me = UUID.fromString(envelope.requirePrincipal().sub());
    UUID id = Fields.pathId(envelope, "warehouse_id");
    return pool.preparedQuery(DECLINE).execute(Tuple.of(id, me)).map(rows -> {
      if (rows.size() == 0) {
        throw Problem.notFound("No invitation to operate this warehouse.");
      }
      return null;
    });
  }

  private static <T> Future<T> alreadyOperating(Throwable failure) {
    if (Sql.isUniqueViolation(failure)) {
      return Future.failedFuture(new Problem(ProblemType.CONFLICT,
          "This warehouse account already operates another warehouse; it must be unbound there first."));
    }
    if (failure instanceof io.vertx.core.eventbus.ReplyException reply) {
      return Future.failedFuture(Problem.from(reply));
    }
    return Future.failedFuture(failure);
  }
}
