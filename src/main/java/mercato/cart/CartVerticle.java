package mercato.cart;

import mercato.platform.work.Rounds;

import static mercato.cart.api.CartAddresses.*;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import mercato.cart.api.CartEvents;
import mercato.platform.bus.Operations;
import mercato.platform.config.ConfigException;
import mercato.platform.db.Databases;
import mercato.platform.domain.DomainContext;
import mercato.platform.events.Inbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Owns customer and guest carts, their lines, the merge on login and the abandonment sweep. */
final class CartVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(CartVerticle.class);

  private final DomainContext context;
  private Pool pool;
  private Operations operations;
  private Inbox inbox;
  private long sweepTimer = -1;

  CartVerticle(DomainContext context) {
    this.context = context;
  }

  @Override
  public Future<?> start() {
    CartConfig config;
    try {
      config = CartConfig.read(context.section());
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    }
    pool = Databases.pool(vertx, context.config().db(), CartDomain.NAME);
    Carts carts = new Carts(vertx, pool, context.outbox(), config);
    operations = new Operations(vertx)
        .on(GET_CART, carts::view)
        .on(ADD_ITEM, carts::add)
        .on(UPDATE_ITEM, carts::update)
        .on(REMOVE_ITEM, carts::remove)
        .on(GET_LINE, carts::line)
        .on(UPDATE_LINE, carts::updateLine)
        .on(REMOVE_LINE, carts::removeLine)
        .on(GET_CART_FOR_ORDER, carts::forOrder);
    inbox = new Inbox(vertx, CartDomain.NAME, pool).on(CartEvents.ORDER_PLACED, Carts::orderPlaced);
    // The sweep is one DELETE, so several nodes may run it; Rounds keeps one at a time here.
    Rounds sweeper = new Rounds("cart sweep", () -> carts.sweep().map(count -> {
      if (count > 0) {
        LOG.info("removed {} abandoned carts", count);
      }
      return false;
    }));
    sweepTimer = vertx.setPeriodic(config.sweepMs(), id -> sweeper.wake());
    return Future.all(operations.ready(), inbox.start());
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(sweepTimer);
    return Future.join(
            operations == null ? Future.succeededFuture() : operations.close(),
            inbox == null ? Future.succeededFuture() : inbox.stop())
        .transform(v -> pool == null ? Future.succeededFuture() : pool.close());
  }
}
