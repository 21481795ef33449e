package mercato.platform.config;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where each domain's schema lives. {@code db:} is every domain's database unless its
 * subsection says otherwise: {@code db.<domain>.*} overrides any key of {@code db:} for that
 * domain alone (its schema, migrations, outbox and inbox move with it), and
 * {@code db.<domain>.replica.*}, where the defaults declare one (catalog, search, review),
 * names a read-only replica that serves the domain's anonymous browsing reads.
 */
public final class DomainDatabases {
  static final String REPLICA = "replica";

  private final DbConfig fallback;
  private final Map<String, DbConfig> primaries;
  private final Map<String, DbConfig> replicas;

  DomainDatabases(DbConfig fallback, Map<String, DbConfig> primaries, Map<String, DbConfig> replicas) {
    this.fallback = fallback;
    // In the order the configuration names the domains: all() and the relays follow it on every start.
    this.primaries = Collections.unmodifiableMap(new LinkedHashMap<>(primaries));
    this.replicas = Collections.unmodifiableMap(new LinkedHashMap<>(replicas));
  }

  /** Reads the {@code db:} section: its own keys, and each {@code db.<domain>} subsection over them. */
  static DomainDatabases read(ConfigReader db) {
    DbConfig fallback = DbConfig.read(db);
    JsonObject base = new JsonObject();
    db.raw().forEach(entry -> {
      if (!(entry.getValue() instanceof JsonObject)) {
        base.put(entry.getKey(), entry.getValue());
      }
    });
    Map<String, DbConfig> primaries = new LinkedHashMap<>();
    Map<String, DbConfig> replicas = new LinkedHashMap<>();
    for (String domain : db.raw().fieldNames()) {
      if (!(db.raw().getValue(domain) instanceof JsonObject own)) {
        continue;
      }
      JsonObject overrides = own.copy();
      Object replica = overrides.remove(REPLICA);
      if (replica != null && !(replica instanceof JsonObject)) {
        throw new ConfigException(db.key(domain + "." + REPLICA), "expected a section (a mapping)");
      }
      JsonObject primary = base.copy().mergeIn(overrides);
      primaries.put(domain, DbConfig.read(new ConfigReader(primary, db.key(domain))));
      if (replica instanceof JsonObject replicaKeys && !replicaKeys.isEmpty()) {
        replicas.put(domain, DbConfig.read(new ConfigReader(primary.copy().mergeIn(replicaKeys), db.key(domain + "." + REPLICA))));
      }
    }
    return new DomainDatabases(fallback, primaries, replicas);
  }

  /** The {@code db:} keys themselves: every domain's database unless its subsection moves it. */
  public DbConfig fallback() {
    return fallback;
  }

  /** The database {@code domain}'s schema lives in. */
  public DbConfig primary(String domain) {
    return primaries.getOrDefault(domain, fallback);
  }

  /** The read-only replica {@code domain} browses from, when one is configured. */
  public Optional<DbConfig> replica(String domain) {
    return Optional.ofNullable(replicas.get(domain));
  }

  /** Every database a domain lives in, each once: {@code db:} first, then in the order the domains are named. */
  public List<DbConfig> all() {
    Map<String, DbConfig> out = new LinkedHashMap<>();
    out.put(fallback.endpoint(), fallback);
    primaries.values().forEach(db -> out.putIfAbsent(db.endpoint(), db));
    return List.copyOf(out.values());
  }

  /**
   * What the readiness check of a node running {@code domains} looks at, by check name:
   * {@code postgres} for the {@code db:} database, {@code postgres <address>} for any other
   * database one of them lives in. Replicas are not: without one, browsing reads the primary.
   */
  public Map<String, DbConfig> checked(Collection<String> domains) {
    Map<String, DbConfig> out = new LinkedHashMap<>();
    for (String domain : domains) {
      DbConfig primary = primary(domain);
      out.putIfAbsent(primary.endpoint().equals(fallback.endpoint()) ? "postgres" : "postgres " + primary.address(), primary);
    }
    return out;
  }

  /** Whether {@code schema} (a domain's name) lives in {@code db} by this configuration. */
  public boolean livesIn(String schema, DbConfig db) {
    return primary(schema).endpoint().equals(db.endpoint());
  }

  /**
   * The {@code schemas} grouped by the database they live in (one entry per endpoint, in
   * the order first named), for what runs once per database: the relay, its LISTEN, the gauges.
   */
  public Map<DbConfig, List<String>> bySchemaHome(Collection<String> schemas) {
    Map<String, DbConfig> byEndpoint = new LinkedHashMap<>();
    Map<DbConfig, List<String>> out = new LinkedHashMap<>();
    for (String schema : schemas) {
      DbConfig home = byEndpoint.computeIfAbsent(primary(schema).endpoint(), key -> primary(schema));
      out.computeIfAbsent(home, key -> new ArrayList<>()).add(schema);
    }
    return out;
  }
}
