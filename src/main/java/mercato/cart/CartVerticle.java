package mercato.cart;

import mercato.platform.work.Rounds;

import static mercato.cart.api.CartAddresses.*;

import io.vertx.core.Future;
import mercato.cart.api.CartEvents;
import mercato.platform.bus.Operations;
import mercato.platform.domain.DomainContext;
import mercato.platform.domain.DomainVerticle;
import mercato.platform.events.Inbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Owns customer and guest carts, their lines, the merge on login and the abandonment sweep. */
final class CartVerticle extends DomainVerticle {
  private static final Logger LOG = LoggerFactory.getLogger(CartVerticle.class);

  CartVerticle(DomainContext context) {
    super(context);
  }

  @Override
  protected Future<?> deploy() {
    CartConfig config = CartConfig.read(context.section());
    openPool();
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
    every(config.sweepMs(), sweeper);
    return ready();
  }
}
