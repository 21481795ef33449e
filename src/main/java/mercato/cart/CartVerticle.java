package mercato.cart;

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
  private boolean sweeping;

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
    Carts carts = new Carts(vertx, pool, config);
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
    sweepTimer = vertx.setPeriodic(config.sweepMs(), id -> sweep(carts));
    return Future.all(operations.ready(), inbox.start());
  }

  /** One sweep at a time per verticle; the sweep is one DELETE, so several nodes may run it. */
  private void sweep(Carts carts) {
    if (sweeping) {
      return;
    }
    sweeping = true;
    carts.sweep()
        .onSuccess(count -> {
          if (count > 0) {
            LOG.info("removed {} abandoned carts", count);
          }
        })
        .onFailure(failure -> LOG.warn("cart sweep failed: {}", failure.toString()))
        .onComplete(done -> sweeping = false);
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
