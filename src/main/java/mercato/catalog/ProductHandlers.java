package mercato.catalog;

import static mercato.catalog.api.CatalogEvents.*;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import mercato.platform.db.ReadPools;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Fields;
import mercato.platform.bus.Principal;
import mercato.platform.bus.Problem;
import mercato.platform.bus.ProblemType;
import mercato.platform.db.Sql;
import mercato.platform.events.Event;
import mercato.platform.events.Outbox;
import mercato.platform.ids.Ids;

/**
 * One method per product bus address. The owner is always the caller; another seller's
 * product answers 404 as if it did not exist (drafts and archived ones too, for reads).
 * Events go to the outbox in the change's transaction; the cache is evicted after the commit.
 */
final class ProductHandlers {
  static final int MAX_LOOKUP = 500;

  private final Pool pool;
  private final ReadPools reads;
  private final Outbox outbox;
  private final ProductCache cache;
  private final EncodedProducts encoded;
  private final Cache<JsonObject, Buffer> encodings;
  private final CatalogConfig config;

  ProductHandlers(Pool pool, ReadPools reads, Outbox outbox, ProductCache cache, CatalogConfig config) {
    this.pool = pool;
    this.reads = reads;
    this.outbox = outbox;
    this.cache = cache;
    this.encoded = new EncodedProducts(config.localCacheSize());
    // keyed by the cached copy itself (identity): a changed product is a new copy, so a new encoding
    this.encodings = Caffeine.newBuilder().weakKeys().maximumSize(config.localCacheSize()).build();
    this.config = config;
  }

  Future<?> list(Envelope envelope) {
    ProductListing listing = ProductListing.of(envelope, config.defaultPageSize());
    return reads.read(envelope, from -> ProductRepository.list(from, listing)).map(rows -> listing.page(rows, encoded));
  }

  Future<?> get(Envelope envelope) {
    UUID id = Fields.pathId(envelope, "product_id");
    Principal principal = envelope.principal();
    return cache.get(id, () -> ProductRepository.find(pool, id, false)).map(product -> {
      boolean visible = product != null && ("active".equals(product.getString("status")) || (principal != null
          && (principal.isAdmin() || product.getString("sellerId").equals(principal.sub()))));
      if (!visible) {
        throw Problem.notFound("No such product.");
      }
      // Encoded once per cached copy: the bus carries bytes, not a JSON tree to deep-copy, and the edge writes them.
      return encodings.get(product, JsonObject::toBuffer);
    });
  }

  Future<?> create(Envelope envelope) {
    Principal principal = envelope.requirePrincipal();
    if (!principal.isSeller()) {
      throw Problem.forbidden("Only a company or a shop sells products.");
    }
    JsonObject body = envelope.bodyObject();
    Product product = Product.create(Ids.uuid7(), UUID.fromString(principal.sub()), body);
    boolean derivedSlug = body.getValue("slug") == null;
    return insert(product)
        .recover(failure -> {
          // A derived slug that a sibling product already has gets the id's random tail.
          if (derivedSlug && Sql.isUniqueViolation(failure, "products_seller_slug")) {
            String id = product.id().toString();
            return insert(product.withSlug(product.slug() + "-" + id.substring(id.length() - 8)));
          }
          return Future.failedFuture(failure);
        })
        .recover(failure -> Future.failedFuture(conflict(failure)))
        .map(saved -> saved.toJson());
  }

  Future<?> update(Envelope envelope) {
    UUID id = Fields.pathId(envelope, "product_id");
    Principal principal = envelope.requirePrincipal();
    JsonObject body = envelope.bodyObject();
    return pool.withTransaction(tx -> ProductRepository.find(tx, id, true).compose(current -> {
          Product changed = owned(current, principal).apply(body);
          return ProductRepository.update(tx, changed).compose(saved -> ProductRepository.trail(tx, saved.categoryId())
              .compose(trail -> {
            Future<Void> events = outbox.append(tx, Event.of(PRODUCT_UPDATED, id.toString(), saved.snapshot(trail)));
            if (!saved.price().equals(current.price())) {
              events = events.compose(v -> outbox.append(tx, Event.of(PRICE_CHANGED, id.toString(), new JsonObject()
                  .put("productId", id.toString())
                  .put("sellerId", saved.sellerId().toString())
                  .put("name", saved.name())
                  .put("oldPrice", current.price().toJson())
                  .put("newPrice", saved.price().toJson()))));
            }
            return events.map(saved);
          }));
        }))
        .recover(failure -> Future.failedFuture(conflict(failure)))
        .compose(saved -> cache.evict(id).map(saved))
        .map(saved -> saved.toJson());
  }

