package mercato.order;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The order state machine. Before payment the order's status is set directly
 * (pending_payment, payment_failed, cancelled). After payment it follows from its money and
 * its groups: refunded when every captured unit of money went back, partially_refunded
 * while some did, otherwise the least advanced fulfilment of its live groups (paid,
 * fulfilling, shipped, delivered). Groups move paid -> fulfilling -> shipped -> delivered.
 */
final class Lifecycle {
  private static final Set<OrderStatus> AWAITING_PAYMENT =
      EnumSet.of(OrderStatus.PENDING_PAYMENT, OrderStatus.PAYMENT_FAILED);
  private static final Set<OrderStatus> PAID = EnumSet.of(OrderStatus.PAID, OrderStatus.FULFILLING,
      OrderStatus.SHIPPED, OrderStatus.DELIVERED, OrderStatus.PARTIALLY_REFUNDED, OrderStatus.REFUNDED);
  /** The statuses a seller or warehouse moves a group to. */
  private static final Set<GroupStatus> FULFILMENT = EnumSet.of(GroupStatus.FULFILLING, GroupStatus.SHIPPED,
      GroupStatus.DELIVERED);

  private Lifecycle() {}

  /** Placed and not paid yet (a failed payment may be tried again). */
  static boolean awaitsPayment(OrderStatus status) {
    return AWAITING_PAYMENT.contains(status);
  }

  /** Paid at some point: what counts as a purchase, and what a cancellation must refund. */
  static boolean wasPaid(OrderStatus status) {
    return PAID.contains(status);
  }

  /** The fulfilment status {@code text} asks a group to move to, if it names one. */
  static Optional<GroupStatus> fulfilment(String text) {
    return GroupStatus.find(text).filter(FULFILMENT::contains);
  }

  static boolean groupMayMove(GroupStatus from, GroupStatus to) {
    return switch (from) {
      case PAID -> to == GroupStatus.FULFILLING || to == GroupStatus.SHIPPED;
      case FULFILLING -> to == GroupStatus.SHIPPED;
      case SHIPPED -> to == GroupStatus.DELIVERED;
      case PENDING_PAYMENT, DELIVERED, CANCELLED, REFUNDED -> false;
    };
  }

  /** The status of a paid order from what was captured, refunded and the groups' statuses. */
  static OrderStatus afterPayment(long captured, long refunded, List<GroupStatus> groupStatuses) {
    if (captured > 0 && refunded >= captured) {
      return OrderStatus.REFUNDED;
    }
    if (refunded > 0) {
      return OrderStatus.PARTIALLY_REFUNDED;
    }
    List<GroupStatus> live = groupStatuses.stream()
        .filter(s -> s != GroupStatus.CANCELLED && s != GroupStatus.REFUNDED).toList();
    if (!live.isEmpty() && live.stream().allMatch(s -> s == GroupStatus.DELIVERED)) {
      return OrderStatus.DELIVERED;
    }
    if (!live.isEmpty() && live.stream().allMatch(s -> s == GroupStatus.SHIPPED || s == GroupStatus.DELIVERED)) {
      return OrderStatus.SHIPPED;
    }
    if (live.stream().anyMatch(FULFILMENT::contains)) {
      return OrderStatus.FULFILLING;
    }
    return OrderStatus.PAID;
  }

  /** An owner cancels before payment, or after it while no seller has started on the order. */
  static boolean ownerMayCancel(Order order) {
    return awaitsPayment(order.status()) || (order.status() == OrderStatus.PAID
        && order.groups().stream().allMatch(g -> g.status() == GroupStatus.PAID));
  }

  /** An admin cancels anything not yet shipped (a shipped group must come back first). */
  static boolean adminMayCancel(Order order) {
    return order.status() != OrderStatus.CANCELLED && order.status() != OrderStatus.REFUNDED && order.groups().stream()
        .noneMatch(g -> g.status() == GroupStatus.SHIPPED || g.status() == GroupStatus.DELIVERED);
  }
}
