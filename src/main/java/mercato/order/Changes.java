package mercato.order;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import mercato.order.api.OrderEvents;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Fields;
import mercato.platform.bus.Principal;
import mercato.platform.bus.Problem;
import mercato.platform.bus.Problem.FieldError;
import mercato.platform.bus.ProblemType;
import mercato.platform.events.Event;
import mercato.platform.events.Outbox;

/**
 * PUT /orders/{id}. The owner (or an admin) changes the shipping address or the lines while
 * the order awaits payment: kept lines keep their placement price, new ones are priced now,
 * and inventory swaps the reservation in one step (all or nothing). A seller, the warehouse
 * shipping a group, or an admin moves a group's fulfilment along paid -> fulfilling ->
 * shipped (carrier and tracking number) -> delivered.
 */
final class Changes {
  static final Set<String> CONTENT_FIELDS = Set.of("shippingAddress", "lines");
  static final Set<String> FULFILMENT_FIELDS = Set.of("status", "groupId", "carrier", "trackingNumber", "note");
  static final int MAX_SHIPMENT_FIELD = 100;
  static final String SET_ADDRESS = "UPDATE orders SET shipping_address = $2, updated_at = now() WHERE id = $1";

  private final Pool pool;
  private final Outbox outbox;
  private final Peers peers;
  private final OrderConfig config;

  Changes(Pool pool, Outbox outbox, Peers peers, OrderConfig config) {
    this.pool = pool;
    this.outbox = outbox;
    this.peers = peers;
    this.config = config;
  }

  Future<?> update(Envelope envelope) {
    Principal caller = envelope.requirePrincipal();
    UUID id = Fields.pathId(envelope, "order_id");
    JsonObject body = envelope.bodyObject();
    boolean fulfilment = body.containsKey("status");
    Set<String> allowed = fulfilment ? FULFILMENT_FIELDS : CONTENT_FIELDS;
    List<FieldError> errors = new ArrayList<>();
    errors.addAll(Fields.unexpected(body, "", allowed, fulfilment ? "cannot be changed together with a status"
        : "is not a field you can change (shippingAddress, lines, or status for fulfilment)"));
    if (body.isEmpty()) {
      errors.add(new FieldError("", "says nothing to change"));
    }
    if (!errors.isEmpty()) {
      throw Problem.validation("The change is invalid.", errors);
    }
    String actor = caller.typ() + ":" + caller.sub();
    // What the peers know (the caller's warehouse, the new lines' prices) is asked before the
    // transaction opens; only the reservation swap is still asked under the order's row lock.
    return Involvement.warehouse(caller, peers, envelope.requestId()).compose(warehouse -> prices(body, fulfilment,
        envelope.requestId()).compose(prices -> pool.withTransaction(tx -> OrderRepository.load(tx, id, true)
            .compose(order -> Involvement.of(caller, order, warehouse).compose(involved -> fulfilment
                ? move(tx, order, involved, body, actor)
                : change(tx, order, involved, caller, body, actor, prices, envelope.requestId())))))
        .compose(v -> OrderRepository.load(pool, id, false))
        .compose(order -> Involvement.of(caller, order, warehouse)
            .map(involved -> OrderView.of(order, involved.groups(), involved.whole()))));
  }

  /** Catalog's view of every product a change of lines names (an invalid body asks nothing; change() says why). */
  private Future<Map<UUID, JsonObject>> prices(JsonObject body, boolean fulfilment, String requestId) {
    if (fulfilment || !body.containsKey("lines")) {
      return Future.succeededFuture(Map.of());
    }
    List<FieldError> errors = new ArrayList<>();
    List<OrderRequest.Wanted> lines = OrderRequest.lines(body.getValue("lines"), "/lines", config, errors);
    return !errors.isEmpty() || lines == null ? Future.succeededFuture(Map.of())
        : peers.products(lines.stream().map(OrderRequest.Wanted::productId).distinct().toList(), requestId);
  }

  /** A group's fulfilment status; the order's status follows its groups. */
  private Future<Void> move(SqlConnection tx, Order order, Involvement involved, JsonObject body, String actor) {
    if (involved.owner()) {
      return Future.failedFuture(Problem.forbidden("Sellers and their warehouses move fulfilment, not customers."));
    }
    GroupStatus to = Lifecycle.fulfilment(Fields.text(body, "status", 40)).orElse(null);
    if (to == null) {
      return Future.failedFuture(Problem.invalidField("/status", "must be fulfilling, shipped or delivered"));
    }
    Order.Group group = target(order, involved, body);
    if (!Lifecycle.wasPaid(order.status()) || order.status() == OrderStatus.REFUNDED) {
      return Future.failedFuture(new Problem(ProblemType.INVALID_STATE,
          "The order is " + order.status().text + "; only a paid order is fulfilled."));
    }
    if (!Lifecycle.groupMayMove(group.status(), to)) {
      return Future.failedFuture(new Problem(ProblemType.INVALID_STATE,
          "The group is " + group.status().text + "; it cannot become " + to.text + "."));
    }
    boolean shipped = to == GroupStatus.SHIPPED;
    String carrier = shipped ? Fields.text(body, "carrier", MAX_SHIPMENT_FIELD) : null;
    String tracking = shipped ? Fields.text(body, "trackingNumber", MAX_SHIPMENT_FIELD) : null;
    String note = Fields.optionalText(body, "note", 500);
    List<GroupStatus> statuses = order.groups().stream().map(g -> g.id().equals(group.id()) ? to : g.status()).toList();
    OrderStatus orderStatus = Lifecycle.afterPayment(order.captured(), order.refunded(), statuses);
    Future<Void> done = tx.preparedQuery(OrderRepository.SET_GROUP)
        .execute(Tuple.of(group.id(), to.text, carrier, tracking))
        .compose(v -> OrderRepository.history(tx, order.id(), OrderRepository.Step.group(group, to, actor, note)));
    if (orderStatus != order.status()) {
      done = done.compose(v -> OrderRepository.move(tx, order, orderStatus, null, actor, null))
          .compose(v -> outbox.append(tx, StatusChanged.of(order, orderStatus)));
    }
    JsonObject data = new JsonObject().put("orderId", order.id().toString())
        .put("accountId", order.accountId().toString()).put("groupId", group.id().toString())
        .put("sellerId", group.sellerId().toString());
    if (shipped) {
      return done.compose(v -> outbox.append(tx, Event.of(OrderEvents.SHIPPED, order.id().toString(), data
          .put("carrier", carrier).put("trackingNumber", tracking).put("shippedAt", Instant.now().toString()))));
    }
    if (to == GroupStatus.DELIVERED) {
      return done.compose(v -> outbox.append(tx, Event.of(OrderEvents.DELIVERED, order.id().toString(),
          data.put("deliveredAt", Instant.now().toString()))));
    }
    return done;
  }

