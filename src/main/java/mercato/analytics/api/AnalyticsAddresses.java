package mercato.analytics.api;

/** The analytics domain's bus addresses: read-only reports. */
public final class AnalyticsAddresses {
  public static final String GET_SALES = "mercato.analytics.get-sales";
  public static final String GET_PRODUCTS = "mercato.analytics.get-products";
  public static final String GET_TRAFFIC = "mercato.analytics.get-traffic";
  public static final String GET_USER_BEHAVIOR = "mercato.analytics.get-user-behavior";

  private AnalyticsAddresses() {}
}
