package mercato.payment;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import mercato.payment.api.PaymentAddresses;
import mercato.platform.bus.Envelope;
import mercato.platform.webhooks.WebhookSignature;

/**
 * The built-in {@code test} gateway, like a provider's test mode, by card token:
 * {@code tok_visa} succeeds, {@code tok_declined} is declined, {@code tok_network_error}
 * fails to reach the provider (nothing captured, retryable), {@code tok_async} stays
 * pending until a signed webhook confirms it, {@code tok_delayed} succeeds after
 * {@code payment.delayedMs}. With {@code payment.asyncConfirmMs} above 0 the gateway also sends
 * the signed confirmation of a {@code tok_async} payment by itself after that delay. Any other
 * token is declined as {@code invalid-token}.
 */
final class TestGateway implements Gateway {
  static final String NAME = "test";

  private final Vertx vertx;
  private final long delayedMs;
  private final long asyncConfirmMs;
  private final String secret;

  TestGateway(Vertx vertx, long delayedMs, long asyncConfirmMs, String secret) {
    this.vertx = vertx;
    this.delayedMs = delayedMs;
    this.asyncConfirmMs = asyncConfirmMs;
    this.secret = secret;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Future<Result> authorize(Charge charge, String token) {
    String reference = "test_" + UUID.randomUUID();
    return switch (token) {
      case "tok_visa" -> Future.succeededFuture(new Result(Outcome.APPROVED, reference, null));
      case "tok_declined" -> Future.succeededFuture(new Result(Outcome.DECLINED, reference, "card-declined"));
      case "tok_network_error" -> Future.failedFuture(new NetworkError("test gateway unreachable"));
      case "tok_async" -> {
        if (asyncConfirmMs > 0) {
          vertx.setTimer(asyncConfirmMs, id -> confirm(reference, 3));
        }
        yield Future.succeededFuture(new Result(Outcome.PENDING, reference, null));
      }
      case "tok_delayed" -> later(new Result(Outcome.APPROVED, reference, null));
      default -> Future.succeededFuture(new Result(Outcome.DECLINED, reference, "invalid-token"));
    };
  }

  private Future<Result> later(Result result) {
    if (delayedMs <= 0) {
      return Future.succeededFuture(result);
    }
    Promise<Result> promise = Promise.promise();
    vertx.setTimer(delayedMs, id -> promise.complete(result));
    return promise.future();
  }

  /**
   * Like a provider, sends the signed {@code payment.succeeded} webhook by itself (through the
   * same bus operation the HTTP route reaches), retrying a few times while it is refused.
   */
  private void confirm(String reference, int tries) {
    String id = "msg_" + UUID.randomUUID();
    long now = System.currentTimeMillis() / 1000;
    String body = new JsonObject().put("type", "payment.succeeded")
        .put("data", new JsonObject().put("gatewayReference", reference)).encode();
    JsonObject headers = new JsonObject().put("webhook-id", id).put("webhook-timestamp", Long.toString(now))
        .put("webhook-signature", WebhookSignature.sign(secret, id, now, body)).put("raw-body", body);
    JsonObject envelope = Envelope.internal(new JsonObject(body), "test-gateway-" + id)
        .put("params", new JsonObject().put("gateway", "test")).put("headers", headers);
    vertx.eventBus().request(PaymentAddresses.WEBHOOK, envelope).onFailure(failure -> {
      if (tries > 1) {
        vertx.setTimer(asyncConfirmMs, t -> confirm(reference, tries - 1));
      }
    });
  }

  @Override
  public Future<Result> capture(Charge charge, String authorization) {
    return Future.succeededFuture(new Result(Outcome.CAPTURED, authorization, null));
  }

  @Override
  public Future<Result> refund(RefundRequest refund) {
    return Future.succeededFuture(new Result(Outcome.APPROVED, "test_re_" + UUID.randomUUID(), null));
  }
}
