package mercato.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The order state machine, every status and move, without a database. */
class LifecycleTest {
  private static final GroupStatus P = GroupStatus.PAID;
  private static final GroupStatus F = GroupStatus.FULFILLING;
  private static final GroupStatus S = GroupStatus.SHIPPED;
  private static final GroupStatus D = GroupStatus.DELIVERED;
  private static final GroupStatus C = GroupStatus.CANCELLED;
  private static final GroupStatus R = GroupStatus.REFUNDED;

  @Test
  void onlyAPlacedOrderOrOneWhosePaymentFailedAwaitsPayment() {
    assertThat(where(Lifecycle::awaitsPayment)).containsExactlyInAnyOrder(OrderStatus.PENDING_PAYMENT,
        OrderStatus.PAYMENT_FAILED);
  }

  @Test
  void everyStatusFromPaidOnWasPaid() {
    assertThat(where(Lifecycle::wasPaid)).containsExactlyInAnyOrder(OrderStatus.PAID, OrderStatus.FULFILLING,
        OrderStatus.SHIPPED, OrderStatus.DELIVERED, OrderStatus.PARTIALLY_REFUNDED, OrderStatus.REFUNDED);
  }

  @Test
  void aFulfilmentMoveNamesFulfillingShippedOrDelivered() {
    assertThat(Lifecycle.fulfilment("fulfilling")).contains(F);
    assertThat(Lifecycle.fulfilment("shipped")).contains(S);
    assertThat(Lifecycle.fulfilment("delivered")).contains(D);
    for (String other : List.of("pending_payment", "paid", "cancelled", "refunded", "partially_refunded",
        "payment_failed", "SHIPPED", "shipped ", "", "lost")) {
      assertThat(Lifecycle.fulfilment(other)).as(other).isEmpty();
    }
    assertThat(Lifecycle.fulfilment(null)).isEmpty();
  }

  @Test
  void groupsMovePaidFulfillingShippedDeliveredAndMaySkipFulfilling() {
    Set<String> allowed = Set.of("paid->fulfilling", "paid->shipped", "fulfilling->shipped", "shipped->delivered");
    for (GroupStatus from : GroupStatus.values()) {
      for (GroupStatus to : GroupStatus.values()) {
        String move = from.text + "->" + to.text;
        assertThat(Lifecycle.groupMayMove(from, to)).as(move).isEqualTo(allowed.contains(move));
      }
    }
  }

  @Test
  void moneyDecidesFirst() {
    assertThat(Lifecycle.afterPayment(1000, 1000, List.of(D))).isEqualTo(OrderStatus.REFUNDED);
    assertThat(Lifecycle.afterPayment(1000, 1200, List.of(P))).isEqualTo(OrderStatus.REFUNDED);
    assertThat(Lifecycle.afterPayment(1000, 1, List.of(D))).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
    assertThat(Lifecycle.afterPayment(1000, 999, List.of(S, R))).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
    // Nothing captured: a refund cannot make the order refunded, only partially so.
    assertThat(Lifecycle.afterPayment(0, 5, List.of(P))).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
  }

  @Test
  void withoutRefundsTheLeastAdvancedLiveGroupDecides() {
    assertThat(Lifecycle.afterPayment(1000, 0, List.of(P, P))).isEqualTo(OrderStatus.PAID);
    assertThat(Lifecycle.afterPayment(1000, 0, List.of(P, F))).isEqualTo(OrderStatus.FULFILLING);
    assertThat(Lifecycle.afterPayment(1000, 0, List.of(P, S))).isEqualTo(OrderStatus.FULFILLING);
    assertThat(Lifecycle.afterPayment(1000, 0, List.of(F, D))).isEqualTo(OrderStatus.FULFILLING);
    assertThat(Lifecycle.afterPayment(1000, 0, List.of(S, S))).isEqualTo(OrderStatus.SHIPPED);
    assertThat(Lifecycle.afterPayment(1000, 0, List.of(S, D))).isEqualTo(OrderStatus.SHIPPED);
    assertThat(Lifecycle.afterPayment(1000, 0, List.of(D, D))).isEqualTo(OrderStatus.DELIVERED);
    // A group still awaiting payment is live: it keeps the order from shipped or delivered.
    assertThat(Lifecycle.afterPayment(1000, 0, List.of(GroupStatus.PENDING_PAYMENT, D)))
        .isEqualTo(OrderStatus.FULFILLING);
    assertThat(Lifecycle.afterPayment(1000, 0, List.of(GroupStatus.PENDING_PAYMENT))).isEqualTo(OrderStatus.PAID);
  }

  @Test
  void cancelledAndRefundedGroupsDoNotCount() {
    assertThat(Lifecycle.afterPayment(1000, 0, List.of(C, D))).isEqualTo(OrderStatus.DELIVERED);
    assertThat(Lifecycle.afterPayment(1000, 0, List.of(R, S))).isEqualTo(OrderStatus.SHIPPED);
    assertThat(Lifecycle.afterPayment(1000, 0, List.of(C, R, F))).isEqualTo(OrderStatus.FULFILLING);
    assertThat(Lifecycle.afterPayment(1000, 0, List.of(C, R))).isEqualTo(OrderStatus.PAID);
    assertThat(Lifecycle.afterPayment(1000, 0, List.of())).isEqualTo(OrderStatus.PAID);
  }

  @Test
  void anOwnerCancelsBeforePaymentOrWhileEveryGroupIsOnlyPaid() {
    for (OrderStatus status : OrderStatus.values()) {
      boolean awaiting = status == OrderStatus.PENDING_PAYMENT || status == OrderStatus.PAYMENT_FAILED;
      for (GroupStatus group : GroupStatus.values()) {
        boolean expected = awaiting || (status == OrderStatus.PAID && group == P);
        assertThat(Lifecycle.ownerMayCancel(order(status, P, group))).as(status.text + " with " + group.text)
            .isEqualTo(expected);
      }
    }
    assertThat(Lifecycle.ownerMayCancel(order(OrderStatus.PAID))).isTrue();
  }

  @Test
  void anAdminCancelsAnythingNotCancelledRefundedOrShipped() {
    for (OrderStatus status : OrderStatus.values()) {
      boolean over = status == OrderStatus.CANCELLED || status == OrderStatus.REFUNDED;
      for (GroupStatus group : GroupStatus.values()) {
        boolean expected = !over && group != S && group != D;
        assertThat(Lifecycle.adminMayCancel(order(status, P, group))).as(status.text + " with " + group.text)
            .isEqualTo(expected);
      }
    }
    assertThat(Lifecycle.adminMayCancel(order(OrderStatus.FULFILLING, F, F))).isTrue();
    assertThat(Lifecycle.adminMayCancel(order(OrderStatus.PARTIALLY_REFUNDED, R, P))).isTrue();
  }

  private static Set<OrderStatus> where(java.util.function.Predicate<OrderStatus> rule) {
    return Arrays.stream(OrderStatus.values()).filter(rule).collect(Collectors.toCollection(
        () -> EnumSet.noneOf(OrderStatus.class)));
  }

  private static Order order(OrderStatus status, GroupStatus... groups) {
    OffsetDateTime now = OffsetDateTime.now();
    List<Order.Group> list = Arrays.stream(groups).map(g -> new Order.Group(UUID.randomUUID(), UUID.randomUUID(), g,
        100, 0, null, null, null, null)).toList();
    return new Order(UUID.randomUUID(), UUID.randomUUID(), status, "EUR", 100L * groups.length + 100, 0, 0, null,
        null, null, null, null, now, now, list, List.of(), List.of(), List.of());
  }
}
