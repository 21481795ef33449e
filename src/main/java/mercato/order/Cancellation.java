package mercato.order;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.UUID;
import mercato.order.api.OrderEvents;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Fields;
import mercato.platform.bus.Principal;
import mercato.platform.bus.Problem;
import mercato.platform.bus.ProblemType;
import mercato.platform.bus.Reply;
import mercato.platform.events.Event;
import mercato.platform.events.Outbox;
import mercato.platform.money.Money;

/**
 * Cancelling: by the owner (before fulfilment starts) or an admin (before shipment) through
 * DELETE /orders/{id}, and by the system when an unpaid order's reservation expires. The
 * reserved (or, once paid, committed) stock goes back; the cancelled event makes payment
 * refund whatever it captured.
 */
final class Cancellation {
  static final String SET_REASON = "UPDATE orders SET cancel_reason = $2 WHERE id = $1";

  private final Pool pool;
  private final Outbox outbox;
  private final Peers peers;

  Cancellation(Pool pool, Outbox outbox, Peers peers) {
    this.pool = pool;
    this.outbox = outbox;
    this.peers = peers;
  }

  /** DELETE /orders/{order_id}. */
  Future<Reply> cancel(Envelope envelope) {
    Principal caller = envelope.requirePrincipal();
    UUID id = Fields.pathId(envelope, "order_id");
    String reason = caller.isAdmin() ? "cancelled-by-admin" : "cancelled-by-customer";
    return pool.withTransaction(tx -> OrderRepository.load(tx, id, true).compose(order -> Involvement.of(caller, order,
        peers, envelope.requestId()).compose(involved -> {
          if (order.status().equals("cancelled")) {
            return Future.succeededFuture(); // a repeat of a cancel changes nothing
          }
          boolean allowed = caller.isAdmin() ? Lifecycle.adminMayCancel(order)
              : involved.owner() && Lifecycle.ownerMayCancel(order);
          if (!allowed) {
            return Future.failedFuture(new Problem(ProblemType.INVALID_STATE,
                "The order is " + order.status() + (caller.isAdmin() ? "; a shipped order cannot be cancelled."
                    : "; only an order no seller has started on can be cancelled.")));
          }
          // Under the order's row lock: no payment can mark it paid while its stock goes back.
          return peers.release(order.id(), envelope.requestId())
              .compose(v -> cancelled(tx, order, reason, caller.typ() + ":" + caller.sub()));
        })))
        .compose(v -> OrderRepository.load(pool, id, false))
        .map(order -> Reply.ok(OrderView.of(order, order.groups(), true)));
  }

  /** inventory.reservation-expired: an order still unpaid is cancelled (its stock is already released). */
  Future<?> expired(Event event, SqlConnection tx) {
    UUID id = UUID.fromString(event.data().getString("orderId"));
    return OrderRepository.load(tx, id, true).compose(order -> order == null
        || !Lifecycle.AWAITING_PAYMENT.contains(order.status()) ? Future.succeededFuture()
        : cancelled(tx, order, "reservation-expired", "system:inventory"));
  }

  /** The order and its groups cancelled, the reason and history kept, the cancelled event written. */
  Future<Void> cancelled(SqlConnection tx, Order order, String reason, String actor) {
    boolean wasPaid = order.captured() > 0 || Lifecycle.PAID.contains(order.status());
    return OrderRepository.move(tx, order, "cancelled", "cancelled", actor, reason)
        .compose(v -> outbox.append(tx, StatusChanged.of(order, "cancelled")))
        .compose(v -> tx.preparedQuery(SET_REASON).execute(Tuple.of(order.id(), reason)))
        .compose(v -> outbox.append(tx, Event.of(OrderEvents.CANCELLED, order.id().toString(), new JsonObject()
            .put("orderId", order.id().toString()).put("accountId", order.accountId().toString())
            .put("reason", reason).put("wasPaid", wasPaid)
            .put("total", Money.json(order.total(), order.currency()))
            .put("cancelledAt", Instant.now().toString()))));
  }
}
