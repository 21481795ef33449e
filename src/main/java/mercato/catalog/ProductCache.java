package mercato.catalog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import mercato.catalog.api.CatalogAddresses;
import mercato.platform.metrics.CacheCounters;
import mercato.platform.metrics.NodeMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Product reads, cached twice: a small in-memory copy per node, then Redis
 * ({@code mercato:catalog:product:<id>}), then the database. Lookups that may be a moment
 * old (a cart's prices; never an order's) keep their own in-memory copies, evicted with
 * the product's. After every committed change
 * {@link #evict} deletes the Redis key and publishes the id so every catalog node drops its
 * memory copy; it repeats that once a moment later, because a read that loaded the old row
 * just before the commit may write it back after the first eviction. TTLs bound whatever a
 * lost broadcast leaves behind. A Redis outage degrades to database reads, never to errors.
 *
 * <p>An eviction completes when this node has received its own broadcast: on a clustered
 * bus a publish first looks the subscribers up in the cluster, and only then goes out to
 * every node at once, so waiting for the own copy keeps the reply to a change from
 * overtaking the broadcast to the other nodes (a read sent to another node after the reply
 * then finds the copy there gone).
 *
 * <p>Each layer counts its hits and misses ({@code mercato_cache_requests_total} with cache
 * {@code catalog-product}, {@code catalog-product-redis}, {@code catalog-lookup}); a Redis
 * read that fails counts as a miss.
 */
final class ProductCache {
  private static final Logger LOG = LoggerFactory.getLogger(ProductCache.class);
  private static final long SECOND_EVICTION_MS = 500;

  private final Vertx vertx;
  private final RedisAPI redis;
  private final String ttl;
  private final Cache<String, JsonObject> local;
  private final Cache<UUID, JsonObject> lookups;
  /** Evictions of this node waiting for their own broadcast, by the tag the broadcast carries. */
  private final Map<String, Promise<Void>> pending = new HashMap<>();
  private final Set<Long> secondEvictions = new HashSet<>();
  private MessageConsumer<String> consumer;
  private final CacheCounters memory;
  private final CacheCounters shared;
  private final CacheCounters lookupCopies;

  ProductCache(Vertx vertx, RedisAPI redis, CatalogConfig config) {
    this.vertx = vertx;
    this.redis = redis;
    this.ttl = String.valueOf(config.cacheTtlSeconds());
    this.local = Caffeine.newBuilder()
        .maximumSize(config.localCacheSize())
        .expireAfterWrite(Duration.ofSeconds(config.localCacheSeconds()))
        .build();
    this.lookups = Caffeine.newBuilder()
        .maximumSize(config.localCacheSize())
        .expireAfterWrite(Duration.ofSeconds(config.localCacheSeconds()))
        .build();
    MeterRegistry registry = NodeMetrics.registry(vertx);
    this.memory = CacheCounters.of(registry, "catalog-product");
    this.shared = CacheCounters.of(registry, "catalog-product-redis");
    this.lookupCopies = CacheCounters.of(registry, "catalog-lookup");
  }

  static String key(String id) {
    return "mercato:catalog:product:" + id;
  }

  Future<Void> start() {
    consumer = vertx.eventBus().consumer(CatalogAddresses.CACHE_EVICT, message -> {
      local.invalidate(message.body());
      lookups.invalidate(UUID.fromString(message.body()));
      String tag = message.headers().get("tag");
      Promise<Void> waiting = tag == null ? null : pending.remove(tag);
      if (waiting != null) {
        waiting.tryComplete();
      }
    });
    return consumer.completion();
  }

  Future<Void> stop() {
    secondEvictions.forEach(vertx::cancelTimer);
    secondEvictions.clear();
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }

  /** The product's client view, or null when there is no live product with this id. */
  Future<JsonObject> get(UUID id, Supplier<Future<Product>> loader) {
    String key = id.toString();
    JsonObject cached = local.getIfPresent(key);
    if (cached != null) {
      memory.hit();
      return Future.succeededFuture(cached);
    }
    memory.miss();
    return redis.get(key(key))
        .map(response -> response == null ? null : new JsonObject(response.toBuffer()))
        .recover(failure -> {
          LOG.warn("product cache read failed for {}, reading the database: {}", key, failure.toString());
          return Future.succeededFuture(null);
        })
        .compose(fromRedis -> {
          if (fromRedis != null) {
            shared.hit();
            local.put(key, fromRedis);
            return Future.succeededFuture(fromRedis);
          }
          shared.miss();
          return loader.get().map(product -> {
            if (product == null) {
              return null;
            }
            JsonObject json = product.toJson();
            local.put(key, json);
            redis.setex(key(key), ttl, json.encode())
                .onFailure(failure -> LOG.warn("product cache write failed for {}: {}", key, failure.toString()));
            return json;
          });
        });
  }

  /** Call after the change committed; completes when Redis no longer holds the old copy. */
  Future<Void> evict(UUID id) {
    String key = id.toString();
    long timer = vertx.setTimer(SECOND_EVICTION_MS, t -> {
      secondEvictions.remove(t);
      drop(key);
    });
    secondEvictions.add(timer);
    return drop(key);
  }

  /**
   * Lookup items of {@code ids} ({@link Product#lookup}), from memory where held and from
   * {@code loader} for the rest (which are then held until evicted or expired).
   */
  Future<List<JsonObject>> lookups(UUID[] ids, Function<UUID[], Future<List<Product>>> loader) {
    List<JsonObject> found = new ArrayList<>(ids.length);
    List<UUID> missing = new ArrayList<>();
    for (UUID id : ids) {
      JsonObject item = lookups.getIfPresent(id);
      if (item != null) {
        found.add(item);
      } else {
        missing.add(id);
      }
    }
    lookupCopies.counted(found.size(), missing.size());
    if (missing.isEmpty()) {
      return Future.succeededFuture(found);
    }
    return loader.apply(missing.toArray(UUID[]::new)).map(products -> {
      products.forEach(product -> {
        JsonObject item = product.lookup();
        lookups.put(product.id(), item);
        found.add(item);
      });
      return found;
    });
  }

  /** Redis first, then the broadcast: a node that drops its copy must not reload the old one from Redis. */
  private Future<Void> drop(String key) {
    local.invalidate(key);
    lookups.invalidate(UUID.fromString(key));
    return redis.del(List.of(key(key)))
        .<Void>mapEmpty()
        .recover(failure -> {
          LOG.warn("product cache eviction failed for {} (the TTL will expire it): {}", key, failure.toString());
          return Future.succeededFuture();
        })
        .compose(done -> broadcast(key));
  }

  /** Publishes the eviction and completes once this node's own consumer got it (or after a second at most). */
  private Future<Void> broadcast(String key) {
    String tag = UUID.randomUUID().toString();
    Promise<Void> received = Promise.promise();
    pending.put(tag, received);
    long timer = vertx.setTimer(1000, t -> {
      pending.remove(tag);
      received.tryComplete();
    });
    vertx.eventBus().publish(CatalogAddresses.CACHE_EVICT, key,
        new DeliveryOptions().addHeader("tag", tag));
    return received.future().onComplete(done -> vertx.cancelTimer(timer));
  }
}
