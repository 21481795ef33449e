package mercato.cart;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import mercato.cart.CartRepository.Line;
import mercato.cart.api.CartEvents;
import mercato.cart.api.CartRoutes;
import mercato.catalog.api.CatalogAddresses;
import mercato.inventory.api.InventoryAddresses;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Fields;
import mercato.platform.bus.PeerClient;
import mercato.platform.bus.Principal;
import mercato.platform.bus.Problem;
import mercato.platform.bus.ProblemType;
import mercato.platform.events.Event;
import mercato.platform.events.Outbox;
import mercato.platform.ids.Ids;
import mercato.platform.work.Sequence;

/**
 * The cart use cases. The owner is the signed-in customer (by principal) or the guest
 * holding a cart token; a request with both merges the guest cart into the customer's
 * first, once. Lines keep product and quantity only; a read asks catalog and inventory
 * (one request each) for prices, seller, status and availability.
 */
final class Carts {
  private static final String TOKEN = CartRoutes.TOKEN_HEADER.toLowerCase();

  /** Who owns the cart a request reaches: a customer account or a guest token's hash (or neither). */
  record Owner(UUID accountId, String tokenHash) {}

  /** The cart a request resolved to (null when there is none) and a token issued just now. */
  record Resolved(UUID cartId, String newToken) {}

  /** An affiliate's referral code as links carry it ({@code ?ref=CODE}). */
  /** What a body naming a field the cart does not take is told. */
  private static final String NOT_ALLOWED = "is not allowed (prices and sellers come from the catalog)";
  static final Pattern REFERRAL_CODE = Pattern.compile("^[A-Za-z0-9_-]{4,32}$");

  private final PeerClient peers;
  private final Pool pool;
  private final Outbox outbox;
  private final CartConfig config;

  Carts(Vertx vertx, Pool pool, Outbox outbox, CartConfig config) {
    this.peers = new PeerClient(vertx, config.peerTimeoutMs());
    this.pool = pool;
    this.outbox = outbox;
    this.config = config;
  }

  // ---- HTTP operations ----

  Future<?> view(Envelope envelope) {
    return resolve(envelope, false).compose(cart -> render(cart, envelope.requestId()));
  }

  /**
   * Body {productId, quantity, referralCode?}: adds to the line of that product, or makes one;
   * a referral code replaces the cart's earlier one (last click wins). The item-added event
   * is written in the same transaction.
   */
  Future<?> add(Envelope envelope) {
    Owner owner = owner(envelope); // 403 for a signed-in non-customer before anything else
    JsonObject body = envelope.bodyObject();
    Fields.only(body, Set.of("productId", "quantity", "referralCode"), NOT_ALLOWED);
    UUID productId = Fields.id(body, "productId");
    int quantity = quantity(body, 1);
    String referral = referralCode(body);
    Future<Void> onSale = products(List.of(productId), envelope.requestId()).map(found -> {
      JsonObject product = found.get(productId.toString());
      if (product == null || product.getBoolean("deleted", false)) {
        throw Problem.invalidField("/productId", "no such product");
      }
      if (!"active".equals(product.getString("status"))) {
        throw new Problem(ProblemType.PRODUCT_INACTIVE,
            "The product is not on sale.", List.of(new Problem.FieldError("/productId", "is not active")), null);
      }
      return null;
    });
    // The product is checked before the cart is looked up or made: a refused add changes
    // nothing (made in parallel, each refused guest add left an empty cart behind).
    return onSale.compose(v -> resolve(envelope, true)).compose(cart -> {
      return pool.withTransaction(tx -> CartRepository.lockedLines(tx, cart.cartId()).compose(lines -> {
        Line existing = lines.stream().filter(l -> l.productId().equals(productId)).findFirst().orElse(null);
        if (existing == null && lines.size() >= config.maxLines()) {
          throw Problem.invalidField("/productId", "the cart holds at most " + config.maxLines() + " products");
        }
        int total = quantity + (existing == null ? 0 : existing.quantity());
        if (total > config.maxQuantity()) {
          throw Problem.invalidField("/quantity", "a line holds at most " + config.maxQuantity() + " units");
        }
        Line written = new Line(existing == null ? Ids.uuid7() : existing.id(), productId, total);
        List<Line> after = new ArrayList<>(lines);
        if (existing == null) {
          after.add(written);
        } else {
          after.set(after.indexOf(existing), written);
        }
        // Sent together: the connection pipelines them inside the transaction.
        return Future.all(
                CartRepository.put(tx, cart.cartId(), written),
                CartRepository.touch(tx, cart.cartId(), referral),
                outbox.append(tx, itemAdded(cart.cartId(), owner.accountId(), productId, quantity)))
            .map(after);
      })).compose(lines -> render(cart, lines, envelope.requestId()));
    });
  }

