package mercato.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  private static MercatoConfig read(Path file, Properties sys, Map<String, String> env) {
    return MercatoConfig.read(ConfigLoader.load(file, sys, env));
  }

  @Test
  void theShippedDefaultsAreValid() {
    MercatoConfig config = read(null, new Properties(), Map.of());
    assertThat(config.roles()).containsExactly("all");
    assertThat(config.http().port()).isEqualTo(8080);
    assertThat(config.http().instances()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(config.cluster().enabled()).isFalse();
  }

  @Test
  void environmentBeatsSystemPropertiesWhichBeatTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("m.yaml");
    Files.writeString(file, "http:\n  port: 9001\n  bodyLimit: 4096\ndb:\n  host: db.internal\n");
    Properties sys = new Properties();
    sys.setProperty("mercato.http.port", "9002");
    sys.setProperty("mercato.db.poolSize", "7");
    MercatoConfig config = read(file, sys, Map.of("MERCATO_HTTP_PORT", "9003", "MERCATO_ROLES", "http, catalog",
        "MERCATO_CLUSTER_MEMBERS", "10.0.0.1:5701,10.0.0.2:5701", "MERCATO_HTTP_BODY_LIMIT", "8192"));
    assertThat(config.http().port()).isEqualTo(9003);
    assertThat(config.http().bodyLimit()).isEqualTo(8192);
    assertThat(config.db().host()).isEqualTo("db.internal");
    assertThat(config.db().poolSize()).isEqualTo(7);
    assertThat(config.roles()).containsExactly("http", "catalog");
    assertThat(config.cluster().members()).containsExactly("10.0.0.1:5701", "10.0.0.2:5701");
  }

  @Test
  void envNamesFollowTheKeys() {
    assertThat(ConfigLoader.envName("http.bodyLimit")).isEqualTo("MERCATO_HTTP_BODY_LIMIT");
    assertThat(ConfigLoader.envName("cluster.eventBusPort")).isEqualTo("MERCATO_CLUSTER_EVENT_BUS_PORT");
  }

  @Test
  void aBadValueNamesItsKey() {
    assertThatThrownBy(() -> read(null, new Properties(), Map.of("MERCATO_HTTP_PORT", "eighty")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'http.port'").hasMessageContaining("eighty");
    assertThatThrownBy(() -> read(null, new Properties(), Map.of("MERCATO_DB_PORT", "70000")))
        .hasMessageContaining("'db.port'").hasMessageContaining("65535");
    assertThatThrownBy(() -> read(null, new Properties(), Map.of("MERCATO_KAFKA_ENABLED", "maybe")))
        .hasMessageContaining("'kafka.enabled'");
    assertThatThrownBy(() -> read(null, new Properties(), Map.of("MERCATO_REDIS_URI", "localhost:6379")))
        .hasMessageContaining("'redis.uri'");
  }

  @Test
  void aMissingValueNamesItsKey(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("m.yaml");
    Files.writeString(file, "db:\n  host: ''\n");
    assertThatThrownBy(() -> read(file, new Properties(), Map.of()))
        .hasMessage("config key 'db.host': must not be empty");
  }

  @Test
  void aBrokenFileIsNamed(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("broken.yaml");
    Files.writeString(file, "http: [\n");
    assertThatThrownBy(() -> read(file, new Properties(), Map.of())).hasMessageContaining("broken.yaml");
  }

  @Test
  void aMisspeltKeyInTheFileIsRefusedWithTheKeyItMeant(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("m.yaml");
    Files.writeString(file, "http:\n  bodyLimt: 1000\n");
    assertThatThrownBy(() -> read(file, new Properties(), Map.of())).isInstanceOf(ConfigException.class)
        .hasMessage("config key 'http.bodyLimt': in " + file + ": not a key Mercato reads (did you mean http.bodyLimit?)");
    Files.writeString(file, "http:\n  BODYLIMIT: 1000\n");
    assertThatThrownBy(() -> read(file, new Properties(), Map.of()))
        .hasMessage("config key 'http.BODYLIMIT': in " + file + ": not a key Mercato reads (did you mean http.bodyLimit?)");
    Files.writeString(file, "http:\n  gzip: true\n");
    assertThatThrownBy(() -> read(file, new Properties(), Map.of())).as("nothing declared is close: no suggestion")
        .hasMessage("config key 'http.gzip': in " + file + ": not a key Mercato reads");
  }

  @Test
  void aMisspeltSectionIsRefusedOnceWithEveryOtherRefusedKey(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("m.yaml");
    Files.writeString(file, "payment:\n  strpie:\n    secretKey: sk_test_x\n    enabled: true\n"
        + "rols: [http]\nemail:\n  smtp:\n    prot: 25\n");
    assertThatThrownBy(() -> read(file, new Properties(), Map.of()))
        .hasMessage("config key 'payment.strpie': in " + file + ": not a key Mercato reads (did you mean payment.stripe?);"
            + " also refused: rols, email.smtp.prot");
    Files.writeString(file, "rols: [http]\n");
    assertThatThrownBy(() -> read(file, new Properties(), Map.of()))
        .hasMessage("config key 'rols': in " + file + ": not a key Mercato reads (did you mean roles?)");
  }

  @Test
  void aKeyOfAnotherKindThanItsDefaultIsRefused(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("m.yaml");
    Files.writeString(file, "http:\n  bodyLimit:\n    bytes: 1000\n");
    assertThatThrownBy(() -> read(file, new Properties(), Map.of()))
        .hasMessage("config key 'http.bodyLimit': in " + file + ": expected a single value, as in the defaults, not a section");
    Files.writeString(file, "http:\n  cors: http://shop.example\n");
    assertThatThrownBy(() -> read(file, new Properties(), Map.of()))
        .hasMessage("config key 'http.cors': in " + file + ": expected a section (a mapping), as in the defaults");
    Files.writeString(file, "roles: { http: true }\n");
    assertThatThrownBy(() -> read(file, new Properties(), Map.of()))
        .hasMessage("config key 'roles': in " + file + ": expected a list, as in the defaults, not a section");
    Files.writeString(file, "db:\n  order: orders.internal\n");
    assertThatThrownBy(() -> read(file, new Properties(), Map.of()))
        .hasMessage("config key 'db.order': in " + file + ": expected a section (a mapping), as in the defaults");
  }

  @Test
  void openSectionsAndListsTakeKeysTheDefaultsDoNotName(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("m.yaml");
    Files.writeString(file, "http:\n  rateLimits:\n    checkout: { capacity: 5, refillPerSecond: 1 }\n"
        + "tokens:\n  keys:\n    - kid: k1\n      publicKey: k1.pub.pem\n"
        + "roles: http\ncluster:\n  members: [10.0.0.1, 10.0.0.2]\n");
    MercatoConfig config = read(file, new Properties(), Map.of());
    assertThat(config.http().rateLimit("checkout")).isEqualTo(new HttpConfig.RateLimit(5, 1, false));
    assertThat(config.tokens().keys()).extracting(TokensConfig.Key::kid).containsExactly("k1");
    assertThat(config.roles()).as("a single value where the default is a list").containsExactly("http");
    assertThat(config.cluster().members()).containsExactly("10.0.0.1", "10.0.0.2");
    assertThat(UndeclaredKeys.OPEN).containsExactly("http.rateLimits");
  }

  @Test
  void aMisspeltKeyOfADomainsDatabaseSuggestsTheKeyOfDb(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("m.yaml");
    Files.writeString(file, "db:\n  order:\n    hots: orders.internal\n");
    assertThatThrownBy(() -> read(file, new Properties(), Map.of()))
        .hasMessage("config key 'db.order.hots': in " + file + ": not a key of db: (did you mean db.order.host?)");
    Files.writeString(file, "db:\n  poolsize: 9\n");
    assertThatThrownBy(() -> read(file, new Properties(), Map.of()))
        .hasMessage("config key 'db.poolsize': in " + file + ": not a key Mercato reads (did you mean db.poolSize?)");
  }

  @Test
  void theShippedDefaultsLoadCleanAsAFile() {
    MercatoConfig config = read(Path.of("conf/mercato.yaml"), new Properties(), Map.of());
    assertThat(config.raw()).isEqualTo(ConfigLoader.load(null, new Properties(), Map.of()));
  }

  /** Every Mercato configuration the repository ships (the defaults, the systemd install's file) loads. */
  @Test
  void everyShippedConfigurationFileLoads() throws Exception {
    List<Path> files;
    try (Stream<Path> all = Stream.concat(Files.walk(Path.of("conf")), Files.walk(Path.of("deploy")))) {
      files = all.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
    }
    assertThat(files).contains(Path.of("conf/mercato.yaml"), Path.of("deploy/systemd/mercato.yaml"));
    for (Path file : files) {
      assertThat(MercatoConfig.read(ConfigLoader.load(file, new Properties(), Map.of()))).as(file.toString()).isNotNull();
    }
  }

  @Test
  void mainStopsWithOneLineNamingTheKey() {
    System.setProperty("mercato.http.busTimeoutMs", "soon");
    try {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code = mercato.MainAccess.run(new String[0], new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
      assertThat(code).isEqualTo(2);
      assertThat(err.toString().strip()).isEqualTo(
          "mercato: config key 'http.busTimeoutMs': expected a whole number, got \"soon\"");
    } finally {
      System.clearProperty("mercato.http.busTimeoutMs");
    }
  }

  @Test
  void mainRefusesAnUnknownRoleAndPrintsHelp() {
    System.setProperty("mercato.roles", "http,warehouse-robot");
    try {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code = mercato.MainAccess.run(new String[0], new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
      assertThat(code).isEqualTo(2);
      assertThat(err.toString()).contains("config key 'roles'").contains("warehouse-robot");
    } finally {
      System.clearProperty("mercato.roles");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(mercato.MainAccess.run(new String[] {"--help"}, new PrintStream(out), System.err)).isZero();
    assertThat(out.toString()).contains("Usage: java -jar mercato.jar");
  }

  @Test
  void tracingIsOffUntilAnEndpointIsNamedAndTheStandardVariablesCount() {
    assertThat(read(null, new Properties(), Map.of()).tracing().enabled()).isFalse();
    TracingConfig standard = read(null, new Properties(), Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/",
        "OTEL_SERVICE_NAME", "shop-eu")).tracing();
    assertThat(standard.enabled()).isTrue();
    assertThat(standard.endpoint()).isEqualTo("http://collector:4318");
    assertThat(standard.serviceName()).isEqualTo("shop-eu");
    assertThat(read(null, new Properties(), Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://a:4318",
        "MERCATO_TRACING_OTLP_ENDPOINT", "http://b:4318")).tracing().endpoint()).as("Mercato's own variable wins")
        .isEqualTo("http://b:4318");
    assertThatThrownBy(() -> read(null, new Properties(), Map.of("MERCATO_TRACING_OTLP_ENDPOINT", "collector:4318")))
        .hasMessageContaining("'tracing.otlp.endpoint'");
    assertThatThrownBy(() -> read(null, new Properties(), Map.of("MERCATO_TRACING_SAMPLE_PERCENT", "150")))
        .hasMessageContaining("'tracing.samplePercent'");
  }
}
