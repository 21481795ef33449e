package mercato.platform.config;

/**
 * What kind of install this is ({@code profile:}): {@code development} allows what exists
 * only for trying Mercato out (the test payment gateway); {@code production} refuses to
 * start with any of it enabled.
 */
public enum Profile {
  DEVELOPMENT,
  PRODUCTION;

  static Profile read(ConfigReader root) {
    String value = root.string("profile");
    return switch (value) {
      case "development" -> DEVELOPMENT;
      case "production" -> PRODUCTION;
      default -> throw new ConfigException("profile", "expected development or production, got \"" + value + "\"");
    };
  }
}
