package mercato.profile.api;

import static mercato.profile.api.ProfileAddresses.*;

import java.util.List;
import mercato.platform.route.Access;
import mercato.platform.route.Answer;
import mercato.platform.route.Route;

/** The profile domain's HTTP routes, with the aliases of ROUTES.md. */
public final class ProfileRoutes {
  public static final List<Route> ROUTES = List.of(
      Route.get("/profile/me", GET_OWN_PROFILE, "getOwnProfile", Access.ANY)
          .alias("/user/profile").alias("/company/profile"),
      Route.put("/profile/me", UPDATE_OWN_PROFILE, "updateOwnProfile", Access.ANY)
          .alias("/user/profile").alias("/company/profile"),
      // Closing the account is a credential act: a person's own token, never an API key.
      Route.delete("/profile/me", DELETE_OWN_PROFILE, "deleteOwnProfile", Access.ANY.sessionOnly()).answers(Answer.noContent()),
      Route.get("/profile/{user_id}", GET_PROFILE, "getProfile", Access.types("admin").orPermission("profile:read")));

  private ProfileRoutes() {}
}
