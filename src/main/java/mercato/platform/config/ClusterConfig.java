package mercato.platform.config;

import java.util.List;

/** The {@code cluster:} section: Hazelcast membership and the clustered event bus. */
public record ClusterConfig(
    boolean enabled, String name, String host, int port, List<String> members,
    int eventBusPort, int joinWaitSeconds, long leaveGraceMs) {

  public static ClusterConfig read(ConfigReader cluster) {
    List<String> members = cluster.strings("members");
    boolean enabled = cluster.bool("enabled");
    if (enabled && members.isEmpty()) {
      throw new ConfigException(cluster.key("members"), "must list at least one member when the cluster is enabled");
    }
    return new ClusterConfig(
        enabled,
        cluster.string("name"),
        cluster.string("host"),
        cluster.port("port", false),
        members,
        cluster.port("eventBusPort", true),
        cluster.integer("joinWaitSeconds", 0, 300),
        cluster.number("leaveGraceMs", 0, 60_000));
  }
}
