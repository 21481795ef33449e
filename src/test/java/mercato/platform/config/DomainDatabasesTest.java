package mercato.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** db.<domain>.* moves one domain's schema to another database; db.<domain>.replica.* adds a standby. */
class DomainDatabasesTest {
  private static MercatoConfig read(Path file, Map<String, String> env) {
    return MercatoConfig.read(ConfigLoader.load(file, new Properties(), env));
  }

  @Test
  void byDefaultEveryDomainLivesInDbAndNoneHasAReplica() {
    DomainDatabases databases = read(null, Map.of()).databases();
    for (String domain : List.of("auth", "profile", "catalog", "order", "payment", "search", "analytics")) {
      assertThat(databases.primary(domain)).isEqualTo(databases.fallback());
      assertThat(databases.replica(domain)).isEmpty();
    }
    assertThat(databases.all()).containsExactly(databases.fallback());
    assertThat(databases.bySchemaHome(List.of("order", "catalog"))).containsOnlyKeys(databases.fallback());
  }

  @Test
  void aDomainsKeysOverrideDbForItAloneFromTheEnvironmentOrTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("m.yaml");
    Files.writeString(file, "db:\n  host: shared.internal\n  order:\n    host: orders.internal\n    poolSize: 12\n");
    DomainDatabases databases = read(file, Map.of("MERCATO_DB_PAYMENT_HOST", "orders.internal",
        "MERCATO_DB_PAYMENT_POOL_SIZE", "12", "MERCATO_DB_CATALOG_PORT", "6432",
        "MERCATO_DB_CATALOG_REPLICA_HOST", "catalog-standby.internal")).databases();
    DbConfig order = databases.primary("order");
    assertThat(order.host()).isEqualTo("orders.internal");
    assertThat(order.poolSize()).isEqualTo(12);
    assertThat(order.database()).as("inherited from db:").isEqualTo("mercato");
    assertThat(databases.primary("payment")).isEqualTo(order);
    assertThat(databases.primary("auth").host()).isEqualTo("shared.internal");
    DbConfig catalog = databases.primary("catalog");
    assertThat(catalog.host()).isEqualTo("shared.internal");
    assertThat(catalog.port()).isEqualTo(6432);
    DbConfig standby = databases.replica("catalog").orElseThrow();
    assertThat(standby.host()).isEqualTo("catalog-standby.internal");
    assertThat(standby.port()).as("a replica inherits its domain's keys").isEqualTo(6432);
    assertThat(databases.replica("search")).isEmpty();

    // one relay (and one LISTEN) per database: order and payment share theirs
    assertThat(databases.bySchemaHome(List.of("order", "auth", "payment", "catalog")))
        .containsExactly(Map.entry(order, List.of("order", "payment")), Map.entry(databases.fallback(), List.of("auth")),
            Map.entry(catalog, List.of("catalog")));
    assertThat(databases.all()).as("db: first, then as the domains are named").containsExactly(databases.fallback(), catalog, order);
    assertThat(databases.livesIn("payment", order)).isTrue();
    assertThat(databases.livesIn("auth", order)).isFalse();
  }

  @Test
  void theReadinessOfANodeNamesEachDatabaseItsDomainsUse() {
    DomainDatabases databases = read(null, Map.of("MERCATO_DB_CATALOG_PORT", "5433",
        "MERCATO_DB_CATALOG_REPLICA_PORT", "5434")).databases();
    assertThat(databases.checked(List.of("order", "catalog")).keySet()).as("a replica is not needed to be ready")
        .containsExactly("postgres", "postgres 127.0.0.1:5433/mercato");
    assertThat(databases.checked(List.of())).isEmpty();
  }

  @Test
  void aBadValueNamesTheDomainsKey() {
    assertThatThrownBy(() -> read(null, Map.of("MERCATO_DB_ORDER_PORT", "70000")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'db.order.port'");
  }

  @Test
  void aMisspeltDomainAReplicaNobodyReadsOrAStrayKeyIsRefused(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("m.yaml");
    Files.writeString(file, "db:\n  ordr:\n    host: orders.internal\n");
    assertThatThrownBy(() -> read(file, Map.of())).isInstanceOf(ConfigException.class)
        .hasMessageContaining("'db.ordr'").hasMessageContaining("known: auth, profile, catalog");
    Files.writeString(file, "db:\n  order:\n    replica:\n      host: standby.internal\n");
    assertThatThrownBy(() -> read(file, Map.of())).hasMessageContaining("'db.order.replica'")
        .hasMessageContaining("reads only its primary");
    Files.writeString(file, "db:\n  order:\n    hots: orders.internal\n");
    assertThatThrownBy(() -> read(file, Map.of())).hasMessageContaining("'db.order.hots'");
    Files.writeString(file, "db:\n  catalog:\n    replica:\n      hots: standby.internal\n");
    assertThatThrownBy(() -> read(file, Map.of())).hasMessageContaining("'db.catalog.replica.hots'");
  }
}
