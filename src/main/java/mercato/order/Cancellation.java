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
import mercato.platform.events.Event;
import mercato.platform.events.Outbox;
import mercato.platform.money.Money;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cancelling: by the owner (before fulfilment starts) or an admin (before shipment) through
 * DELETE /orders/{id}, and by the system when an order's reservation expires uncommitted.
 * The cancelled event makes inventory give the reserved (or, once paid, committed) stock
 * back and payment refund whatever it captured.
 */
final class Cancellation {
  private static final Logger LOG = LoggerFactory.getLogger(Cancellation.class);
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
  Future<?> cancel(Envelope envelope) {
    Principal caller = envelope.requirePrincipal();
    UUID id = Fields.pathId(envelope, "order_id");
    String reason = caller.isAdmin() ? "cancelled-by-admin" : "cancelled-by-customer";
    // The caller's warehouse is asked before the transaction; inventory releases the stock
    // when it receives order.cancelled: no bus call while the order's row is locked.
    return Involvement.warehouse(caller, peers, envelope.requestId()).compose(warehouse -> pool.withTransaction(tx ->
        OrderRepository.load(tx, id, true).compose(order -> Involvement.of(caller, order, warehouse).compose(involved -> {
          if (order.status() == OrderStatus.CANCELLED) {
            return Future.succeededFuture(); // a repeat of a cancel changes nothing
          }
          boolean allowed = caller.isAdmin() ? Lifecycle.adminMayCancel(order)
              : involved.owner() && Lifecycle.ownerMayCancel(order);
          if (!allowed) {
            return Future.failedFuture(new Problem(ProblemType.INVALID_STATE,
                "The order is " + order.status().text + (caller.isAdmin() ? "; a shipped order cannot be cancelled."
                    : "; only an order no seller has started on can be cancelled.")));
          }
          // Under the order's row lock no payment marks it paid meanwhile; the cancelled event
          // follows any paid event of this order to inventory, which commits before it returns.
          return cancelled(tx, order, reason, caller.typ() + ":" + caller.sub());
        }))))
        .compose(v -> OrderRepository.load(pool, id, false))
        .map(order -> OrderView.of(order, order.groups(), true));
  }

  /**
   * inventory.reservation-expired: the reservation was never committed. An order still unpaid
   * is cancelled (its stock is already released); so is one whose payment came just before the
   * expiry but whose paid event reached inventory after it (nothing of it is shipped yet, and
   * its cancelled event makes payment refund the capture). A shipped one is left for an admin.
   */
  Future<?> expired(Event event, SqlConnection tx) {
    UUID id = UUID.fromString(event.data().getString("orderId"));
    return OrderRepository.load(tx, id, true).compose(order -> {
      if (order == null || order.status() == OrderStatus.CANCELLED) {
        return Future.succeededFuture();
      }
      if (Lifecycle.awaitsPayment(order.status()) || Lifecycle.adminMayCancel(order)) {
        return cancelled(tx, order, "reservation-expired", "system:inventory");
      }
      LOG.warn("order {} is {} but its reservation expired uncommitted; left for an admin", id, order.status().text);
      return Future.succeededFuture();
    });
  }

  /** The order and its groups cancelled, the reason and history kept, the cancelled event written. */
  Future<Void> cancelled(SqlConnection tx, Order order, String reason, String actor) {
    boolean wasPaid = order.captured() > 0 || Lifecycle.wasPaid(order.status());
    return OrderRepository.move(tx, order, OrderStatus.CANCELLED, GroupStatus.CANCELLED, actor, reason)
        .compose(v -> outbox.append(tx, StatusChanged.of(order, OrderStatus.CANCELLED)))
        .compose(v -> tx.preparedQuery(SET_REASON).execute(Tuple.of(order.id(), reason)))
        .compose(v -> outbox.append(tx, Event.of(OrderEvents.CANCELLED, order.id().toString(), new JsonObject()
            .put("orderId", order.id().toString()).put("accountId", order.accountId().toString())
            .put("reason", reason).put("wasPaid", wasPaid)
            .put("total", Money.json(order.total(), order.currency()))
            .put("cancelledAt", Instant.now().toString()))));
  }
}
