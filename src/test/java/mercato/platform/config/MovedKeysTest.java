package mercato.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys that moved stop the start with their new name, wherever they are set; the new keys are read. */
class MovedKeysTest {
  private static MercatoConfig read(Path file, Properties sys, Map<String, String> env) {
    return MercatoConfig.read(ConfigLoader.load(file, sys, env));
  }

  @Test
  void aMovedKeyInTheFileNamesItsNewKeyAndTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("m.yaml");
    Files.writeString(file, "auth:\n  jwt:\n    keys:\n      - kid: k1\n        publicKey: k1.pub.pem\n"
        + "analytics:\n  traffic:\n    flushMs: 500\n");
    assertThatThrownBy(() -> read(file, new Properties(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config key 'auth.jwt.keys': has moved to tokens.keys (set in " + file
            + "); also moved: analytics.traffic.flushMs -> http.traffic.flushMs");
  }

  @Test
  void everyOldKeyHasItsOwnNewName(@TempDir Path dir) throws Exception {
    Map<String, String> moves = Map.ofEntries(
        Map.entry("auth.jwt.issuer", "tokens.issuer"),
        Map.entry("auth.jwt.audience", "tokens.audience"),
        Map.entry("auth.jwt.algorithm", "tokens.algorithm"),
        Map.entry("auth.jwt.accessTokenMinutes", "auth.accessTokenMinutes"),
        Map.entry("auth.jwt.refreshTokenDays", "auth.refreshTokenDays"),
        Map.entry("analytics.traffic.enabled", "http.traffic.enabled"),
        Map.entry("analytics.traffic.maxVisitorsPerFlush", "http.traffic.maxVisitorsPerFlush"),
        Map.entry("analytics.traffic.maxProductsPerFlush", "http.traffic.maxProductsPerFlush"),
        Map.entry("analytics.traffic.keyPrefix", "traffic.keyPrefix"),
        Map.entry("analytics.traffic.minuteTtlHours", "traffic.minuteTtlHours"),
        Map.entry("analytics.traffic.hourTtlDays", "traffic.hourTtlDays"),
        Map.entry("analytics.traffic.dayTtlDays", "traffic.dayTtlDays"),
        Map.entry("auth.requireVerifiedEmailFor", "http.requireVerifiedEmailFor"));
    for (Map.Entry<String, String> move : moves.entrySet()) {
      String[] parts = move.getKey().split("\\.");
      StringBuilder yaml = new StringBuilder();
      for (int i = 0; i < parts.length; i++) {
        yaml.append("  ".repeat(i)).append(parts[i]).append(i == parts.length - 1 ? ": 1\n" : ":\n");
      }
      Path file = dir.resolve(parts[parts.length - 1] + ".yaml");
      Files.writeString(file, yaml);
      assertThatThrownBy(() -> read(file, new Properties(), Map.of()))
          .hasMessage("config key '" + move.getKey() + "': has moved to " + move.getValue() + " (set in " + file + ")");
    }
  }

  @Test
  void anyOtherKeyOfAMovedSectionNamesTheSection(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("m.yaml");
    Files.writeString(file, "auth:\n  jwt:\n    leewaySeconds: 5\n");
    assertThatThrownBy(() -> read(file, new Properties(), Map.of()))
        .hasMessageStartingWith("config key 'auth.jwt': has moved to tokens (issuer, audience, algorithm, keys)"
            + " and auth (accessTokenMinutes, refreshTokenDays)");
    Files.writeString(file, "analytics:\n  traffic: {}\n");
    assertThatThrownBy(() -> read(file, new Properties(), Map.of()))
        .hasMessageStartingWith("config key 'analytics.traffic': has moved to traffic (keyPrefix");
  }

  @Test
  void aMovedKeyInTheEnvironmentOrASystemPropertyIsNamedToo() {
    assertThatThrownBy(() -> read(null, new Properties(), Map.of("MERCATO_AUTH_JWT_ACCESS_TOKEN_MINUTES", "240")))
        .hasMessage("config key 'auth.jwt.accessTokenMinutes': has moved to auth.accessTokenMinutes"
            + " (set in environment variable MERCATO_AUTH_JWT_ACCESS_TOKEN_MINUTES)");
    assertThatThrownBy(() -> read(null, new Properties(), Map.of("MERCATO_ANALYTICS_TRAFFIC_SOMETHING", "x")))
        .hasMessageStartingWith("config key 'analytics.traffic': has moved to traffic (");
    Properties sys = new Properties();
    sys.setProperty("mercato.analytics.traffic.keyPrefix", "p");
    assertThatThrownBy(() -> read(null, sys, Map.of()))
        .hasMessage("config key 'analytics.traffic.keyPrefix': has moved to traffic.keyPrefix"
            + " (set in system property mercato.analytics.traffic.keyPrefix)");
  }

  @Test
  void theNewKeysAreReadFromTheFileAndTheEnvironment(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("m.yaml");
    Files.writeString(file, "tokens:\n  issuer: shop.example\n  keys:\n    - kid: k2\n      publicKey: k2.pub.pem\n"
        + "traffic:\n  keyPrefix: \"shop:traffic\"\nhttp:\n  traffic:\n    flushMs: 250\n");
    MercatoConfig config = read(file, new Properties(), Map.of("MERCATO_AUTH_ACCESS_TOKEN_MINUTES", "240",
        "MERCATO_TRAFFIC_DAY_TTL_DAYS", "30", "MERCATO_HTTP_TRAFFIC_ENABLED", "false"));
    assertThat(config.tokens().issuer()).isEqualTo("shop.example");
    assertThat(config.tokens().keys()).containsExactly(new TokensConfig.Key("tokens.keys[0]", "k2", "k2.pub.pem", null));
    assertThat(config.traffic()).isEqualTo(new TrafficConfig("shop:traffic", 48, 35, 30));
    assertThat(config.http().traffic()).isEqualTo(new HttpConfig.Traffic(false, 250, 100_000, 20_000));
    assertThat(config.section("auth").getValue("accessTokenMinutes")).isEqualTo(240L);
  }

  @Test
  void theShippedDefaultsOfTheMovedKeysAreUnchanged() {
    MercatoConfig config = read(null, new Properties(), Map.of());
    assertThat(config.tokens().issuer()).isEqualTo("mercato");
    assertThat(config.tokens().audience()).isEqualTo("mercato");
    assertThat(config.tokens().algorithm()).isEqualTo("ES256");
    assertThat(config.tokens().keys()).containsExactly(
        new TokensConfig.Key("tokens.keys[0]", "dev-1", ".data/keys/dev-1.pub.pem", ".data/keys/dev-1.key.pem"));
    assertThat(config.traffic()).isEqualTo(new TrafficConfig("mercato:traffic", 48, 35, 400));
    assertThat(config.http().traffic()).isEqualTo(new HttpConfig.Traffic(true, 1000, 100_000, 20_000));
    assertThat(config.section("auth").getInteger("accessTokenMinutes")).isEqualTo(15);
    assertThat(config.section("auth").getInteger("refreshTokenDays")).isEqualTo(30);
    assertThat(config.raw().getJsonObject("auth").containsKey("jwt")).isFalse();
    assertThat(config.raw().getJsonObject("analytics").containsKey("traffic")).isFalse();
  }

  @Test
  void badTokenSettingsNameTheirKey(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> read(null, new Properties(), Map.of("MERCATO_TOKENS_ALGORITHM", "HS256")))
        .hasMessage("config key 'tokens.algorithm': expected ES256 or RS256, got \"HS256\"");
    Path file = dir.resolve("m.yaml");
    Files.writeString(file, "tokens:\n  keys:\n    - kid: k1\n      publicKey: k1.pub.pem\n    - kid: k2\n");
    assertThatThrownBy(() -> read(file, new Properties(), Map.of()))
        .hasMessage("config key 'tokens.keys[1]': needs kid and publicKey");
    Files.writeString(file, "tokens:\n  keys: k1.pub.pem\n");
    assertThatThrownBy(() -> read(file, new Properties(), Map.of()))
        .hasMessage("config key 'tokens.keys': expected a list of {kid, publicKey, privateKey}");
  }

  @Test
  void mainStopsWithOneLineNamingTheNewKey() {
    System.setProperty("mercato.auth.jwt.issuer", "shop.example");
    try {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code = mercato.MainAccess.run(new String[0], new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
      assertThat(code).isEqualTo(2);
      assertThat(err.toString().strip()).isEqualTo("mercato: config key 'auth.jwt.issuer': has moved to tokens.issuer"
          + " (set in system property mercato.auth.jwt.issuer)");
    } finally {
      System.clearProperty("mercato.auth.jwt.issuer");
    }
  }
}