  Future<?> delete(Envelope envelope) {
    UUID id = Fields.pathId(envelope, "product_id");
    Principal principal = envelope.requirePrincipal();
    return pool.withTransaction(tx -> ProductRepository.find(tx, id, true).compose(current -> {
          owned(current, principal);
          return ProductRepository.softDelete(tx, id).compose(deleted -> outbox.append(tx,
              Event.of(PRODUCT_DELETED, id.toString(), new JsonObject()
                  .put("productId", id.toString())
                  .put("sellerId", deleted.sellerId().toString())
                  .put("sku", deleted.sku())
                  .put("version", deleted.version()))));
        }))
        .compose(v -> cache.evict(id))
        .mapEmpty();
  }

  /**
   * Internal: current price, seller and state of many products, soft-deleted ones included.
   * With {@code cached: true} the answer may come from this node's memory (evicted on every
   * change, so at most a moment old): for showing a cart, never for pricing an order.
   */
  Future<?> lookup(Envelope envelope) {
    JsonObject body = envelope.bodyObject();
    UUID[] parsed = Fields.ids(body, "ids", MAX_LOOKUP).toArray(UUID[]::new);
    Future<List<JsonObject>> items = Boolean.TRUE.equals(body.getValue("cached"))
        ? cache.lookups(parsed, missing -> ProductRepository.findMany(pool, missing))
        : ProductRepository.findMany(pool, parsed).map(products -> products.stream().map(Product::lookup).toList());
    return items.map(found -> new JsonObject().put("items", new JsonArray(new ArrayList<>(found))));
  }

  /**
   * Internal: body {@code {after: uuid|null, limit}} -> {@code {items: [product snapshot], nextAfter}}; every
   * live product (any status) in id order, {@code nextAfter} null on the last page.
   */
  Future<?> export(Envelope envelope) {
    JsonObject body = envelope.bodyObject();
    Object afterValue = body.getValue("after");
    UUID after = afterValue == null ? null : afterValue instanceof String text ? Ids.parse(text) : null;
    if (afterValue != null && after == null) {
      throw Problem.invalidField("/after", "must be a product id");
    }
    int limit = body.getValue("limit") instanceof Number n ? n.intValue() : config.defaultPageSize();
    if (limit < 1 || limit > MAX_LOOKUP) {
      throw Problem.invalidField("/limit", "must be from 1 to " + MAX_LOOKUP);
    }
    return ProductRepository.export(pool, after, limit).map(items -> new JsonObject()
        .put("items", new JsonArray(items))
        .put("nextAfter", items.size() < limit ? null : items.get(items.size() - 1).getString("productId")));
  }

  private Future<Product> insert(Product product) {
    return pool.withTransaction(tx -> ProductRepository.insert(tx, product).compose(saved ->
        ProductRepository.trail(tx, saved.categoryId()).compose(trail ->
            outbox.append(tx, Event.of(PRODUCT_CREATED, saved.id().toString(), saved.snapshot(trail))).map(saved))));
  }

  /** The product when the caller owns it or is an admin; otherwise it does not exist for them. */
  private static Product owned(Product product, Principal principal) {
    if (product == null || !(principal.isAdmin() || product.ownedBy(principal.sub()))) {
      throw Problem.notFound("No such product.");
    }
    return product;
  }

  /** Unique and foreign-key violations as the answers they are; anything else unchanged. */
  static Throwable conflict(Throwable failure) {
    if (Sql.isUniqueViolation(failure, "products_seller_sku")) {
      return new Problem(ProblemType.CONFLICT, "You already sell a product with this sku.",
          java.util.List.of(new Problem.FieldError("/sku", "is already used by another of your products")), null);
    }
    if (Sql.isUniqueViolation(failure, "products_seller_slug")) {
      return new Problem(ProblemType.CONFLICT, "You already sell a product with this slug.",
          java.util.List.of(new Problem.FieldError("/slug", "is already used by another of your products")), null);
    }
    if (Sql.isForeignKeyViolation(failure, "products_category_id_fkey")) {
      return Problem.invalidField("/categoryId", "is not a known category");
    }
    return failure;
  }
}
