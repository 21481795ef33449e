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
      return peers.operatedWarehouse(caller.sub(), requestId).compose(warehouse -> {
        List<Order.Group> shipped = warehouse == null ? List.of() : order.shippedFrom(warehouse);
        return shipped.isEmpty() ? Future.failedFuture(Problem.notFound("No such order."))
            : Future.succeededFuture(new Involvement(false, false, shipped));
      });
    }
    return Future.failedFuture(Problem.notFound("No such order."));
  }
}
