package mercato.profile;

import static mercato.profile.api.ProfileAddresses.*;

import io.vertx.core.Future;
import java.util.UUID;
import mercato.auth.api.AuthEvents;
import mercato.platform.domain.DomainContext;
import mercato.platform.domain.DomainVerticle;
import mercato.platform.events.Inbox;
import mercato.platform.bus.Operations;

/** Owns the profiles of every principal type: made at registration, erased at closure. */
final class ProfileVerticle extends DomainVerticle {
  ProfileVerticle(DomainContext context) {
    super(context);
  }

  @Override
  protected Future<?> deploy() {
    openPool();
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
    return ready();
  }
}
