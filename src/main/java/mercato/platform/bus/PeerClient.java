package mercato.platform.bus;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;

/**
 * The one way a domain (or the edge) calls an operation of a peer domain: by the owner's
 * {@code api} address constant, with an envelope, under a timeout, getting the peer's domain
 * result. Every failure is mapped once, here: no answer in time is a 504 {@code peer-timeout},
 * no node serving the address a 503 {@code peer-unavailable}, and a problem the peer failed
 * with arrives as that same problem (a 404 stays a 404).
 */
public final class PeerClient {
  private final Vertx vertx;
  private final long timeoutMs;

  public PeerClient(Vertx vertx, long timeoutMs) {
    this.vertx = vertx;
    this.timeoutMs = timeoutMs;
  }

  /** The same client with another timeout, for a call that may take longer (or must be quick). */
  public PeerClient within(long timeoutMs) {
    return new PeerClient(vertx, timeoutMs);
  }

  /** An internal request: no principal, {@code body} only, under the caller's request id. */
  public Future<JsonObject> ask(String address, Object body, String requestId) {
    return send(address, Envelope.internal(body, requestId));
  }

  /** Hands a whole envelope on (the caller's principal and query go with it). */
  public Future<JsonObject> forward(String address, Envelope envelope) {
    return send(address, envelope.toJson());
  }

  private Future<JsonObject> send(String address, JsonObject envelope) {
    return vertx.eventBus().<JsonObject>request(address, envelope, new DeliveryOptions().setSendTimeout(timeoutMs))
        .map(reply -> reply.body())
        .recover(failure -> Future.failedFuture(problemOf(address, failure)));
  }

  /** Whether a call failed because no node serves the address (not because the peer refused). */
  public static boolean unavailable(Throwable failure) {
    return failure instanceof Problem problem && problem.type() == ProblemType.PEER_UNAVAILABLE;
  }

  /** Whether a call failed with the peer's problem of this status (a 404 the caller may turn into its own answer). */
  public static boolean refused(Throwable failure, int status) {
    return failure instanceof Problem problem && problem.status() == status;
  }

  /** The problem a caller sees when a peer did not answer with a result. */
  static Throwable problemOf(String address, Throwable failure) {
    if (!(failure instanceof ReplyException reply)) {
      return failure;
    }
    if (reply.failureType() == ReplyFailure.TIMEOUT) {
      return new Problem(ProblemType.PEER_TIMEOUT, "A domain this operation needs did not answer in time.");
    }
    if (reply.failureType() == ReplyFailure.NO_HANDLERS) {
      return new Problem(ProblemType.PEER_UNAVAILABLE, "No node serves an operation this one needs right now.");
    }
    return Problem.from(reply);
  }
}
