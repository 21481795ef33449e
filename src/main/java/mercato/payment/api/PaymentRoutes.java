package mercato.payment.api;

import static mercato.payment.api.PaymentAddresses.*;

import java.util.List;
import mercato.platform.route.Access;
import mercato.platform.route.Answer;
import mercato.platform.route.Route;

/** The payment domain's HTTP routes, with the aliases of ROUTES.md. */
public final class PaymentRoutes {
  public static final List<Route> ROUTES = List.of(
      Route.post("/payments", CREATE_PAYMENT, "createPayment", Access.types("customer")).answers(Answer.created("/payments/{paymentId}")).alias("/payment"),
      Route.get("/payments", LIST_PAYMENTS, "listPayments", Access.types("customer", "admin")),
      Route.get("/payments/gateways", LIST_GATEWAYS, "listPaymentGateways", Access.PUBLIC),
      Route.get("/payments/{payment_id}", GET_PAYMENT, "getPayment", Access.types("customer", "admin"))
          .alias("/payment/{payment_id}"),
      Route.post("/payment/refund", REFUND_PAYMENT, "refundPayment",
          Access.types("admin", "company", "shop").orPermission("payment:refund")),
      Route.post("/payments/webhook/stripe", STRIPE_WEBHOOK, "stripeWebhook", Access.PUBLIC)
          .forwarding("Stripe-Signature", "raw-body"),
      Route.post("/payments/webhook/paypal", PAYPAL_WEBHOOK, "paypalWebhook", Access.PUBLIC)
          .forwarding("PAYPAL-TRANSMISSION-ID", "PAYPAL-TRANSMISSION-TIME", "PAYPAL-TRANSMISSION-SIG",
              "PAYPAL-CERT-URL", "PAYPAL-AUTH-ALGO", "raw-body"),
      Route.post("/payments/webhook/{gateway}", WEBHOOK, "paymentWebhook", Access.PUBLIC)
          .forwarding("webhook-id", "webhook-timestamp", "webhook-signature", "raw-body"));

  private PaymentRoutes() {}
}
