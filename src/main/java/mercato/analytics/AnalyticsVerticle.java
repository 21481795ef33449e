package mercato.analytics;

import static mercato.analytics.api.AnalyticsAddresses.*;

import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import mercato.platform.bus.Operations;
import mercato.platform.domain.DomainContext;
import mercato.platform.domain.DomainVerticle;
import mercato.platform.events.Inbox;
import mercato.platform.redis.RedisClients;

/**
 * Owns the analytics facts and rollups (fed by events through the inbox) and the reports:
 * sales, products and funnel, traffic (the edge's Redis counters) and user behaviour.
 */
final class AnalyticsVerticle extends DomainVerticle {
  AnalyticsVerticle(DomainContext context) {
    super(context);
  }

  @Override
  protected Future<?> deploy() {
    AnalyticsConfig config = AnalyticsConfig.read(context.section(), context.traffic());
    openPool();
    Redis redis = RedisClients.create(vertx, context.redis());
    closing(redis::close);
    TrafficStore traffic = new TrafficStore(redis, config.traffic());
    operations = new Operations(vertx)
        .on(GET_SALES, new SalesReport(pool, config)::handle)
        .on(GET_PRODUCTS, new ProductReport(pool, traffic, config)::handle)
        .on(GET_TRAFFIC, new TrafficReport(traffic, config)::handle)
        .on(GET_USER_BEHAVIOR, new BehaviorReport(pool, traffic, config)::handle);
    inbox = EventIntake.register(new Inbox(vertx, AnalyticsDomain.NAME, pool));
    return ready();
  }
}
