package mercato.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import mercato.platform.config.ConfigLoader;
import mercato.platform.config.MercatoConfig;

/** The shipped configuration with overrides, as a test node uses it (random port, own database). */
public final class TestConfig {
  private TestConfig() {}

  public static MercatoConfig of(TestDatabase db, Map<String, String> overrides) {
    return of(db, overrides, null);
  }

  /**
   * As {@link #of(TestDatabase, Map)}, with {@code yaml} layered over the defaults first, as an
   * operator's file: checked the same way, so it may add only what such a file may (list
   * items, rate-limit groups), never a key the defaults do not declare.
   */
  public static MercatoConfig of(TestDatabase db, Map<String, String> overrides, String yaml) {
    Properties properties = new Properties();
    Map<String, String> all = new HashMap<>();
    all.put("http.port", "0");
    all.put("http.management.port", "0");
    all.put("http.instances", "1");
    all.put("http.contract", "test-openapi.yaml");
    all.put("db.poolSize", "2");
    all.put("events.sweepMs", "200");
    all.put("events.backoffBaseMs", "50");
    all.put("events.backoffMaxMs", "500");
    all.put("redis.uri", Services.redisUri());
    if (db != null) {
      all.put("db.database", db.name());
    }
    all.putAll(overrides);
    all.forEach((key, value) -> properties.setProperty("mercato." + key, value));
    java.nio.file.Path file = null;
    try {
      if (yaml != null) {
        file = java.nio.file.Files.createTempFile("mercato-test", ".yaml");
        java.nio.file.Files.writeString(file, yaml);
      }
      return MercatoConfig.read(ConfigLoader.load(file, properties, Map.of()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } finally {
      if (file != null) {
        file.toFile().delete();
      }
    }
  }
}
