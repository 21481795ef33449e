package mercato.profile.api;

/** The profile domain's bus addresses. */
public final class ProfileAddresses {
  public static final String GET_OWN_PROFILE = "mercato.profile.get-own-profile";
  public static final String UPDATE_OWN_PROFILE = "mercato.profile.update-own-profile";
  public static final String DELETE_OWN_PROFILE = "mercato.profile.delete-own-profile";
  public static final String GET_PROFILE = "mercato.profile.get-profile";

  private ProfileAddresses() {}
}
