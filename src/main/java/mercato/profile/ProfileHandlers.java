package mercato.profile;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.UUID;
import mercato.auth.api.AuthAddresses;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Fields;
import mercato.platform.bus.PeerClient;
import mercato.platform.bus.Principal;
import mercato.platform.bus.Problem;

/** One method per bus address: the caller's own profile, and any profile for admins. */
final class ProfileHandlers {
  private static final long AUTH_TIMEOUT_MS = 5000;

  private final PeerClient auth;
  private final Pool pool;

  ProfileHandlers(Vertx vertx, Pool pool) {
    this.auth = new PeerClient(vertx, AUTH_TIMEOUT_MS);
    this.pool = pool;
  }

  Future<?> getOwn(Envelope envelope) {
    Principal principal = envelope.requirePrincipal();
    return view(UUID.fromString(principal.sub()), principal.typ(), envelope.requestId());
  }

  /** Admins (or holders of profile:read) read anyone's profile; 404 when there is no such account. */
  Future<?> get(Envelope envelope) {
    UUID id = Fields.pathId(envelope, "user_id");
    return view(id, null, envelope.requestId());
  }

  Future<?> updateOwn(Envelope envelope) {
    Principal principal = envelope.requirePrincipal();
    UUID id = UUID.fromString(principal.sub());
    JsonObject patch = envelope.bodyObject();
    // The account is asked for before the write: a caller without an active account gets
    // its 404 with nothing saved (asked after, the profile was committed behind a 404).
    return account(id, envelope.requestId()).compose(facts -> {
      if (facts == null || !facts.getBoolean("active", false)) {
        return Future.failedFuture(Problem.notFound("No such profile."));
      }
      return pool.withTransaction(tx -> ProfileRepository.find(tx, id, true).compose(current -> {
        Profile base = current != null ? current : Profile.empty(id, principal.typ());
        Profile updated = base.merge(patch);
        return ProfileRepository.save(tx, updated);
      }));
    }).compose(v -> view(id, principal.typ(), envelope.requestId()));
  }

  /**
   * Closes the account in auth first (login disabled, sessions ended, the token denied),
   * then erases the profile; auth's account-closed event erases it again if this step is
   * lost, and tells every other domain to erase what it holds.
   */
  Future<?> deleteOwn(Envelope envelope) {
    UUID id = UUID.fromString(envelope.requirePrincipal().sub());
    return auth.ask(AuthAddresses.CLOSE_ACCOUNT, new JsonObject().put("accountId", id.toString()), envelope.requestId())
        .compose(v -> ProfileRepository.erase(pool, id))
        .mapEmpty();
  }

  /** The account's facts from auth (a missing account fails with auth's 404). */
  private Future<JsonObject> account(UUID id, String requestId) {
    return auth.ask(AuthAddresses.GET_ACCOUNT, new JsonObject().put("accountId", id.toString()), requestId);
  }

  private Future<?> view(UUID id, String type, String requestId) {
    Future<JsonObject> account = account(id, requestId);
    return Future.all(account, ProfileRepository.find(pool, id, false)).map(both -> {
      JsonObject facts = both.resultAt(0);
      if (facts == null || !facts.getBoolean("active", false)) {
        throw Problem.notFound("No such profile.");
      }
      Profile profile = both.resultAt(1);
      String profileType = type != null ? type : facts.getString("type");
      JsonObject json = (profile != null ? profile : Profile.empty(id, profileType)).toJson();
      json.put("type", facts.getString("type"))
          .put("email", facts.getString("email"))
          .put("emailVerified", facts.getBoolean("emailVerified"))
          .put("roles", facts.getJsonArray("roles"))
          .put("name", facts.getString("name"));
      return json;
    });
  }
}
