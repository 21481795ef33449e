package mercato.payment;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.URISyntaxException;
import mercato.platform.config.ConfigException;
import mercato.platform.config.ConfigReader;

/**
 * What every gateway's section reads alike: a credential given either in the environment
 * (through its key) or in a file, exactly one of the two, the file read without blocking;
 * and http(s) addresses. Errors name the key in full ({@code payment.<gateway>.<key>}).
 */
final class GatewaySettings {
  private GatewaySettings() {}

  /** The key's value as text, empty when absent. */
  static String text(ConfigReader section, String name) {
    Object value = section.raw().getValue(name);
    return value == null ? "" : value.toString().strip();
  }

  /** Refuses a credential that is set nowhere, or both in the configuration and as a file. */
  static void exactlyOne(String prefix, String name, String value, String file, String env) {
    if (value.isEmpty() && file.isEmpty()) {
      throw new ConfigException(prefix + "." + name, "is empty while " + prefix + ".enabled is true: set " + env
          + " or " + prefix + "." + name + "File (a file holding it)");
    }
    if (!value.isEmpty() && !file.isEmpty()) {
      throw new ConfigException(prefix + "." + name, "is set twice: both " + name + " and " + name + "File");
    }
  }

  /** {@code value}, or the stripped contents of {@code file} when one is named (a non-blocking read). */
  static Future<String> secret(Vertx vertx, String prefix, String value, String file, String key) {
    if (file.isEmpty()) {
      return Future.succeededFuture(value);
    }
    return vertx.fileSystem().readFile(file)
        .map(buffer -> buffer.toString().strip())
        .recover(e -> Future.failedFuture(new ConfigException(prefix + "." + key, "cannot read " + file)));
  }

  /** {@code text} as an http(s) address with a host. */
  static URI uri(String prefix, String name, String text) {
    try {
      URI uri = new URI(text);
      if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
        throw new URISyntaxException(text, "not an http(s) address");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ConfigException(prefix + "." + name, "is not an http(s) address: " + text);
    }
  }
}
