package mercato.order;

import io.vertx.core.Future;
import java.util.List;
import java.util.UUID;
import mercato.platform.bus.Principal;
import mercato.platform.bus.Problem;

/**
 * How a caller relates to one order: the owner and admins see it whole, a seller its own
 * group, a warehouse operator the groups it ships. Anyone else is told the order does not
 * exist.
 */
record Involvement(boolean whole, boolean owner, List<Order.Group> groups) {
  static Future<Involvement> of(Principal caller, Order order, Peers peers, String requestId) {
    return warehouse(caller, peers, requestId).compose(warehouse -> of(caller, order, warehouse));
  }

  /**
   * The warehouse a warehouse caller operates (null for any other caller), asked of inventory
   * before a transaction opens, so {@link #of(Principal, Order, UUID)} needs no bus call
   * under the order's row lock.
   */
  static Future<UUID> warehouse(Principal caller, Peers peers, String requestId) {
    return caller.is("warehouse") && !caller.isAdmin() ? peers.operatedWarehouse(caller.sub(), requestId)
        : Future.succeededFuture();
  }

  /** {@code warehouse}: what {@link #warehouse} answered for this caller. */
  static Future<Involvement> of(Principal caller, Order order, UUID warehouse) {
    if (order == null) {
      return Future.failedFuture(Problem.notFound("No such order."));
    }
    if (caller.isAdmin()) {
      return Future.succeededFuture(new Involvement(true, false, order.groups()));
    }
    if (caller.is("customer")) {
      return order.accountId().toString().equals(caller.sub())
          ? Future.succeededFuture(new Involvement(true, true, order.groups()))
          : Future.failedFuture(Problem.notFound("No such order."));
    }
    if (caller.isSeller()) {
      Order.Group group = order.groupOf(UUID.fromString(caller.sub()));
      return group == null ? Future.failedFuture(Problem.notFound("No such order."))
          : Future.succeededFuture(new Involvement(false, false, List.of(group)));
    }
    if (caller.is("warehouse")) {
      List<Order.Group> shipped = warehouse == null ? List.of() : order.shippedFrom(warehouse);
      return shipped.isEmpty() ? Future.failedFuture(Problem.notFound("No such order."))
          : Future.succeededFuture(new Involvement(false, false, shipped));
    }
    return Future.failedFuture(Problem.notFound("No such order."));
  }
}
