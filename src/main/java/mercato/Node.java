package mercato;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.Match;
import io.vertx.micrometer.MatchType;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mercato.http.Edge;
import mercato.http.HttpVerticle;
import mercato.http.JwtTokenVerifier;
import mercato.http.ManagementServer;
import mercato.kafka.KafkaBridgeVerticle;
import mercato.notification.NotificationDomain;
import mercato.notification.api.WebhookEventTypes;
import mercato.payment.api.StorefrontSources;
import mercato.platform.bus.Operations;
import mercato.platform.config.ClusterConfig;
import mercato.platform.config.DbConfig;
import mercato.platform.config.MercatoConfig;
import mercato.platform.db.Migrations;
import mercato.platform.domain.Domain;
import mercato.platform.domain.DomainContext;
import mercato.platform.events.OutboxGauges;
import mercato.platform.events.OutboxRelayVerticle;
import mercato.platform.events.Subscriptions;
import mercato.platform.metrics.NodeMetrics;
import mercato.platform.route.Route;
import mercato.platform.tracing.Tracing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Mercato node: Vert.x (clustered or not, with metrics), the migrations of
 * the domains it runs, and the verticles its roles ask for. {@link #stop()} undeploys the
 * edge first (it stops accepting and finishes in-flight requests), then everything else.
 */
public final class Node {
  private static final Logger LOG = LoggerFactory.getLogger(Node.class);

  private final Vertx vertx;
  private final ClusterManager cluster;
  private final Tracing tracing;
  private final List<String> edgeDeployments = new ArrayList<>();
  private final List<String> otherDeployments = new ArrayList<>();
  private Edge edge;
  private int httpPort = -1;
  private int managementPort = -1;
  private long leaveGraceMs;

  private Node(Vertx vertx, ClusterManager cluster, Tracing tracing) {
    this.vertx = vertx;
    this.cluster = cluster;
    this.tracing = tracing;
  }

  /** Starts a node with Mercato's own domains. */
  public static Future<Node> start(MercatoConfig config) {
    return start(config, Domains.all());
  }

  /** Starts a node with the given domains (tests add their own), traced as {@code tracing.*} says. */
  public static Future<Node> start(MercatoConfig config, List<Domain> domains) {
    return start(config, domains, Tracing.from(config.tracing()));
  }

  /** Starts a node whose spans go where {@code tracing} sends them (tests keep them in memory). */
  public static Future<Node> start(MercatoConfig config, List<Domain> domains, Tracing tracing) {
    Roles roles = Roles.resolve(config, domains);
    String registry = "mercato-" + Integer.toHexString(System.identityHashCode(config));
    VertxOptions options = new VertxOptions().setMetricsOptions(metricsOptions(registry));
    VertxBuilder builder = tracing.install(Vertx.builder().with(options).withMetrics(new StartupSafeMetrics(NodeMetrics.prometheus())));
    Future<Vertx> vertx;
    ClusterManager manager = null;
    if (config.cluster().enabled()) {
      ClusterConfig cluster = config.cluster();
      options.getEventBusOptions().setHost(cluster.host()).setPort(cluster.eventBusPort()).setClusterPublicHost(cluster.host());
      manager = new HazelcastClusterManager(hazelcast(cluster));
      vertx = builder.withClusterManager(manager).buildClustered();
    } else {
      vertx = Future.succeededFuture(builder.build());
    }
    ClusterManager clusterManager = manager;
    if (tracing.enabled()) {
      LOG.info("tracing: spans to {}", tracing.destination());
    }
    return vertx.compose(v -> {
      v.sharedData().getLocalMap(NodeMetrics.METRICS_MAP).put(NodeMetrics.REGISTRY_KEY, registry);
      Node node = new Node(v, clusterManager, tracing);
      node.leaveGraceMs = config.cluster().leaveGraceMs();
      return node.deploy(config, roles, domains, registry)
          .map(node)
          .recover(failure -> node.stop().transform(x -> Future.failedFuture(failure)));
    }, failure -> tracing.close().transform(x -> Future.failedFuture(failure)));
  }

  /**
   * Prometheus metrics in their own registry: HTTP per route template (never the raw path),
   * method and status code, event bus per address (reply and live ones collapsed). The
   * registry itself ({@link NodeMetrics#prometheus}) gives the request durations their buckets.
   */
  static MicrometerMetricsOptions metricsOptions(String registry) {
    return new MicrometerMetricsOptions()
        .setEnabled(true)
        .setRegistryName(registry)
        .setJvmMetricsEnabled(true)
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
        .addLabels(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE, Label.EB_ADDRESS, Label.POOL_NAME)
        .addLabelMatch(new Match().setDomain(MetricsDomain.EVENT_BUS).setLabel("address")
            .setType(MatchType.REGEX).setValue("__vertx\\.reply\\..*").setAlias("reply"))
        .addLabelMatch(new Match().setDomain(MetricsDomain.EVENT_BUS).setLabel("address")
            .setType(MatchType.REGEX).setValue("mercato\\.notification\\.live\\..*").setAlias("mercato.notification.live"));
  }

  /**
   * Who receives which events: every domain's declarations, the webhook fan-out (where the
   * notification domain is declared) and the Kafka bridge for all public ones.
   */
  static Subscriptions subscriptions(MercatoConfig config, List<Domain> all) {
    Subscriptions subscriptions = new Subscriptions();
    all.forEach(d -> subscriptions.add(d.name(), d.subscribesTo()));
    List<String> privateEvents = all.stream().flatMap(d -> d.privateEvents().stream()).toList();
    if (all.stream().anyMatch(d -> d.name().equals(NotificationDomain.NAME))) {
      subscriptions.add(WebhookEventTypes.SUBSCRIBER, List.of("*")).exclude(WebhookEventTypes.SUBSCRIBER, privateEvents);
    }
    if (config.kafka().enabled()) {
      subscriptions.add(KafkaBridgeVerticle.SUBSCRIBER, List.of("*"))
          .exclude(KafkaBridgeVerticle.SUBSCRIBER, privateEvents)
          .batching(KafkaBridgeVerticle.SUBSCRIBER);
    }
    return subscriptions;
  }

  private Future<Void> deploy(MercatoConfig config, Roles roles, List<Domain> all, String registry) {
    Subscriptions subscriptions = subscriptions(config, all);
    List<Route> routeTable = all.stream().flatMap(d -> d.routes().stream()).toList();
    List<String> schemas = roles.domains().stream().filter(Domain::ownsSchema).map(Domain::name).toList();
    Map<DbConfig, List<String>> homes = config.databases().bySchemaHome(schemas);
    // Flyway is blocking JDBC: each schema migrates on a worker thread, all in parallel.
    List<Future<Void>> migrations = schemas.stream()
        .map(schema -> vertx.<Void>executeBlocking(() -> {
          Migrations.migrate(config.databases().primary(schema), schema);
          return null;
        }, false))
        .toList();
    // Domains start all at once: none asks a peer while starting, and each waits on its own pool and consumers.
    Future<Void> chain = Future.all(migrations).compose(v -> {
      List<Future<String>> deployed = roles.domains().stream()
          .map(domain -> vertx.deployVerticle(domain.verticle().apply(new DomainContext(domain.name(), config, subscriptions, routeTable))))
          .toList();
      // every outcome awaited, so a failed start still undeploys the domains that did start
      return Future.join(deployed).transform(done -> {
        deployed.stream().filter(Future::succeeded).forEach(one -> otherDeployments.add(one.result()));
        return done.succeeded() ? Future.<Void>succeededFuture() : Future.<Void>failedFuture(done.cause());
      });
    });
    // One relay per database: its LISTEN hears the NOTIFYs of the schemas that live there.
    for (Map.Entry<DbConfig, List<String>> home : homes.entrySet()) {
      chain = chain.compose(v -> vertx.deployVerticle(new OutboxRelayVerticle(home.getKey(), config.events(), subscriptions, home.getValue())))
          .map(id -> { otherDeployments.add(id); return null; });
    }
    if (!schemas.isEmpty()) {
      chain = chain.compose(v -> vertx.deployVerticle(new OutboxGauges(homes, config.metrics(), subscriptions)))
          .map(id -> { otherDeployments.add(id); return null; });
    }
    if (roles.kafka()) {
      chain = chain.compose(v -> vertx.deployVerticle(new KafkaBridgeVerticle(config.kafka())))
          .map(id -> { otherDeployments.add(id); return null; });
    }
    if (roles.http()) {
      // The storefront's Content-Security-Policy is the edge's, but what it allows to pay
      // (Stripe.js) is payment's configuration: read here, by the boot, from the install's
      // payment section, which every node shares, so an edge without the payment role agrees.
      StorefrontSources payments = StorefrontSources.of(config.raw().getJsonObject("payment"));
      chain = chain
          .compose(v -> Edge.create(vertx, config, all.stream().map(Domain::name).toList(), routeTable,
              config.databases().checked(schemas), JwtTokenVerifier.fromConfig(vertx, config.tokens()), cluster, registry))
          .compose(created -> {
            edge = created;
            List<HttpVerticle> instances = new ArrayList<>();
            return vertx.deployVerticle(() -> {
              HttpVerticle instance = new HttpVerticle(created, payments);
              synchronized (instances) {
                instances.add(instance);
              }
              return instance;
            }, new DeploymentOptions().setInstances(config.http().instances()))
                .map(id -> {
                  edgeDeployments.add(id);
                  httpPort = instances.get(0).port();
                  return null;
                });
          })
          .compose(v -> {
            ManagementServer management = new ManagementServer(edge);
            return vertx.deployVerticle(management).map(id -> {
              edgeDeployments.add(id);
              managementPort = management.port();
              return null;
            });
          });
    }
    return chain.onSuccess(v -> LOG.info("node up: http={} kafka={} domains={} cluster={}", roles.http(), roles.kafka(),
        roles.domains().stream().map(Domain::name).toList(), cluster != null));
  }

  public Vertx vertx() {
    return vertx;
  }

  /** The port the edge listens on, or -1 when this node runs no edge. */
  public int httpPort() {
    return httpPort;
  }

  /** The port of the management listener ({@code /metrics}), or -1 when this node runs no edge. */
  public int managementPort() {
    return managementPort;
  }

  /**
   * Graceful stop: the edge drains first (and, clustered, the node's operations leave the cluster
   * meanwhile, answering for {@code cluster.leaveGraceMs} what other nodes still send), then
   * domains and bridges, then Vert.x itself, then the last spans go out.
   */
  public Future<Void> stop() {
    Future<Void> edgeStopped = Future.join(edgeDeployments.stream().map(vertx::undeploy).toList()).mapEmpty();
    // While the edge drains, the node's operations leave the cluster (their handlers stay).
    Future<Void> withdrawn = ClusterLeave.withdraw(vertx, cluster, Operations.addresses(vertx), leaveGraceMs);
    return Future.join(edgeStopped, withdrawn)
        .transform(v -> Future.join(reversed(otherDeployments).stream().map(vertx::undeploy).toList()))
        .transform(v -> edge == null ? Future.succeededFuture() : edge.close())
        .transform(v -> vertx.close())
        .eventually(tracing::close);
  }

  private static List<String> reversed(List<String> ids) {
    List<String> copy = new ArrayList<>(ids);
    java.util.Collections.reverse(copy);
    return copy;
  }

  static Config hazelcast(ClusterConfig cluster) {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(cluster.name());
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.socket.bind.any", "false");
    config.setProperty("hazelcast.wait.seconds.before.join", String.valueOf(cluster.joinWaitSeconds()));
    config.setProperty("hazelcast.logging.type", "slf4j");
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(cluster.port()).setPortAutoIncrement(false);
    network.getInterfaces().setEnabled(true).setInterfaces(List.of(cluster.host()));
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(cluster.members());
    return config;
  }
}
