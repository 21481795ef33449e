package mercato.platform.config;

/**
 * The {@code log:} section. Logs always go to standard output (a service manager or a log
 * shipper takes them from there); {@code format} is {@code text} (one readable line per
 * event) or {@code json} (one JSON object per line). The level stays logback's own
 * {@code MERCATO_LOG_LEVEL}.
 */
public record LogConfig(String format) {
  static LogConfig read(ConfigReader log) {
    String format = log.string("format");
    if (!format.equals("text") && !format.equals("json")) {
      throw new ConfigException(log.key("format"), "expected text or json, got \"" + format + "\"");
    }
    return new LogConfig(format);
  }
}
