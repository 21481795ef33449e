package mercato.platform.config;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The whole configuration, read and validated once at boot. The platform sections are
 * typed records; a domain's own section is handed to it alone (see DomainContext), and the
 * whole tree ({@link #raw}) is for this package and the boot (ArchitectureTest checks both).
 */
public record MercatoConfig(
    Profile profile,
    List<String> roles,
    HttpConfig http,
    DbConfig db,
    DomainDatabases databases,
    RedisConfig redis,
    KafkaConfig kafka,
    EventsConfig events,
    ClusterConfig cluster,
    TokensConfig tokens,
    TrafficConfig traffic,
    MetricsConfig metrics,
    LogConfig log,
    TracingConfig tracing,
    JsonObject raw) {

  public static MercatoConfig read(JsonObject root) {
    ConfigReader config = ConfigReader.root(root);
    List<String> roles = config.strings("roles");
    if (roles.isEmpty()) {
      throw new ConfigException("roles", "must name at least one role (or \"all\")");
    }
    KafkaConfig kafka = KafkaConfig.read(config.section("kafka"));
    EventsConfig events = EventsConfig.read(config.section("events"));
    // The bridge must answer (even "broker unavailable") before the relay stops waiting,
    // or an outage would count as a failed delivery and might publish a record twice.
    if (kafka.maxBlockMs() + kafka.deliveryTimeoutMs() >= events.deliveryTimeoutMs()) {
      throw new ConfigException("kafka.deliveryTimeoutMs",
          "kafka.maxBlockMs + kafka.deliveryTimeoutMs must stay under events.deliveryTimeoutMs ("
              + events.deliveryTimeoutMs() + ")");
    }
    DomainDatabases databases = DomainDatabases.read(config.section("db"));
    return new MercatoConfig(
        Profile.read(config),
        roles,
        HttpConfig.read(config.section("http")),
        databases.fallback(),
        databases,
        RedisConfig.read(config.section("redis")),
        kafka,
        events,
        ClusterConfig.read(config.section("cluster")),
        TokensConfig.read(config.section("tokens")),
        TrafficConfig.read(config.section("traffic")),
        MetricsConfig.read(config.section("metrics")),
        LogConfig.read(config.section("log")),
        TracingConfig.read(config.section("tracing")),
        root);
  }

  /**
   * A domain's own section ({@code catalog:} for the catalog domain), a copy, empty when
   * absent. Only DomainContext asks, for the domain it is made for.
   */
  public JsonObject section(String name) {
    return ConfigReader.root(raw).section(name).raw().copy();
  }
}
