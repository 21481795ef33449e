package mercato.platform.config;

import io.vertx.core.json.JsonObject;
import java.util.List;

/** The whole configuration, read and validated once at boot. */
public record MercatoConfig(
    List<String> roles,
    HttpConfig http,
    DbConfig db,
    RedisConfig redis,
    KafkaConfig kafka,
    EventsConfig events,
    ClusterConfig cluster,
    JsonObject raw) {

  public static MercatoConfig read(JsonObject root) {
    ConfigReader config = ConfigReader.root(root);
    List<String> roles = config.strings("roles");
    if (roles.isEmpty()) {
      throw new ConfigException("roles", "must name at least one role (or \"all\")");
    }
    return new MercatoConfig(
        roles,
        HttpConfig.read(config.section("http")),
        DbConfig.read(config.section("db")),
        RedisConfig.read(config.section("redis")),
        KafkaConfig.read(config.section("kafka")),
        EventsConfig.read(config.section("events")),
        ClusterConfig.read(config.section("cluster")),
        root);
  }

  /** A domain's own section ({@code catalog:} for the catalog domain), empty when absent. */
  public JsonObject section(String name) {
    JsonObject section = raw.getJsonObject(name);
    return section == null ? new JsonObject() : section.copy();
  }
}
