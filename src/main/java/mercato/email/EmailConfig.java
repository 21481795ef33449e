package mercato.email;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import mercato.platform.config.ConfigException;
import mercato.platform.config.ConfigReader;

/** The {@code email:} section, read and validated when the email verticle starts. */
record EmailConfig(
    String from,
    String linkBase,
    String defaultLocale,
    Smtp smtp,
    int maxAttempts,
    long backoffBaseMs,
    long backoffMaxMs,
    long sweepMs) {

  /** How the connection to the SMTP server is secured. */
  enum Tls { NONE, STARTTLS, REQUIRED }

  /** The SMTP server; an empty username means no login. */
  record Smtp(String host, int port, Tls tls, String username, String password, int connectTimeoutMs,
      int idleTimeoutSeconds) {
    boolean login() {
      return !username.isEmpty();
    }
  }

  static EmailConfig read(ConfigReader email) {
    ConfigReader smtp = email.section("smtp");
    String from = email.string("from");
    if (Addresses.mailbox(from) == null) {
      throw new ConfigException(email.key("from"), "expected an address or \"Name <address>\", got \"" + from + "\"");
    }
    String locale = Locales.normalize(email.string("defaultLocale"));
    if (locale == null) {
      throw new ConfigException(email.key("defaultLocale"), "expected a locale such as en or pt-BR");
    }
    String tlsText = smtp.string("tls");
    Tls tls;
    try {
      tls = Tls.valueOf(tlsText.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(smtp.key("tls"), "expected none, starttls or required, got \"" + tlsText + "\"");
    }
    String username = plain(smtp, "username").trim();
    String password = plain(smtp, "password");
    if (!username.isEmpty() && password.isEmpty()) {
      throw new ConfigException(smtp.key("password"), "must be set when email.smtp.username is");
    }
    EmailConfig config = new EmailConfig(
        from,
        linkBase(email),
        locale,
        new Smtp(smtp.string("host"), smtp.port("port", false), tls, username, password,
            smtp.integer("connectTimeoutMs", 100, 600_000), smtp.integer("idleTimeoutSeconds", 1, 3600)),
        email.integer("maxAttempts", 1, 1000),
        email.number("backoffBaseMs", 1, 3_600_000),
        email.number("backoffMaxMs", 1, 86_400_000),
        email.number("sweepMs", 10, 3_600_000));
    if (config.backoffMaxMs < config.backoffBaseMs) {
      throw new ConfigException(email.key("backoffMaxMs"), "must not be less than email.backoffBaseMs");
    }
    return config;
  }

  /** Exponential backoff after {@code attempts} failed attempts, capped. */
  long backoffMs(int attempts) {
    long delay = backoffBaseMs << Math.min(Math.max(attempts - 1, 0), 30);
    return Math.min(delay < 0 ? backoffMaxMs : delay, backoffMaxMs);
  }

  /**
   * The longest one delivery may take before it counts as failed: connecting, then the
   * conversation, where every reply must come within the idle timeout (a few of them).
   */
  long sendTimeoutMs() {
    return smtp.connectTimeoutMs + 4L * smtp.idleTimeoutSeconds * 1000;
  }

  /** A claimed row is left alone this long; past it another sender may take it. */
  long leaseMs() {
    return sendTimeoutMs() + 30_000;
  }

  /** A storefront link: {@code linkBase + path}. */
  String link(String path) {
    return linkBase + path;
  }

  private static String linkBase(ConfigReader email) {
    String text = email.string("linkBase");
    try {
      URI uri = new URI(text);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
          || uri.getQuery() != null || uri.getFragment() != null) {
        throw new URISyntaxException(text, "not an http(s) base URL");
      }
    } catch (URISyntaxException e) {
      throw new ConfigException(email.key("linkBase"), "expected an http(s) URL such as https://shop.example, got \"" + text + "\"");
    }
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }

  /** A value that may be empty (ConfigReader refuses empty strings). */
  private static String plain(ConfigReader section, String name) {
    JsonObject raw = section.raw();
    if (!raw.containsKey(name)) {
      throw new ConfigException(section.key(name), "is missing");
    }
    Object value = raw.getValue(name);
    if (value instanceof JsonObject || value instanceof io.vertx.core.json.JsonArray) {
      throw new ConfigException(section.key(name), "expected a single value");
    }
    return value == null ? "" : value.toString();
  }
}
