package mercato.analytics;

import static mercato.analytics.api.AnalyticsAddresses.*;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;
import mercato.platform.bus.Operations;
import mercato.platform.config.ConfigException;
import mercato.platform.db.Databases;
import mercato.platform.domain.DomainContext;
import mercato.platform.events.Inbox;
import mercato.platform.redis.RedisClients;

/**
 * Owns the analytics facts and rollups (fed by events through the inbox) and the reports:
 * sales, products and funnel, traffic (the edge's Redis counters) and user behaviour.
 */
final class AnalyticsVerticle extends VerticleBase {
  private final DomainContext context;
  private Pool pool;
  private Redis redis;
  private Operations operations;
  private Inbox inbox;

  AnalyticsVerticle(DomainContext context) {
    this.context = context;
  }

  @Override
  public Future<?> start() {
    AnalyticsConfig config;
    try {
      config = AnalyticsConfig.read(context.config().raw());
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    }
    pool = Databases.pool(vertx, context.config().db(), AnalyticsDomain.NAME);
    redis = RedisClients.create(vertx, context.config().redis());
    TrafficStore traffic = new TrafficStore(redis, config.traffic());
    operations = new Operations(vertx)
        .on(GET_SALES, new SalesReport(pool, config)::handle)
        .on(GET_PRODUCTS, new ProductReport(pool, traffic, config)::handle)
        .on(GET_TRAFFIC, new TrafficReport(traffic, config)::handle)
        .on(GET_USER_BEHAVIOR, new BehaviorReport(pool, traffic, config)::handle);
    inbox = EventIntake.register(new Inbox(vertx, AnalyticsDomain.NAME, pool));
    return Future.all(operations.ready(), inbox.start());
  }

  @Override
  public Future<?> stop() {
    if (redis != null) {
      redis.close();
    }
    return Future.join(
            operations == null ? Future.succeededFuture() : operations.close(),
            inbox == null ? Future.succeededFuture() : inbox.stop())
        .transform(v -> pool == null ? Future.succeededFuture() : pool.close());
  }
}
