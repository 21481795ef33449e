package mercato.profile;

import static mercato.profile.api.ProfileAddresses.*;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.util.UUID;
import mercato.auth.api.AuthEvents;
import mercato.platform.db.Databases;
import mercato.platform.domain.DomainContext;
import mercato.platform.events.Inbox;
import mercato.platform.bus.Operations;

/** Owns the profiles of every principal type: made at registration, erased at closure. */
final class ProfileVerticle extends VerticleBase {
  private final DomainContext context;
  private Pool pool;
  private Operations operations;
  private Inbox inbox;

  ProfileVerticle(DomainContext context) {
    this.context = context;
  }

  @Override
  public Future<?> start() {
    pool = Databases.pool(vertx, context.config().db(), "profile");
    ProfileHandlers handlers = new ProfileHandlers(vertx, pool);
    operations = new Operations(vertx)
        .on(GET_OWN_PROFILE, handlers::getOwn)
        .on(UPDATE_OWN_PROFILE, handlers::updateOwn)
        .on(DELETE_OWN_PROFILE, handlers::deleteOwn)
        .on(GET_PROFILE, handlers::get);
    inbox = new Inbox(vertx, "profile", pool)
        .on(AuthEvents.REGISTERED, (event, tx) -> ProfileRepository.create(tx,
            UUID.fromString(event.data().getString("accountId")), event.data().getString("type")))
        .on(AuthEvents.ACCOUNT_CLOSED, (event, tx) -> ProfileRepository.erase(tx,
            UUID.fromString(event.data().getString("accountId"))));
    return Future.all(operations.ready(), inbox.start());
  }

  @Override
  public Future<?> stop() {
    return Future.join(operations.close(), inbox.stop(), pool.close());
  }
}
