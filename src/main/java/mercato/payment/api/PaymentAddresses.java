package mercato.payment.api;

import mercato.order.api.OrderAddresses;

/** The payment domain's bus addresses. */
public final class PaymentAddresses {
  /** {orderId, paymentMethod: {type: "card" | "paypal", token}, gateway?}: amount from the order domain; honours Idempotency-Key. */
  public static final String CREATE_PAYMENT = "mercato.payment.create-payment";
  public static final String LIST_PAYMENTS = "mercato.payment.list-payments";
  public static final String GET_PAYMENT = "mercato.payment.get-payment";
  /** Public: the gateways the install runs, the default, and what a browser needs for each (Stripe's publishable key). */
  public static final String LIST_GATEWAYS = "mercato.payment.list-gateways";
  /** {paymentId, amount: {amount, currency}, groupId?, reason?}. */
  public static final String REFUND_PAYMENT = "mercato.payment.refund-payment";
  /** A gateway's signed webhook (public; headers and raw body forwarded). */
  public static final String WEBHOOK = "mercato.payment.webhook";
  /** Stripe's signed webhook (public; Stripe-Signature and raw body forwarded). */
  public static final String STRIPE_WEBHOOK = "mercato.payment.stripe-webhook";
  /** PayPal's webhook (public; the PAYPAL-TRANSMISSION-* headers and raw body forwarded, verified by PayPal). */
  public static final String PAYPAL_WEBHOOK = "mercato.payment.paypal-webhook";
  /** The order domain's operation payment asks for the amount (named by the order api, which owns it). */
  public static final String GET_ORDER_FOR_PAYMENT = OrderAddresses.GET_ORDER_FOR_PAYMENT;

  private PaymentAddresses() {}
}