  /** Body {productId, quantity}: sets the quantity of that product's line; 0 removes it. */
  Future<?> update(Envelope envelope) {
    JsonObject body = envelope.bodyObject();
    Fields.only(body, Set.of("productId", "quantity"), NOT_ALLOWED);
    UUID productId = Fields.id(body, "productId");
    int quantity = quantity(body, 0);
    return change(envelope, lines -> byProduct(lines, productId), quantity)
        .compose(cart -> render(cart, envelope.requestId()));
  }

  /** {productId} in the body, or as the {@code productId} query parameter. */
  Future<?> remove(Envelope envelope) {
    String fromQuery = envelope.queryParam("productId");
    UUID productId;
    if (envelope.body() instanceof JsonObject body && body.containsKey("productId")) {
      Fields.only(body, Set.of("productId"), NOT_ALLOWED);
      productId = Fields.id(body, "productId");
    } else if (fromQuery != null) {
      productId = Ids.parse(fromQuery);
      if (productId == null) {
        throw Problem.invalidField("/productId", "must be a UUID");
      }
    } else {
      throw Problem.invalidField("/productId", "is required (in the body or as a query parameter)");
    }
    return change(envelope, lines -> byProduct(lines, productId), 0)
        .compose(cart -> render(cart, envelope.requestId()));
  }

  Future<?> line(Envelope envelope) {
    UUID lineId = Fields.pathId(envelope, "cart_id");
    return resolve(envelope, false).compose(cart -> CartRepository.lines(pool, cart.cartId())).compose(lines -> {
      Line line = byLine(lines, lineId);
      String product = line.productId().toString();
      return Future.all(products(List.of(line.productId()), envelope.requestId()),
              availability(List.of(line.productId()), envelope.requestId()))
          .map(both -> Pricing.line(line, both.<Map<String, JsonObject>>resultAt(0).get(product),
              both.<Map<String, Integer>>resultAt(1).get(product)));
    });
  }

  /** Body {quantity}: sets that line's quantity; 0 removes it. Answers the whole cart. */
  Future<?> updateLine(Envelope envelope) {
    UUID lineId = Fields.pathId(envelope, "cart_id");
    JsonObject body = envelope.bodyObject();
    Fields.only(body, Set.of("quantity"), NOT_ALLOWED);
    int quantity = quantity(body, 0);
    return change(envelope, lines -> byLine(lines, lineId), quantity)
        .compose(cart -> render(cart, envelope.requestId()));
  }

  Future<?> removeLine(Envelope envelope) {
    UUID lineId = Fields.pathId(envelope, "cart_id");
    return change(envelope, lines -> byLine(lines, lineId), 0).mapEmpty();
  }

  // ---- internal operations and events ----

  /**
   * Internal, for the order domain: body {accountId} -> {cartId, lines: [{productId, quantity}],
   * referralCode} (the code only while it is within {@code cart.referralWindowHours}).
   */
  Future<?> forOrder(Envelope envelope) {
    UUID accountId = Fields.id(envelope.bodyObject(), "accountId");
    return CartRepository.find(pool, CartRepository.BY_ACCOUNT, accountId).compose(cartId ->
        Future.all(CartRepository.lines(pool, cartId),
            CartRepository.referral(pool, cartId, config.referralWindowHours())).map(both -> {
          JsonArray out = new JsonArray();
          both.<List<Line>>resultAt(0).forEach(l -> out.add(new JsonObject().put("productId", l.productId().toString())
              .put("quantity", l.quantity())));
          return new JsonObject().put("cartId", cartId == null ? null : cartId.toString()).put("lines", out)
              .put("referralCode", both.<String>resultAt(1));
        }));
  }

  static Event itemAdded(UUID cartId, UUID accountId, UUID productId, int quantity) {
    return Event.of(CartEvents.ITEM_ADDED, cartId.toString(), new JsonObject().put("cartId", cartId.toString())
        .put("accountId", accountId == null ? null : accountId.toString()).put("productId", productId.toString())
        .put("quantity", quantity).put("addedAt", Instant.now().toString()));
  }

