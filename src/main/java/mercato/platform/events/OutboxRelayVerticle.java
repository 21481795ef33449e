package mercato.platform.events;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mercato.platform.config.DbConfig;
import mercato.platform.config.EventsConfig;
import mercato.platform.db.Databases;

/**
 * Runs the outbox relays of the schemas this node's domains own, over one small pool and
 * one LISTEN connection: NOTIFY wakes the relay of the schema named in the payload, a
 * periodic sweep catches retries that came due and anything a lost notification missed.
 */
public final class OutboxRelayVerticle extends VerticleBase {
  static final String CHANNEL = "mercato_outbox";

  private final DbConfig db;
  private final EventsConfig events;
  private final Subscriptions subscriptions;
  private final List<String> schemas;
  private final Map<String, OutboxRelay> relays = new LinkedHashMap<>();
  private Pool pool;
  private PgSubscriber subscriber;

  public OutboxRelayVerticle(DbConfig db, EventsConfig events, Subscriptions subscriptions, List<String> schemas) {
    this.db = db;
    this.events = events;
    this.subscriptions = subscriptions;
    this.schemas = List.copyOf(schemas);
  }

  @Override
  public Future<?> start() {
    pool = Databases.pool(vertx, db, null, 2);
    for (String schema : schemas) {
      relays.put(schema, new OutboxRelay(vertx, pool, schema, events, subscriptions));
    }
    subscriber = PgSubscriber.subscriber(vertx, Databases.connectOptions(db, null))
        .reconnectPolicy(retries -> 1000L);
    subscriber.channel(CHANNEL).handler(schema -> {
      OutboxRelay relay = relays.get(schema);
      if (relay != null) {
        relay.wake();
      }
    });
    // After a reconnect notifications may have been missed: sweep everything at once.
    subscriber.channel(CHANNEL).subscribeHandler(v -> relays.values().forEach(OutboxRelay::wake));
    vertx.setPeriodic(events.sweepMs(), id -> relays.values().forEach(OutboxRelay::wake));
    vertx.setPeriodic(3_600_000L, id -> relays.values().forEach(OutboxRelay::cleanUp));
    return subscriber.connect().onSuccess(v -> relays.values().forEach(OutboxRelay::wake));
  }

  @Override
  public Future<?> stop() {
    relays.values().forEach(OutboxRelay::stop);
    return Future.join(subscriber.close(), pool.close());
  }
}
