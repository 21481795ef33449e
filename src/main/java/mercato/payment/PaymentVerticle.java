package mercato.payment;

import static mercato.payment.api.PaymentAddresses.*;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import mercato.payment.api.PaymentEvents;
import mercato.platform.bus.Operations;
import mercato.platform.config.ConfigException;
import mercato.platform.db.Databases;
import mercato.platform.domain.DomainContext;
import mercato.platform.events.Inbox;

/** Wiring: the test gateway, payments, refunds, webhooks, and the order-cancelled inbox. */
final class PaymentVerticle extends VerticleBase {
  private final DomainContext context;
  private Pool pool;
  private Operations operations;
  private Inbox inbox;

  PaymentVerticle(DomainContext context) {
    this.context = context;
  }

  @Override
  public Future<?> start() {
    PaymentConfig config;
    try {
      config = PaymentConfig.read(context.section());
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    }
    pool = Databases.pool(vertx, context.config().db(), PaymentDomain.NAME);
    Gateway gateway = new TestGateway(vertx, config.delayedMs(), config.asyncConfirmMs(), config.testWebhookSecret());
    Payments payments = new Payments(vertx, pool, context.outbox(), gateway, config,
        context.config().http().maxPageSize());
    Refunds refunds = new Refunds(pool, context.outbox(), gateway, payments);
    Webhooks webhooks = new Webhooks(pool, payments, config);
    operations = new Operations(vertx)
        .on(CREATE_PAYMENT, payments::create)
        .on(LIST_PAYMENTS, payments::list)
        .on(GET_PAYMENT, payments::get)
        .on(REFUND_PAYMENT, refunds::refund)
        .on(WEBHOOK, webhooks::receive);
    inbox = new Inbox(vertx, PaymentDomain.NAME, pool)
        .on(PaymentEvents.ORDER_CANCELLED, refunds::refundCaptured)
        .on(PaymentEvents.ORDER_REFUND_DUE, refunds::refundCaptured);
    return Future.all(operations.ready(), inbox.start());
  }

  @Override
  public Future<?> stop() {
    return Future.join(
            operations == null ? Future.succeededFuture() : operations.close(),
            inbox == null ? Future.succeededFuture() : inbox.stop())
        .transform(v -> pool == null ? Future.succeededFuture() : pool.close());
  }
}
