package mercato.payment;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stripe's HTTP API as Mercato calls it: form-encoded POSTs carrying an
 * {@code Idempotency-Key}, GETs, {@code Authorization: Bearer <secret key>}, each bounded by
 * {@code payment.stripe.timeoutMs}. An answer is a JSON object with its status (2xx, or a
 * Stripe error such as 402 {@code card_error}); what a transport failure, a 429, a 5xx or an
 * unreadable body means is {@link GatewayHttp}'s; here a refused key is a
 * {@link Gateway.NetworkError} (nothing happened) and a 409 (the same key still running) a
 * {@link Gateway.OutcomeUnknown}.
 */
final class StripeClient {
  private static final Logger LOG = LoggerFactory.getLogger(StripeClient.class);

  /** A JSON answer: the object on 2xx, {@code {"error": {...}}} otherwise. */
  record Answer(int status, JsonObject body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }

    /** The error object of a non-2xx answer (type, code, decline_code, message, payment_intent...). */
    JsonObject error() {
      return body.getValue("error") instanceof JsonObject error ? error : new JsonObject();
    }
  }

  private final GatewayHttp http;
  private final StripeConfig config;

  StripeClient(Vertx vertx, StripeConfig config) {
    this.config = config;
    this.http = new GatewayHttp(vertx, "Stripe", config.timeoutMs());
  }

  Future<Answer> post(String path, MultiMap form, String idempotencyKey) {
    return send(request(HttpMethod.POST, path).putHeader("Idempotency-Key", idempotencyKey).sendForm(form), path);
  }

  Future<Answer> get(String path, MultiMap query) {
    HttpRequest<Buffer> request = request(HttpMethod.GET, path);
    query.forEach(request::addQueryParam);
    return send(request.send(), path);
  }

  void close() {
    http.close();
  }

  private HttpRequest<Buffer> request(HttpMethod method, String path) {
    HttpRequest<Buffer> request = http.request(method, config.apiBase() + path)
        .putHeader("Authorization", "Bearer " + config.secretKey());
    if (!config.apiVersion().isEmpty()) {
      request.putHeader("Stripe-Version", config.apiVersion());
    }
    return request;
  }

  private Future<Answer> send(Future<HttpResponse<Buffer>> sent, String path) {
    return http.send(sent, path).compose(reply -> {
      Answer answer = new Answer(reply.status(), reply.body());
      int status = answer.status();
      if (status == 401 || status == 403) {
        LOG.error("Stripe refused the secret key ({}): {}", status, answer.error().getString("message"));
        return Future.failedFuture(new Gateway.NetworkError("Stripe refused the secret key"));
      }
      if (status == 409) {
        return Future.failedFuture(new Gateway.OutcomeUnknown("Stripe answered 409 ("
            + answer.error().getString("code", answer.error().getString("type")) + ") for " + path));
      }
      return Future.succeededFuture(answer);
    });
  }
}
