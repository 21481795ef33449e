package mercato.order;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import mercato.order.api.OrderEvents;
import mercato.platform.events.Event;
import mercato.platform.events.Outbox;
import mercato.platform.money.Money;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 3 of the checkout saga: the order follows the payment's events, each in the inbox
 * transaction (a redelivery is skipped) under the order's row lock. Captured money for an
 * awaiting order makes it paid, and the paid event makes inventory commit its stock; money
 * the order cannot keep (it was cancelled, or its total changed meanwhile) is handed back
 * through refund-due.
 */
final class PaymentReactions {
  private static final Logger LOG = LoggerFactory.getLogger(PaymentReactions.class);
  static final String PAID = """
      UPDATE orders SET status = $4, captured = $2, payment_id = $3, updated_at = now() WHERE id = $1
      """;
  static final String CAPTURED = "UPDATE orders SET captured = captured + $2, updated_at = now() WHERE id = $1";
  static final String REFUNDED = """
      UPDATE orders SET refunded = GREATEST(refunded, $2), status = $3, updated_at = now() WHERE id = $1
      """;
  static final String GROUP_REFUNDED = """
      UPDATE order_groups SET refunded = refunded + $2,
             status = CASE WHEN refunded + $2 >= total THEN 'refunded' ELSE status END
       WHERE id = $1 AND order_id = $3
      RETURNING status
      """;
  static final String ERASE_ADDRESSES = """
      UPDATE orders SET shipping_address = '{"erased": true}'::jsonb, updated_at = now() WHERE account_id = $1
      """;

  private final Outbox outbox;

  PaymentReactions(Outbox outbox) {
    this.outbox = outbox;
  }

  /** payment.captured {paymentId, orderId, accountId, amount}. */
  Future<?> captured(Event event, SqlConnection tx) {
    JsonObject data = event.data();
    UUID orderId = UUID.fromString(data.getString("orderId"));
    UUID paymentId = UUID.fromString(data.getString("paymentId"));
    long amount = data.getJsonObject("amount").getLong("amount");
    String currency = data.getJsonObject("amount").getString("currency");
    return OrderRepository.load(tx, orderId, true).compose(order -> {
      if (order == null) {
        LOG.warn("payment {} captured for unknown order {}", paymentId, orderId);
        return Future.succeededFuture();
      }
      if (paymentId.equals(order.paymentId())) {
        return Future.succeededFuture(); // already applied
      }
      if (!Lifecycle.awaitsPayment(order.status())) {
        String reason = order.status() == OrderStatus.CANCELLED ? "order-cancelled" : "order-already-paid";
        return tx.preparedQuery(CAPTURED).execute(Tuple.of(orderId, amount))
            .compose(v -> refundDue(tx, order, reason));
      }
      if (amount != order.total() || !currency.equals(order.currency())) {
        return refundDue(tx, order, "amount-mismatch");
      }
      // Inventory commits the reservation when it receives order.paid (no bus call here,
      // under the row lock); one that expired meanwhile cancels the order through its event.
      return paid(tx, order, paymentId, amount);
    });
  }

  private Future<Void> paid(SqlConnection tx, Order order, UUID paymentId, long amount) {
    String paidAt = Instant.now().toString();
    // Independent writes of one transaction: sent together, the connection pipelines them.
    return Future.all(
        tx.preparedQuery(PAID).execute(Tuple.of(order.id(), amount, paymentId, OrderStatus.PAID.text)),
        tx.preparedQuery(OrderRepository.SET_ALL_GROUPS).execute(Tuple.of(order.id(), GroupStatus.PAID.text)),
        OrderRepository.history(tx, order.id(),
            OrderRepository.Step.order(order.status(), OrderStatus.PAID, "system:payment", null)),
        outbox.append(tx, StatusChanged.of(order, OrderStatus.PAID)),
        outbox.append(tx, Event.of(OrderEvents.PAID, order.id().toString(), new JsonObject()
            .put("orderId", order.id().toString()).put("accountId", order.accountId().toString())
            .put("paymentId", paymentId.toString()).put("referralCode", order.referralCode())
            .put("total", Money.json(order.total(), order.currency()))
            .put("placedAt", OrderView.time(order.placedAt())).put("paidAt", paidAt)
            .put("groups", order.draft().groupsJson())))).mapEmpty();
  }

