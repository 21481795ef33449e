package mercato.order;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import mercato.inventory.api.InventoryStates;
import mercato.order.api.OrderEvents;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Principal;
import mercato.platform.bus.Problem;
import mercato.platform.bus.Problem.FieldError;
import mercato.platform.bus.ProblemType;
import mercato.platform.events.Event;
import mercato.platform.events.Outbox;
import mercato.platform.idempotency.IdempotencyKeys;
import mercato.platform.money.Money;
import mercato.platform.work.Sequence;

/**
 * POST /orders, step 1 of the checkout saga: prices from the catalog, every line reserved
 * by inventory (all or nothing), then the order, its groups per seller, its history and the
 * placed event in one transaction. The order id comes with the Idempotency-Key claim, so a
 * repeat that takes over a crashed attempt reserves and stores the same order, never a
 * second one. A batch places each order on its own and answers per order.
 */
final class Placement {
  /** What a batch item reports for a placed order: the status a single placement answers. */
  static final int PLACED = 201;

  private final Pool pool;
  private final Outbox outbox;
  private final Peers peers;
  private final IdempotencyKeys keys;
  private final OrderConfig config;
  private final Counter placed;

  /** {@code placed} counts each order whose transaction committed (never a replay nor a take-over that found it). */
  Placement(Pool pool, Outbox outbox, Peers peers, IdempotencyKeys keys, OrderConfig config, Counter placed) {
    this.pool = pool;
    this.outbox = outbox;
    this.peers = peers;
    this.keys = keys;
    this.config = config;
    this.placed = placed;
  }

  /** {@code mercato_order_placed_total}: orders placed on this node (committed with their placed event). */
  static Counter placedCounter(MeterRegistry registry) {
    return Counter.builder("mercato.order.placed")
        .description("Orders placed: committed together with their placed event, once per order").register(registry);
  }

  Future<?> place(Envelope envelope) {
    Principal customer = envelope.requirePrincipal();
    JsonObject body = envelope.bodyObject();
    if (OrderRequest.isBatch(body)) {
      List<JsonObject> orders = OrderRequest.batch(body, config.maxBatch());
      return keys.run(envelope, orders.size(), claim -> batch(envelope, customer, orders, claim));
    }
    OrderRequest request = OrderRequest.parse(body, config);
    return keys.run(envelope, 1, claim -> placeOne(envelope, customer, request, claim.ids().get(0), claim.fresh(), claim));
  }

  /** Each order in turn, each succeeding or failing on its own: 200 with one result per order. */
  private Future<?> batch(Envelope envelope, Principal customer, List<JsonObject> orders, IdempotencyKeys.Claim claim) {
    List<UUID> ids = claim.ids();
    JsonArray results = new JsonArray();
    return Sequence.each(IntStream.range(0, orders.size()).boxed().toList(), index -> {
      Future<JsonObject> one;
      try {
        one = placeOne(envelope, customer, OrderRequest.parse(orders.get(index), config), ids.get(index), claim.fresh(), null);
      } catch (Problem invalid) {
        one = Future.failedFuture(invalid);
      }
      return one.transform(done -> {
        JsonObject result = new JsonObject().put("index", index);
        if (done.succeeded()) {
          result.put("status", PLACED).put("order", done.result());
        } else if (done.cause() instanceof Problem problem) {
          result.put("status", problem.status()).put("problem", problem.toJson(null, envelope.requestId()));
        } else {
          return Future.failedFuture(done.cause());
        }
        results.add(result);
        return Future.succeededFuture();
      });
    }).map(v -> new JsonObject().put("results", results));
  }

  /** One order under {@code orderId}; {@code fresh}: the id is new, so no earlier attempt made it. */
  private Future<JsonObject> placeOne(Envelope envelope, Principal customer, OrderRequest request, UUID orderId,
      boolean fresh, IdempotencyKeys.Claim claim) {
    UUID accountId = UUID.fromString(customer.sub());
    // Only a take-over of an abandoned claim can find an order made under its id.
    Future<Order> earlier = fresh ? Future.succeededFuture() : OrderRepository.load(pool, orderId, false);
    return earlier.compose(existing -> {
      if (existing != null) {
        return Future.succeededFuture(created(existing)); // an earlier attempt with this key got this far
      }
      return wanted(request, accountId, envelope.requestId())
          .compose(source -> price(orderId, accountId, request, source, envelope.requestId())
              .compose(draft -> store(draft, inOrder(draft, source.lines()), envelope, claim)));
    });
  }

  /** The lines asked for: the request's, or the customer's cart (with its referral code). */
  private Future<Source> wanted(OrderRequest request, UUID accountId, String requestId) {
    if (!request.fromCart()) {
      return Future.succeededFuture(new Source(null, request.lines(), request.referralCode()));
    }
    return peers.cart(accountId, requestId).map(cart -> {
      JsonArray lines = cart.getJsonArray("lines");
      if (cart.getString("cartId") == null || lines == null || lines.isEmpty()) {
        throw new Problem(ProblemType.CART_EMPTY, "There is nothing in your cart to order.");
      }
      List<FieldError> errors = new ArrayList<>();
      List<OrderRequest.Wanted> wanted = OrderRequest.lines(lines, "/cart/lines", config, errors);
      if (!errors.isEmpty()) {
        throw Problem.validation("The cart cannot be ordered as it is.", errors);
      }
      String referral = request.referralCode() != null ? request.referralCode() : cart.getString("referralCode");
      return new Source(UUID.fromString(cart.getString("cartId")), wanted, referral);
    });
  }

  private record Source(UUID cartId, List<OrderRequest.Wanted> lines, String referralCode) {}

