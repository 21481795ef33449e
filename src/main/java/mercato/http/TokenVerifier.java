package mercato.http;

import io.vertx.core.Future;
import mercato.platform.bus.Principal;

/**
 * The edge's pluggable bearer-token check: a verified principal, or a failed future with
 * a 401 problem. It runs on the event loop, so it must not block.
 */
public interface TokenVerifier {
  Future<Principal> verify(String token);

  /** Verifies nothing: every token is refused (a node with no keys configured). */
  TokenVerifier NONE = token -> Future.failedFuture(
      mercato.platform.bus.Problem.unauthenticated("No token can be verified here."));
}
