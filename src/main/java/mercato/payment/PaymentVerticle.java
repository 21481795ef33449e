package mercato.payment;

import static mercato.payment.api.PaymentAddresses.*;

import io.vertx.core.Future;
import mercato.payment.api.PaymentEvents;
import mercato.platform.bus.Operations;
import mercato.platform.domain.DomainContext;
import mercato.platform.domain.DomainVerticle;
import mercato.platform.events.Inbox;

/**
 * Wiring: the test gateway (refused under profile: production; its webhook secret configured
 * or generated per install), payments, refunds, webhooks, and the order-cancelled inbox.
 */
final class PaymentVerticle extends DomainVerticle {
  PaymentVerticle(DomainContext context) {
    super(context);
  }

  @Override
  protected Future<?> deploy() {
    PaymentConfig configured = PaymentConfig.read(context.section(), context.profile());
    openPool();
    return GatewaySecrets.resolve(pool, TestGateway.NAME, configured.testWebhookSecret()).compose(secret -> {
      PaymentConfig config = configured.withTestWebhookSecret(secret);
      Gateway gateway = new TestGateway(vertx, config.delayedMs(), config.asyncConfirmMs(), secret);
      Payments payments = new Payments(vertx, pool, context.outbox(), gateway, config,
          context.maxPageSize());
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
      return ready();
    });
  }
}
