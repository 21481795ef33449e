package mercato.auth;

import io.vertx.core.Future;
import java.util.UUID;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Fields;
import mercato.platform.bus.Outcome;
import mercato.platform.bus.Principal;
import mercato.platform.bus.Problem;

/** Refresh-token rotation and logout. */
final class SessionEndpoints {
  private final Sessions sessions;

  SessionEndpoints(Sessions sessions) {
    this.sessions = sessions;
  }

  /** A refresh token buys new tokens once; using it again ends its whole session. */
  Future<?> refresh(Envelope envelope) {
    String token = Fields.text(envelope.bodyObject(), "refreshToken", 200);
    return sessions.rotate(token).compose(grant -> {
      if (grant == null) {
        return Future.failedFuture(Problem.unauthenticated("The refresh token is invalid, expired or already used."));
      }
      return Future.succeededFuture(grant.toJson());
    });
  }

  /** Ends the caller's session and denies the access token it used, until it expires. */
  Future<?> logout(Envelope envelope) {
    Principal principal = envelope.requirePrincipal();
    Future<Void> session = principal.sid() == null
        ? Future.succeededFuture()
        : sessions.end(UUID.fromString(principal.sid()), "logout");
    return session
        .compose(v -> principal.jti() == null ? Future.succeededFuture() : sessions.deny(principal.jti(), principal.exp()))
        .map(v -> principal.jti() == null ? null : Outcome.denied(null, principal.jti()));
  }
}
