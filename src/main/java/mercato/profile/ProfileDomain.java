package mercato.profile;

import java.util.List;
import mercato.auth.api.AuthEvents;
import mercato.platform.domain.Domain;
import mercato.profile.api.ProfileRoutes;

/** The profile domain as the node sees it. */
public final class ProfileDomain {
  private ProfileDomain() {}

  public static Domain domain() {
    return new Domain("profile", true, ProfileRoutes.ROUTES,
        List.of(AuthEvents.REGISTERED, AuthEvents.ACCOUNT_CLOSED), List.of(), ProfileVerticle::new);
  }
}
