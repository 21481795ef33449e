package mercato.platform.config;

/** The {@code kafka:} section: the bridge that publishes domain events for outside consumers. */
public record KafkaConfig(
    boolean enabled, String bootstrapServers, int partitions, int replicationFactor,
    int maxBlockMs, int deliveryTimeoutMs) {

  public static KafkaConfig read(ConfigReader kafka) {
    return new KafkaConfig(
        kafka.bool("enabled"),
        kafka.string("bootstrapServers"),
        kafka.integer("partitions", 1, 10_000),
        kafka.integer("replicationFactor", 1, 100),
        kafka.integer("maxBlockMs", 100, 600_000),
        kafka.integer("deliveryTimeoutMs", 1000, 3_600_000));
  }
}