  /** order.placed: empties the cart the order was placed from (the inbox makes it once). */
  static Future<?> orderPlaced(Event event, SqlConnection tx) {
    UUID cartId = Ids.parse(event.data().getString("cartId"));
    return cartId == null ? Future.succeededFuture() : CartRepository.empty(tx, cartId);
  }

  Future<Integer> sweep() {
    return CartRepository.sweep(pool, config.abandonAfterHours());
  }

  // ---- owner resolution and merge ----

  static Owner owner(Envelope envelope) {
    Principal principal = envelope.principal();
    if (principal != null && !principal.is("customer")) {
      throw Problem.forbidden("Only customers have a cart.");
    }
    String token = envelope.headers() == null ? null : envelope.headers().getString(TOKEN);
    String hash = token == null || token.isBlank() || token.length() > CartTokens.MAX_LENGTH
        ? null : CartTokens.hash(token.trim());
    return new Owner(principal == null ? null : UUID.fromString(principal.sub()), hash);
  }

  /** The caller's cart, made when {@code create} and missing; merges a guest cart into a customer's. */
  Future<Resolved> resolve(Envelope envelope, boolean create) {
    Owner owner = owner(envelope);
    if (owner.accountId() != null) {
      Future<Void> merged = owner.tokenHash() == null ? Future.succeededFuture() : merge(owner, envelope.requestId());
      return merged.compose(v -> CartRepository.find(pool, CartRepository.BY_ACCOUNT, owner.accountId()))
          .compose(id -> id != null || !create ? Future.succeededFuture(new Resolved(id, null))
              : CartRepository.createForAccount(pool, owner.accountId()).map(made -> new Resolved(made, null)));
    }
    Future<UUID> existing = owner.tokenHash() == null ? Future.succeededFuture()
        : CartRepository.find(pool, CartRepository.BY_TOKEN, owner.tokenHash());
    return existing.compose(id -> {
      if (id != null || !create) {
        return Future.succeededFuture(new Resolved(id, null));
      }
      String token = CartTokens.issue();
      return CartRepository.createForToken(pool, CartTokens.hash(token)).map(made -> new Resolved(made, token));
    });
  }

  /**
   * Moves the guest cart's lines into the customer's cart and deletes the guest cart, in one
   * transaction: quantities of a product in both add up, capped by availability; lines past
   * {@code maxLines} are dropped. A second merge of the same token finds nothing.
   */
  private Future<Void> merge(Owner owner, String requestId) {
    return CartRepository.find(pool, CartRepository.BY_TOKEN, owner.tokenHash()).compose(guestId -> {
      if (guestId == null) {
        return Future.succeededFuture();
      }
      return Future.all(CartRepository.lines(pool, guestId),
              CartRepository.find(pool, CartRepository.BY_ACCOUNT, owner.accountId())
                  .compose(id -> CartRepository.lines(pool, id)))
          .compose(both -> {
            Set<UUID> products = new LinkedHashSet<>();
            both.<List<Line>>resultAt(0).forEach(l -> products.add(l.productId()));
            both.<List<Line>>resultAt(1).forEach(l -> products.add(l.productId()));
            return availability(new ArrayList<>(products), requestId);
          })
          .compose(available -> pool.withTransaction(tx -> CartRepository.createForAccount(tx, owner.accountId())
              .compose(cartId -> CartRepository.lock(tx, cartId)
                  .compose(v -> CartRepository.takeGuest(tx, cartId, owner.tokenHash()))
                  .compose(guest -> guest.isEmpty() ? Future.<Void>succeededFuture()
                      : CartRepository.lines(tx, cartId).compose(mine -> {
                        Map<UUID, Integer> have = new HashMap<>();
                        mine.forEach(l -> have.put(l.productId(), l.quantity()));
                        int count = mine.size();
                        List<Line> merged = new ArrayList<>();
                        for (Line line : guest) {
                          Integer current = have.get(line.productId());
                          if (current == null && count >= config.maxLines()) {
                            continue;
                          }
                          if (current == null) {
                            count++;
                          }
                          int quantity = Pricing.merged(current == null ? 0 : current, line.quantity(),
                              available.get(line.productId().toString()), config.maxQuantity());
                          merged.add(new Line(Ids.uuid7(), line.productId(), quantity));
                        }
                        return Sequence.each(merged, line -> CartRepository.put(tx, cartId, line));
                      }))
                  .compose(v -> CartRepository.touch(tx, cartId)))));
    });
  }