  private static Order.Group target(Order order, Involvement involved, JsonObject body) {
    if (body.getValue("groupId") != null) {
      UUID groupId = Fields.id(body, "groupId");
      return involved.groups().stream().filter(g -> g.id().equals(groupId)).findFirst()
          .orElseThrow(() -> Problem.invalidField("/groupId", "is not a group of this order you may move"));
    }
    if (involved.groups().size() != 1) {
      throw Problem.invalidField("/groupId", "is required: the order has " + involved.groups().size() + " groups");
    }
    return involved.groups().get(0);
  }

  /** Address and lines, by the owner or an admin, while the order awaits payment. */
  private Future<Void> change(SqlConnection tx, Order order, Involvement involved, Principal caller, JsonObject body,
      String actor, Map<UUID, JsonObject> prices, String requestId) {
    if (!involved.owner() && !caller.isAdmin()) {
      return Future.failedFuture(Problem.forbidden("Only the customer who placed the order changes its contents."));
    }
    List<FieldError> errors = new ArrayList<>();
    JsonObject address = body.containsKey("shippingAddress")
        ? OrderRequest.address(body.getValue("shippingAddress"), "/shippingAddress", errors) : null;
    List<OrderRequest.Wanted> lines = body.containsKey("lines")
        ? OrderRequest.lines(body.getValue("lines"), "/lines", config, errors) : null;
    if (!errors.isEmpty()) {
      return Future.failedFuture(Problem.validation("The change is invalid.", errors));
    }
    if (!Lifecycle.awaitsPayment(order.status())) {
      return Future.failedFuture(new Problem(ProblemType.INVALID_STATE,
          "The order is " + order.status().text + "; only an order awaiting payment can be changed."));
    }
    Future<Void> done = address == null ? Future.succeededFuture()
        : tx.preparedQuery(SET_ADDRESS).execute(Tuple.of(order.id(), address)).mapEmpty();
    if (lines == null) {
      return done.compose(v -> OrderRepository.history(tx, order.id(),
          OrderRepository.Step.order(order.status(), order.status(), actor, "shipping address changed")));
    }
    return done.compose(v -> relines(tx, order, lines, prices, actor, requestId));
  }

  private Future<Void> relines(SqlConnection tx, Order order, List<OrderRequest.Wanted> lines,
      Map<UUID, JsonObject> prices, String actor, String requestId) {
    Map<UUID, Placement.Kept> kept = new LinkedHashMap<>();
    order.lines().forEach(l -> kept.put(l.productId(), new Placement.Kept(order.group(l.groupId()).sellerId(),
        new Draft.Line(l.productId(), l.sku(), l.name(), l.quantity(), l.unitPrice()))));
    Map<UUID, JsonObject> found = new LinkedHashMap<>(prices);
    found.keySet().retainAll(lines.stream().map(OrderRequest.Wanted::productId).filter(p -> !kept.containsKey(p))
        .toList());
    String currency = Placement.currency(lines, found);
    if (currency != null && !currency.equals(order.currency())) {
      return Future.failedFuture(new Problem(ProblemType.CURRENCY_MISMATCH,
          "The order is in " + order.currency() + "; " + currency + " products need their own order."));
    }
    List<Draft.Group> groups = regroup(order, Placement.groups(lines, found, kept));
    Draft draft = new Draft(order.id(), order.accountId(), order.cartId(), order.referralCode(),
        order.shippingAddress(), order.currency(), groups);
    // Still under the row lock: the swap must not race a capture of the old total (the
    // order's lines and its reservation would then disagree). Inventory's own transaction is
    // short, and the order answers the customer with its outcome (409 out-of-stock).
    return peers.replace(order.id(), Placement.inOrder(draft, lines), requestId)
        .compose(reservation -> OrderRepository.replaceContents(tx, draft, reservation.getJsonArray("allocations")))
        .compose(v -> OrderRepository.history(tx, order.id(), OrderRepository.Step.order(order.status(),
            order.status(), actor, "lines changed; total " + order.total() + " -> " + draft.total())));
  }

  /** A seller that stays on the order keeps its group id. */
  private static List<Draft.Group> regroup(Order order, List<Draft.Group> groups) {
    List<Draft.Group> out = new ArrayList<>();
    for (Draft.Group group : groups) {
      Order.Group before = order.groupOf(group.sellerId());
      out.add(before == null ? group : new Draft.Group(before.id(), group.sellerId(), group.lines()));
    }
    return out;
  }
}