  private Future<Draft> price(UUID orderId, UUID accountId, OrderRequest request, Source source, String requestId) {
    List<UUID> ids = source.lines().stream().map(OrderRequest.Wanted::productId).toList();
    return peers.products(ids, requestId).map(products -> new Draft(orderId, accountId, source.cartId(),
        source.referralCode(), request.shippingAddress(), currency(source.lines(), products),
        groups(source.lines(), products, Map.of())));
  }

  /**
   * The lines priced and split per seller, in the order asked. {@code kept} holds lines
   * already on an order, whose price stays the one fixed at placement.
   */
  static List<Draft.Group> groups(List<OrderRequest.Wanted> lines, Map<UUID, JsonObject> products,
      Map<UUID, Kept> kept) {
    List<FieldError> unavailable = new ArrayList<>();
    Map<UUID, List<Draft.Line>> bySeller = new LinkedHashMap<>();
    Map<UUID, UUID> groupIds = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      OrderRequest.Wanted wanted = lines.get(i);
      JsonObject product = products.get(wanted.productId());
      Kept before = kept.get(wanted.productId());
      if (before == null && (product == null || product.getBoolean("deleted", false)
          || !"active".equals(product.getString("status")))) {
        unavailable.add(new FieldError("/lines/" + i + "/productId", "is not a product on sale"));
        continue;
      }
      UUID seller = before != null ? before.sellerId() : UUID.fromString(product.getString("sellerId"));
      Draft.Line line = before != null
          ? new Draft.Line(before.line().productId(), before.line().sku(), before.line().name(), wanted.quantity(),
              before.line().unitPrice())
          : new Draft.Line(wanted.productId(), product.getString("sku"), product.getString("name"), wanted.quantity(),
              product.getJsonObject("price").getLong("amount"));
      bySeller.computeIfAbsent(seller, s -> new ArrayList<>()).add(line);
      groupIds.computeIfAbsent(seller, s -> mercato.platform.ids.Ids.uuid7());
    }
    if (!unavailable.isEmpty()) {
      throw new Problem(ProblemType.PRODUCT_UNAVAILABLE,
          "Some lines name products that are not on sale; nothing was ordered.", unavailable, null);
    }
    List<Draft.Group> groups = new ArrayList<>();
    bySeller.forEach((seller, sellerLines) -> groups.add(new Draft.Group(groupIds.get(seller), seller, sellerLines)));
    return groups;
  }

  /** A line already on the order, with the seller it was bought from. */
  record Kept(UUID sellerId, Draft.Line line) {}

  /** One currency per order. */
  static String currency(List<OrderRequest.Wanted> lines, Map<UUID, JsonObject> products) {
    String currency = null;
    for (OrderRequest.Wanted wanted : lines) {
      JsonObject product = products.get(wanted.productId());
      if (product == null) {
        continue;
      }
      String c = product.getJsonObject("price").getString("currency");
      if (currency != null && !currency.equals(c)) {
        throw new Problem(ProblemType.CURRENCY_MISMATCH,
            "The products are priced in " + currency + " and " + c + "; place one order per currency.");
      }
      currency = c;
    }
    return currency;
  }

  /** Reserve, then store; a failed store gives the reservation back. */
  private Future<JsonObject> store(Draft draft, List<Draft.Line> ordered, Envelope envelope, IdempotencyKeys.Claim claim) {
    if (draft.total() <= 0) {
      throw new Problem(ProblemType.ZERO_TOTAL, "An order must cost something.");
    }
    String actor = "customer:" + draft.accountId();
    return peers.reserve(draft.id(), ordered, config.reservationTtlSeconds(), envelope.requestId())
        .compose(reservation -> {
          if (!InventoryStates.RESERVATION_ACTIVE.equals(reservation.getString("status"))) {
            return Future.failedFuture(new Problem(ProblemType.RESERVATION_LOST,
                "The stock held for this request was released; send the order again with a new Idempotency-Key."));
          }
          JsonArray allocations = reservation.getJsonArray("allocations");
          OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
          JsonObject reply = created(Order.placed(draft, allocations, actor, now));
          // The order's rows, its event and the stored answer: pipelined in one transaction.
          return pool.withTransaction(tx -> Future.all(OrderRepository.insert(tx, draft, allocations, actor),
                  outbox.append(tx, Event.of(OrderEvents.PLACED, draft.id().toString(), new JsonObject()
                      .put("orderId", draft.id().toString()).put("accountId", draft.accountId().toString())
                      .put("cartId", draft.cartId() == null ? null : draft.cartId().toString())
                      .put("referralCode", draft.referralCode())
                      .put("total", Money.json(draft.total(), draft.currency()))
                      .put("placedAt", now.toInstant().toString())
                      .put("groups", draft.groupsJson()))),
                  claim == null ? Future.succeededFuture() : keys.settle(tx, claim, reply)))
              .onSuccess(committed -> placed.increment())
              .map(reply)
              .recover(failure -> peers.release(draft.id(), envelope.requestId())
                  .transform(released -> Future.failedFuture(failure)));
        });
  }

  /** The draft's lines in the order the customer listed them, so a 409 names the right line. */
  static List<Draft.Line> inOrder(Draft draft, List<OrderRequest.Wanted> wanted) {
    Map<UUID, Draft.Line> byProduct = new LinkedHashMap<>();
    draft.lines().forEach(line -> byProduct.put(line.productId(), line));
    return wanted.stream().map(w -> byProduct.get(w.productId())).toList();
  }

  static JsonObject created(Order order) {
    return OrderView.of(order, order.groups(), true);
  }
}
