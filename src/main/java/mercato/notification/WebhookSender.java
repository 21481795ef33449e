package mercato.notification;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.codec.BodyCodec;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import mercato.notification.WebhookDeliveries.Claimed;
import mercato.notification.WebhookTargets.Target;
import mercato.platform.events.SetAside;
import mercato.platform.webhooks.WebhookSignature;
import mercato.platform.work.Rounds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook worker: claims due deliveries, checks each target again (its name may
 * resolve elsewhere since it was subscribed), POSTs the stored payload signed per Standard
 * Webhooks to the checked address, and records the outcome. 2xx is delivered; a network
 * error, a timeout, 408, 429 or 5xx is retried with exponential backoff (a Retry-After is
 * honoured up to the backoff ceiling) until {@code maxAttempts}; any other answer, a
 * redirect (never followed) or a refused target fails the delivery at once; a failed delivery
 * is set aside (kind {@code webhook}), listed by {@code events dead}. Woken after
 * each send that queued a delivery and by the periodic sweep.
 */
final class WebhookSender {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);
  private static final int BATCH = 50;
  /** The set-aside kind of a delivery that failed for good (its row stays {@code failed}). */
  static final String KIND = "webhook";

  /** What one attempt came to. */
  private record Outcome(boolean delivered, boolean permanent, Integer status, String error, long retryAfterMs) {
    static Outcome retry(Integer status, String error, long retryAfterMs) {
      return new Outcome(false, false, status, error, retryAfterMs);
    }

    static Outcome fail(Integer status, String error) {
      return new Outcome(false, true, status, error, 0);
    }
  }

  private final Vertx vertx;
  private final WebhookDeliveries deliveries;
  private final WebhookTargets targets;
  private final WebClient client;
  private final NotificationConfig config;
  private final SetAside setAside;
  private final Rounds rounds = new Rounds("webhook worker", this::round);
  private Function<WebhookDeliveries.Failed, Future<Void>> onDisabled = failed -> Future.succeededFuture();

  WebhookSender(Vertx vertx, WebhookDeliveries deliveries, WebhookTargets targets, WebClient client,
      NotificationConfig config) {
    this.vertx = vertx;
    this.deliveries = deliveries;
    this.targets = targets;
    this.client = client;
    this.config = config;
    this.setAside = new SetAside(vertx, deliveries.pool(), KIND);
  }

  /** What to do, after it is parked, when a failed delivery disabled its endpoint (tell the owner). */
  void onDisabled(Function<WebhookDeliveries.Failed, Future<Void>> handler) {
    this.onDisabled = handler;
  }

  /** Claims and sends until nothing is due; a wake-up while a round runs adds a round. */
  void wake() {
    rounds.wake();
  }

  void stop() {
    rounds.stop();
  }

  Future<Void> cleanUp() {
    return deliveries.cleanUp();
  }

  /** One round; true when the batch was full (more is probably due). */
  private Future<Boolean> round() {
    return deliveries.claim(BATCH, config.leaseMs()).compose(claimed -> {
      List<Future<Void>> attempts = new ArrayList<>(claimed.size());
      claimed.forEach(delivery -> attempts.add(attempt(delivery)));
      return Future.join(attempts).map(claimed.size() >= BATCH);
    });
  }

  private Future<Void> attempt(Claimed delivery) {
    long started = System.nanoTime();
    if (delivery.url() == null) {
      return record(delivery, null, Outcome.fail(null, "the subscription was removed"), started);
    }
    Future<Target> target = targets.check(delivery.url());
    return target
        .compose(checked -> post(checked, delivery))
        .transform(result -> {
          Outcome outcome = result.succeeded() ? outcome(result.result()) : outcome(result.cause());
          return record(delivery, target.succeeded() ? target.result().origin() : null, outcome, started);
        });
  }

  private Future<HttpResponse<Void>> post(Target target, Claimed delivery) {
    String id = delivery.id().toString();
    long timestamp = Instant.now().getEpochSecond();
    Promise<HttpResponse<Void>> answered = Promise.promise();
    // The request's own timeout bounds connecting and each silence; this bounds the whole
    // attempt, so a receiver that trickles bytes cannot hold the claim.
    long deadline = vertx.setTimer(config.timeoutMs(), t -> answered.tryFail(
        new TimeoutException("no complete answer within " + config.timeoutMs() + " ms")));
    client.request(HttpMethod.POST,
            SocketAddress.inetSocketAddress(new InetSocketAddress(target.address(), target.port())),
            target.port(), target.host(), target.requestUri())
        .ssl(target.tls())
        .followRedirects(false)
        .timeout(config.timeoutMs())
        .putHeader("content-type", "application/json")
        .putHeader("webhook-id", id)
        .putHeader("webhook-timestamp", Long.toString(timestamp))
        .putHeader("webhook-signature", WebhookSignature.sign(delivery.secret(), id, timestamp, delivery.payload()))
        .as(BodyCodec.none())
        .sendBuffer(Buffer.buffer(delivery.payload()))
        .onComplete(result -> {
          vertx.cancelTimer(deadline);
          if (result.succeeded()) {
            answered.tryComplete(result.result());
          } else {
            answered.tryFail(result.cause());
          }
        });
    return answered.future();
  }

  private static Outcome outcome(HttpResponse<Void> response) {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return new Outcome(true, false, status, null, 0);
    }
    if (status == 408 || status == 429 || status >= 500) {
      return Outcome.retry(status, "the endpoint answered " + status, retryAfterMs(response.getHeader("Retry-After")));
    }
    if (status >= 300 && status < 400) {
      return Outcome.fail(status, "the endpoint answered " + status + " (redirects are not followed)");
    }
    return Outcome.fail(status, "the endpoint answered " + status);
  }

  private static Outcome outcome(Throwable failure) {
    if (failure instanceof WebhookTargets.Refused refused) {
      return Outcome.fail(null, "refused: the URL " + refused.getMessage());
    }
    if (failure instanceof UnknownHostException) {
      return Outcome.retry(null, "the host did not resolve", 0);
    }
    String message = failure.getMessage() == null ? "" : ": " + failure.getMessage();
    return Outcome.retry(null, failure.getClass().getSimpleName() + message, 0);
  }

  private Future<Void> record(Claimed delivery, String origin, Outcome outcome, long startedNanos) {
    WebhookDeliveries.Attempt attempt = new WebhookDeliveries.Attempt(delivery.attempts(),
        (System.nanoTime() - startedNanos) / 1_000_000, origin, outcome.status(), outcome.error());
    if (outcome.delivered()) {
      LOG.debug("webhook {} delivered to {} on attempt {}", delivery.id(), origin, delivery.attempts());
      return deliveries.delivered(delivery.id(), attempt);
    }
    long delay = Math.max(config.backoffMs(delivery.attempts()),
        Math.min(outcome.retryAfterMs(), config.backoffMaxMs()));
    return deliveries.attemptFailed(delivery.id(), attempt, outcome.permanent(), config.maxAttempts(), delay,
            config.disableAfterFailures())
        .compose(failed -> {
          if (failed == null) {
            return Future.<Void>succeededFuture();
          }
          if ("failed".equals(failed.status())) {
            Future<Void> aside = setAside.put(delivery.id().toString(), "failed after " + delivery.attempts()
                + " attempt(s) to " + (origin == null ? "its endpoint" : origin) + ": " + outcome.error(),
                new JsonObject()
                    .put("deliveryId", delivery.id().toString())
                    .put("notificationId", delivery.notificationId() == null ? null : delivery.notificationId().toString())
                    .put("endpointId", delivery.endpointId() == null ? null : delivery.endpointId().toString())
                    .put("status", outcome.status()));
            return failed.disabledEndpoint() == null ? aside : aside.compose(v -> {
              LOG.warn("webhook endpoint {} ({}) disabled after {} deliveries in a row failed", failed.disabledEndpoint(),
                  failed.url(), config.disableAfterFailures());
              return onDisabled.apply(failed);
            });
          }
          LOG.info("webhook {} to {} failed attempt {}, retry in {} ms: {}", delivery.id(),
              origin == null ? "its endpoint" : origin, delivery.attempts(), delay, outcome.error());
          return Future.<Void>succeededFuture();
        });
  }

  /** A Retry-After in seconds, in milliseconds; 0 when absent or an HTTP date (not honoured). */
  static long retryAfterMs(String header) {
    if (header == null) {
      return 0;
    }
    try {
      return Math.min(Math.max(0, Long.parseLong(header.trim())), 86_400L) * 1000;
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