  /** Applies {@code quantity} (0 removes) to the line {@code pick} chooses; 404 when none. */
  private Future<Resolved> change(Envelope envelope, java.util.function.Function<List<Line>, Line> pick, int quantity) {
    return resolve(envelope, false).compose(cart -> {
      if (cart.cartId() == null) {
        throw Problem.notFound("No such line in your cart.");
      }
      return pool.withTransaction(tx -> CartRepository.lock(tx, cart.cartId())
          .compose(v -> CartRepository.lines(tx, cart.cartId()))
          .compose(lines -> {
            Line line = pick.apply(lines);
            return quantity == 0 ? CartRepository.delete(tx, cart.cartId(), line.id())
                : CartRepository.setQuantity(tx, cart.cartId(), line.id(), quantity);
          })
          .compose(v -> CartRepository.touch(tx, cart.cartId()))).map(cart);
    });
  }

  private Future<?> render(Resolved cart, String requestId) {
    return CartRepository.lines(pool, cart.cartId()).compose(lines -> render(cart, lines, requestId));
  }

  /** The cart with {@code lines} as they are now, priced and checked against stock. */
  private Future<?> render(Resolved cart, List<Line> lines, String requestId) {
    List<UUID> ids = lines.stream().map(Line::productId).toList();
    Future<Map<String, JsonObject>> products = ids.isEmpty() ? Future.succeededFuture(Map.of()) : products(ids, requestId);
    Future<Map<String, Integer>> available = ids.isEmpty() ? Future.succeededFuture(Map.of()) : availability(ids, requestId);
    return Future.all(products, available).map(both -> {
      JsonObject body = Pricing.cart(cart.cartId(), lines, both.resultAt(0), both.resultAt(1));
      return new JsonObject().put(CartRoutes.CART, body).put(CartRoutes.TOKEN, cart.newToken());
    });
  }

  // ---- peers ----

  /** Catalog's view of the products, possibly a moment old (a cart shows prices; orders price anew). */
  private Future<Map<String, JsonObject>> products(List<UUID> ids, String requestId) {
    JsonObject body = new JsonObject().put("ids", new JsonArray(ids.stream().map(UUID::toString).toList()))
        .put("cached", true);
    return peers.ask(CatalogAddresses.GET_PRODUCTS, body, requestId)
        .map(reply -> {
          Map<String, JsonObject> found = new LinkedHashMap<>();
          reply.getJsonArray("items")
              .forEach(item -> found.put(((JsonObject) item).getString("id"), (JsonObject) item));
          return found;
        });
  }

  private Future<Map<String, Integer>> availability(List<UUID> ids, String requestId) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    JsonObject body = new JsonObject().put("productIds", new JsonArray(ids.stream().map(UUID::toString).toList()));
    return peers.ask(InventoryAddresses.GET_AVAILABILITY, body, requestId)
        .map(reply -> {
          Map<String, Integer> found = new HashMap<>();
          reply.getJsonArray("items").forEach(item -> found.put(
              ((JsonObject) item).getString("productId"), ((JsonObject) item).getInteger("available")));
          return found;
        });
  }

  // ---- body rules ----

  private int quantity(JsonObject body, int min) {
    Object value = body.getValue("quantity");
    if (!(value instanceof Integer || value instanceof Long)) {
      throw Problem.invalidField("/quantity", "is required and must be an integer");
    }
    long quantity = ((Number) value).longValue();
    if (quantity < min || quantity > config.maxQuantity()) {
      throw Problem.invalidField("/quantity", "must be between " + min + " and " + config.maxQuantity());
    }
    return (int) quantity;
  }

  /** The optional referral code of an add; 400 when it is not 4..32 of [A-Za-z0-9_-]. */
  static String referralCode(JsonObject body) {
    Object value = body.getValue("referralCode");
    if (value == null) {
      return null;
    }
    if (!(value instanceof String code) || !REFERRAL_CODE.matcher(code).matches()) {
      throw Problem.invalidField("/referralCode", "must be 4 to 32 letters, digits, '_' or '-'");
    }
    return code;
  }

  private static Line byProduct(List<Line> lines, UUID productId) {
    return lines.stream().filter(l -> l.productId().equals(productId)).findFirst()
        .orElseThrow(() -> Problem.notFound("The product is not in your cart."));
  }

  private static Line byLine(List<Line> lines, UUID lineId) {
    return lines.stream().filter(l -> l.id().equals(lineId)).findFirst()
        .orElseThrow(() -> Problem.notFound("No such line in your cart."));
  }
}
