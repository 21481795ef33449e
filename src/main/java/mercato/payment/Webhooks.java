package mercato.payment;

import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Problem;
import mercato.platform.webhooks.WebhookSignature;

/**
 * The test gateway's webhook: the Standard Webhooks signature over the raw body is checked
 * first (forged or stale: 401, nothing changes); the webhook id is recorded in the same
 * transaction as its effect, so a redelivery is answered 200 without a second effect; the
 * answer comes only after the commit. (Stripe's webhook is {@link StripeWebhooks}.)
 */
final class Webhooks {
  static final String BY_REFERENCE = """
      SELECT id FROM payments WHERE gateway = $1 AND gateway_reference = $2 FOR UPDATE
      """;

  private final Pool pool;
  private final PaymentTransitions transitions;
  private final PaymentConfig config;

  Webhooks(Pool pool, PaymentTransitions transitions, PaymentConfig config) {
    this.pool = pool;
    this.transitions = transitions;
    this.config = config;
  }

  Future<?> receive(Envelope envelope) {
    String gateway = envelope.param("gateway");
    if (!gateway.equals(TestGateway.NAME) || !config.testGateway()) {
      throw Problem.notFound("No such gateway.");
    }
    JsonObject headers = envelope.headers() == null ? new JsonObject() : envelope.headers();
    String id = headers.getString("webhook-id");
    String raw = headers.getString("raw-body");
    if (!WebhookSignature.verify(config.testWebhookSecret(), id, headers.getString("webhook-timestamp"),
        headers.getString("webhook-signature"), raw, System.currentTimeMillis() / 1000)) {
      throw Problem.unauthenticated("The webhook signature is missing, wrong or stale.");
    }
    JsonObject body;
    try {
      body = new JsonObject(raw);
    } catch (DecodeException | ClassCastException e) {
      throw Problem.malformedJson("The webhook body is not a JSON object.");
    }
    String type = body.getString("type");
    JsonObject data = body.getJsonObject("data", new JsonObject());
    String reference = data.getString("gatewayReference");
    if (!("payment.succeeded".equals(type) || "payment.failed".equals(type)) || reference == null) {
      throw Problem.invalidField("/type", "must be payment.succeeded or payment.failed with data.gatewayReference");
    }
    return pool.withTransaction(tx -> WebhookReplies.once(tx, id, gateway, type,
        () -> tx.preparedQuery(BY_REFERENCE).execute(Tuple.of(gateway, reference)).compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(Problem.notFound("No payment with this gateway reference."));
          }
          Gateway.Result said = type.equals("payment.succeeded")
              ? new Gateway.Result(Gateway.Outcome.CAPTURED, reference, null)
              : new Gateway.Result(Gateway.Outcome.DECLINED, reference, data.getString("reason", "declined-async"));
          return transitions.apply(tx, rows.iterator().next().getUUID("id"), said)
              .map(status -> new JsonObject().put("received", true).put("status", status.text));
        })));
  }
}
