package mercato.auth;

import java.util.List;
import mercato.auth.api.AuthEvents;
import mercato.auth.api.AuthRoutes;
import mercato.platform.domain.Domain;

/** The auth domain as the node sees it. */
public final class AuthDomain {
  private AuthDomain() {}

  public static Domain domain() {
    return new Domain("auth", true, AuthRoutes.ROUTES, List.of(),
        List.of(AuthEvents.VERIFICATION_REQUESTED, AuthEvents.EMAIL_VERIFIED, AuthEvents.PASSWORD_RESET_REQUESTED),
        AuthVerticle::new);
  }
}
