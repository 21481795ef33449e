package mercato.order;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order state machine. Before payment the order's status is set directly
 * (pending_payment, payment_failed, cancelled). After payment it follows from its money and
 * its groups: refunded when every captured unit of money went back, partially_refunded
 * while some did, otherwise the least advanced fulfilment of its live groups (paid,
 * fulfilling, shipped, delivered). Groups move paid -> fulfilling -> shipped -> delivered.
 */
final class Lifecycle {
  static final Set<String> AWAITING_PAYMENT = Set.of("pending_payment", "payment_failed");
  static final Set<String> PAID = Set.of("paid", "fulfilling", "shipped", "delivered", "partially_refunded", "refunded");
  static final Set<String> FULFILMENT = Set.of("fulfilling", "shipped", "delivered");
  private static final Map<String, Set<String>> GROUP_MOVES = Map.of(
      "paid", Set.of("fulfilling", "shipped"),
      "fulfilling", Set.of("shipped"),
      "shipped", Set.of("delivered"));

  private Lifecycle() {}

  static boolean groupMayMove(String from, String to) {
    return GROUP_MOVES.getOrDefault(from, Set.of()).contains(to);
  }

  /** The status of a paid order from what was captured, refunded and the groups' statuses. */
  static String afterPayment(long captured, long refunded, List<String> groupStatuses) {
    if (captured > 0 && refunded >= captured) {
      return "refunded";
    }
    if (refunded > 0) {
      return "partially_refunded";
    }
    List<String> live = groupStatuses.stream().filter(s -> !s.equals("cancelled") && !s.equals("refunded")).toList();
    if (!live.isEmpty() && live.stream().allMatch("delivered"::equals)) {
      return "delivered";
    }
    if (!live.isEmpty() && live.stream().allMatch(s -> s.equals("shipped") || s.equals("delivered"))) {
      return "shipped";
    }
    if (live.stream().anyMatch(FULFILMENT::contains)) {
      return "fulfilling";
    }
    return "paid";
  }

  /** An owner cancels before payment, or after it while no seller has started on the order. */
  static boolean ownerMayCancel(Order order) {
    return AWAITING_PAYMENT.contains(order.status())
        || (order.status().equals("paid") && order.groups().stream().allMatch(g -> g.status().equals("paid")));
  }

  /** An admin cancels anything not yet shipped (a shipped group must come back first). */
  static boolean adminMayCancel(Order order) {
    return !order.status().equals("cancelled") && !order.status().equals("refunded")
        && order.groups().stream().noneMatch(g -> g.status().equals("shipped") || g.status().equals("delivered"));
  }
}
