package mercato.catalog;

import static mercato.catalog.api.CatalogAddresses.*;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;
import mercato.catalog.api.CatalogEvents;
import mercato.platform.bus.Operations;
import mercato.platform.db.Databases;
import mercato.platform.domain.DomainContext;
import mercato.platform.events.Inbox;
import mercato.platform.redis.RedisClients;

/**
 * Owns products (seller-owned, soft-deleted, cached per node and in Redis), the category
 * tree and the curated tags; answers other domains' product lookups; keeps the products'
 * rating summaries from the review domain's events.
 */
final class CatalogVerticle extends VerticleBase {
  private final DomainContext context;
  private Pool pool;
  private Redis redis;
  private ProductCache cache;
  private Operations operations;
  private Inbox inbox;

  CatalogVerticle(DomainContext context) {
    this.context = context;
  }

  @Override
  public Future<?> start() {
    CatalogConfig config = CatalogConfig.read(context.section());
    pool = Databases.pool(vertx, context.config().db(), "catalog");
    redis = RedisClients.create(vertx, context.config().redis());
    cache = new ProductCache(vertx, RedisAPI.api(redis), config);
    ProductHandlers products = new ProductHandlers(pool, context.outbox(), cache, config);
    CategoryHandlers categories = new CategoryHandlers(pool, context.outbox());
    TagHandlers tags = new TagHandlers(pool);
    operations = new Operations(vertx)
        .on(LIST_PRODUCTS, products::list)
        .on(GET_PRODUCT, products::get)
        .on(CREATE_PRODUCT, products::create)
        .on(UPDATE_PRODUCT, products::update)
        .on(DELETE_PRODUCT, products::delete)
        .on(GET_PRODUCTS, products::lookup)
        .on(EXPORT_PRODUCTS, products::export)
        .on(LIST_CATEGORIES, categories::list)
        .on(CREATE_CATEGORY, categories::create)
        .on(UPDATE_CATEGORY, categories::update)
        .on(DELETE_CATEGORY, categories::delete)
        .on(LIST_TAGS, tags::list)
        .on(CREATE_TAG, tags::create)
        .on(DELETE_TAG, tags::delete);
    inbox = new Inbox(vertx, "catalog", pool).on(CatalogEvents.RATING_CHANGED, new ProductRatings(cache)::changed);
    return Future.all(operations.ready(), cache.start(), inbox.start());
  }

  @Override
  public Future<?> stop() {
    return Future.join(operations.close(), inbox.stop(), cache.stop(), pool.close()).onComplete(done -> redis.close());
  }
}
