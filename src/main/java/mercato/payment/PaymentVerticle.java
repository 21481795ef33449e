package mercato.payment;

import static mercato.payment.api.PaymentAddresses.*;

import io.vertx.core.Future;
import java.util.HashSet;
import java.util.Set;
import mercato.payment.api.PaymentEvents;
import mercato.platform.bus.Operations;
import mercato.platform.domain.DomainContext;
import mercato.platform.domain.DomainVerticle;
import mercato.platform.events.Inbox;
import mercato.platform.metrics.NodeMetrics;

/**
 * Wiring: the gateways (the test gateway, refused under profile: production, its webhook
 * secret configured or generated per install; Stripe and PayPal when enabled), payments,
 * refunds, each gateway's webhook, the reconciler's timer (which also gives up abandoned
 * payments), and the order-cancelled inbox.
 */
final class PaymentVerticle extends DomainVerticle {
  PaymentVerticle(DomainContext context) {
    super(context);
  }

  @Override
  protected Future<?> deploy() {
    PaymentConfig configured = PaymentConfig.read(context.section(), context.profile());
    openPool();
    Future<String> testSecret = configured.testGateway()
        ? GatewaySecrets.resolve(pool, TestGateway.NAME, configured.testWebhookSecret())
        : Future.succeededFuture("");
    Future<StripeConfig> stripeRead = configured.stripe().withSecrets(vertx);
    Future<PayPalConfig> paypalRead = configured.paypal().withSecrets(vertx);
    return Future.all(testSecret, stripeRead, paypalRead).compose(read -> {
      PaymentConfig config = configured.withTestWebhookSecret(read.resultAt(0));
      StripeConfig stripe = read.resultAt(1);
      PayPalConfig paypal = read.resultAt(2);
      Gateways gateways = new Gateways(config.defaultGateway());
      if (config.testGateway()) {
        gateways.add(new TestGateway(vertx, config.delayedMs(), config.asyncConfirmMs(), config.testWebhookSecret()));
      }
      if (stripe.enabled()) {
        StripeClient client = new StripeClient(vertx, stripe);
        closing(client::close);
        gateways.add(new StripeGateway(client, stripe));
      }
      PayPalClient paypalClient = paypal.enabled() ? new PayPalClient(vertx, paypal) : null;
      if (paypalClient != null) {
        closing(paypalClient::close);
        gateways.add(new PayPalGateway(paypalClient, paypal));
      }
      long reconcileMs = config.reconcileMs();
      Set<String> watched = new HashSet<>(gateways.reconcilable().keySet());
      PaymentTransitions transitions = new PaymentTransitions(context.outbox(), watched, reconcileMs,
          new SettledPayments(NodeMetrics.registry(vertx), gateways.names()));
      RefundLedger ledger = new RefundLedger(context.outbox(), reconcileMs);
      Settlement settlement = new Settlement(pool, transitions);
      Abandonment abandonment = new Abandonment(pool, gateways, settlement, transitions, config.pendingMinutes());
      Payments payments = new Payments(vertx, pool, gateways, transitions, settlement, abandonment, config,
          context.maxPageSize());
      Refunds refunds = new Refunds(pool, gateways, ledger, payments);
      Reconciler reconciler = new Reconciler(pool, gateways, settlement, ledger, abandonment, reconcileMs,
          4L * config.gatewayTimeoutMs());
      if (!watched.isEmpty()) {
        every(reconcileMs, reconciler.rounds());
      }
      Webhooks webhooks = new Webhooks(pool, transitions, config);
      StripeWebhooks stripeWebhooks = new StripeWebhooks(pool, transitions, ledger, stripe, reconciler::wake);
      PayPalWebhooks paypalWebhooks = new PayPalWebhooks(pool, transitions, ledger, paypalClient, paypal,
          reconciler::wake);
      operations = new Operations(vertx)
          .on(CREATE_PAYMENT, payments::create)
          .on(LIST_PAYMENTS, payments::list)
          .on(GET_PAYMENT, payments::get)
          .on(LIST_GATEWAYS, new PublicGateways(config, stripe)::list)
          .on(REFUND_PAYMENT, refunds::refund)
          .on(WEBHOOK, webhooks::receive)
          .on(STRIPE_WEBHOOK, stripeWebhooks::receive)
          .on(PAYPAL_WEBHOOK, paypalWebhooks::receive);
      inbox = new Inbox(vertx, PaymentDomain.NAME, pool)
          .on(PaymentEvents.ORDER_CANCELLED, (event, tx) -> refunds.refundCaptured(event, tx)
              .compose(v -> abandonment.orderCancelled(event, tx)))
          .on(PaymentEvents.ORDER_REFUND_DUE, refunds::refundCaptured);
      return ready();
    });
  }
}