  /** payment.failed {paymentId, orderId, reason}: an order awaiting payment may be paid again. */
  Future<?> failed(Event event, SqlConnection tx) {
    UUID orderId = UUID.fromString(event.data().getString("orderId"));
    return OrderRepository.load(tx, orderId, true).compose(order -> order == null
        || order.status() != OrderStatus.PENDING_PAYMENT ? Future.succeededFuture()
        : OrderRepository.move(tx, order, OrderStatus.PAYMENT_FAILED, null, "system:payment",
            event.data().getString("reason"))
            .compose(v -> outbox.append(tx, StatusChanged.of(order, OrderStatus.PAYMENT_FAILED))));
  }

  /** payment.refunded {paymentId, orderId, refundId, amount, refundedTotal, capturedTotal, groupId?}. */
  Future<?> refunded(Event event, SqlConnection tx) {
    JsonObject data = event.data();
    UUID orderId = UUID.fromString(data.getString("orderId"));
    long amount = data.getJsonObject("amount").getLong("amount");
    long refundedTotal = data.getJsonObject("refundedTotal").getLong("amount");
    UUID groupId = data.getString("groupId") == null ? null : UUID.fromString(data.getString("groupId"));
    return OrderRepository.load(tx, orderId, true).compose(order -> {
      if (order == null) {
        return Future.succeededFuture();
      }
      Future<List<GroupStatus>> groupStatuses = groupId == null
          ? Future.succeededFuture(order.groups().stream().map(Order.Group::status).toList())
          : tx.preparedQuery(GROUP_REFUNDED).execute(Tuple.of(groupId, amount, orderId)).map(rows -> order.groups()
              .stream().map(g -> g.id().equals(groupId) && rows.size() == 1
                  ? GroupStatus.of(rows.iterator().next().getString("status")) : g.status()).toList());
      return groupStatuses.compose(statuses -> {
        long refunded = Math.max(order.refunded(), refundedTotal);
        boolean unpaid = order.status() == OrderStatus.CANCELLED || Lifecycle.awaitsPayment(order.status());
        OrderStatus status = unpaid ? order.status() : Lifecycle.afterPayment(order.captured(), refunded, statuses);
        Future<Void> moved = status == order.status() ? Future.succeededFuture()
            : OrderRepository.history(tx, orderId,
                    OrderRepository.Step.order(order.status(), status, "system:payment", "refund"))
                .compose(v -> outbox.append(tx, StatusChanged.of(order, status)));
        return moved
            .compose(v -> tx.preparedQuery(REFUNDED).execute(Tuple.of(orderId, refunded, status.text)))
            .compose(v -> outbox.append(tx, Event.of(OrderEvents.REFUNDED, orderId.toString(), new JsonObject()
                .put("orderId", orderId.toString()).put("accountId", order.accountId().toString())
                .put("paymentId", data.getString("paymentId")).put("refundId", data.getString("refundId"))
                .put("groupId", groupId == null ? null : groupId.toString())
                .put("amount", Money.json(amount, order.currency()))
                .put("refundedTotal", Money.json(refunded, order.currency()))
                .put("total", Money.json(order.total(), order.currency()))
                .put("status", status.text).put("refundedAt", Instant.now().toString()))));
      });
    });
  }

  /** auth.account-closed {accountId}: orders stay (sellers and books need them) without the address. */
  Future<?> accountClosed(Event event, SqlConnection tx) {
    return tx.preparedQuery(ERASE_ADDRESSES).execute(Tuple.of(UUID.fromString(event.data().getString("accountId"))));
  }

  private Future<Void> refundDue(SqlConnection tx, Order order, String reason) {
    LOG.info("order {}: captured money goes back ({})", order.id(), reason);
    return outbox.append(tx, Event.of(OrderEvents.REFUND_DUE, order.id().toString(), new JsonObject()
        .put("orderId", order.id().toString()).put("accountId", order.accountId().toString()).put("reason", reason)));
  }
}
