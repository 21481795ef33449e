package mercato.catalog;

import static mercato.catalog.api.CatalogAddresses.*;

import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import mercato.catalog.api.CatalogEvents;
import mercato.platform.bus.Operations;
import mercato.platform.db.ReadPools;
import mercato.platform.domain.DomainContext;
import mercato.platform.domain.DomainVerticle;
import mercato.platform.events.Inbox;
import mercato.platform.redis.RedisClients;

/**
 * Owns products (seller-owned, soft-deleted, cached per node and in Redis), the category
 * tree and the curated tags; answers other domains' product lookups; keeps the products'
 * rating summaries from the review domain's events.
 */
final class CatalogVerticle extends DomainVerticle {
  CatalogVerticle(DomainContext context) {
    super(context);
  }

  @Override
  protected Future<?> deploy() {
    CatalogConfig config = CatalogConfig.read(context.section());
    openPool();
    // Browsing (the listing, the tree, the tags) may read a replica; a product read stays on the
    // primary, since it fills the caches every node shares.
    ReadPools reads = openReadPools();
    Redis redis = RedisClients.create(vertx, context.redis());
    closing(redis::close);
    ProductCache cache = new ProductCache(vertx, RedisAPI.api(redis), config);
    onStop(cache::stop);
    ProductHandlers products = new ProductHandlers(pool, reads, context.outbox(), cache, config);
    CategoryHandlers categories = new CategoryHandlers(pool, reads, context.outbox());
    TagHandlers tags = new TagHandlers(pool, reads);
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
    return ready(cache.start());
  }
}
