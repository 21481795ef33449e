package mercato.payment;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.ConnectException;
import java.util.UUID;

/**
 * The HTTP side every gateway adapter shares: one keep-alive client that never follows a
 * redirect, each request bounded by the gateway's timeout, and what a transport failure or
 * an unreadable answer means. A connection refused or a 429 (rate limiters run before the
 * request does) is a {@link Gateway.NetworkError}: nothing happened. A timeout, any other
 * transport failure, a 5xx, or a body that is not a JSON object is a
 * {@link Gateway.OutcomeUnknown}: the gateway may have acted. A 401 or 403 without a JSON
 * body is answered with an empty one (the adapter decides what a refused credential means).
 */
final class GatewayHttp {
  /** A JSON answer and its status (2xx, or one of the gateway's documented 4xx errors). */
  record Reply(int status, JsonObject body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  private final WebClient client;
  private final String provider;
  private final long timeoutMs;

  GatewayHttp(Vertx vertx, String provider, long timeoutMs) {
    this.provider = provider;
    this.timeoutMs = timeoutMs;
    this.client = WebClient.create(vertx, new WebClientOptions().setUserAgent("Mercato").setKeepAlive(true)
        .setFollowRedirects(false).setConnectTimeout((int) timeoutMs));
  }

  /** A request to {@code url}, bounded by the timeout. */
  HttpRequest<Buffer> request(HttpMethod method, String url) {
    return client.requestAbs(method, url).timeout(timeoutMs);
  }

  /** What {@code sent} answered, classified; {@code path} names the call in messages (never a secret). */
  Future<Reply> send(Future<HttpResponse<Buffer>> sent, String path) {
    return sent.transform(done -> {
      if (done.failed()) {
        Throwable cause = done.cause();
        return Future.failedFuture(cause instanceof ConnectException
            ? new Gateway.NetworkError(provider + " could not be reached: " + cause.getMessage())
            : new Gateway.OutcomeUnknown("no answer from " + provider + " for " + path + ": " + cause));
      }
      HttpResponse<Buffer> response = done.result();
      int status = response.statusCode();
      if (status == 429) {
        return Future.failedFuture(new Gateway.NetworkError(provider + " is rate limiting the requests"));
      }
      if (status >= 500) {
        return Future.failedFuture(new Gateway.OutcomeUnknown(provider + " answered " + status + " for " + path));
      }
      JsonObject body = object(response.bodyAsBuffer());
      if (body == null && (status == 401 || status == 403)) {
        body = new JsonObject();
      }
      if (body == null) {
        return Future.failedFuture(new Gateway.OutcomeUnknown(provider + "'s answer (" + status + ") for " + path
            + " is not a JSON object"));
      }
      return Future.succeededFuture(new Reply(status, body));
    });
  }

  void close() {
    client.close();
  }

  /** The idempotency key of one step of one Mercato object: a repeat of the step is the same request. */
  static String key(UUID id, String step) {
    return "mercato-" + id + "-" + step;
  }

  private static JsonObject object(Buffer buffer) {
    try {
      return Json.decodeValue(buffer == null ? Buffer.buffer() : buffer) instanceof JsonObject object ? object : null;
    } catch (DecodeException e) {
      return null;
    }
  }
}
