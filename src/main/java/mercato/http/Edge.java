package mercato.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mercato.auth.api.AuthAddresses;
import mercato.platform.config.MercatoConfig;
import mercato.platform.config.TrafficConfig;
import mercato.platform.db.Databases;
import mercato.platform.route.Route;
import mercato.platform.tokens.TokenDenials;

/**
 * What every instance of the edge shares on a node, made once at start: the route table,
 * the OpenAPI contract and its validator, the token and API-key verifiers, the Redis-backed rate
 * limiter (told of logouts by the auth domain's denial broadcasts), the traffic counters' settings and the readiness checks.
 */
public final class Edge {
  private final MercatoConfig config;
  private final RouteTable routes;
  private final ContractValidator validator;
  private final TokenVerifier verifier;
  private final ApiKeyVerifier apiKeys;
  private final Permissions permissions;
  private final RateLimiter limiter;
  private final Readiness readiness;
  private final Redis redis;
  private final Pool pool;
  private final KafkaAdminClient kafka;
  private final String metricsRegistry;
  private final String contractYaml;
  private MessageConsumer<String> denials;
  private MessageConsumer<String> accountChanges;

  private Edge(MercatoConfig config, RouteTable routes, ContractValidator validator, TokenVerifier verifier,
      ApiKeyVerifier apiKeys, Permissions permissions, Redis redis, Pool pool, KafkaAdminClient kafka, Readiness readiness,
      String metricsRegistry, String contractYaml) {
    this.metricsRegistry = metricsRegistry;
    this.contractYaml = contractYaml;
    this.config = config;
    this.routes = routes;
    this.validator = validator;
    this.verifier = verifier;
    this.apiKeys = apiKeys;
    this.permissions = permissions;
    this.redis = redis;
    this.pool = pool;
    this.kafka = kafka;
    this.readiness = readiness;
    this.limiter = new RateLimiter(RedisAPI.api(redis), config.http());
  }

  public static Future<Edge> create(Vertx vertx, MercatoConfig config, List<String> domains, List<Route> routeList,
      TokenVerifier verifier, ClusterManager cluster, String metricsRegistry) {
    RouteTable routes = new RouteTable(routeList);
    // Parsing the contract's YAML files and dumping the assembled one take seconds of CPU
    // on a busy machine: done on a worker so no event loop stalls while a node starts.
    return vertx.executeBlocking(() -> {
      JsonObject document = ContractDocument.assemble(config.http().contract(), domains, routeList);
      return new AssembledContract(document, ContractDocument.yaml(document));
    }).compose(assembled -> create(vertx, config, routes, assembled, verifier, cluster, metricsRegistry));
  }

  /** The contract as assembled from the domains' files, and as served at {@code /openapi.yaml}. */
  private record AssembledContract(JsonObject document, String yaml) {}

  private static Future<Edge> create(Vertx vertx, MercatoConfig config, RouteTable routes, AssembledContract assembled,
      TokenVerifier verifier, ClusterManager cluster, String metricsRegistry) {
    String contractYaml = assembled.yaml();
    // Building Kafka's admin client loads and checks its configuration: seconds of CPU on a
    // busy machine, so on a worker.
    Future<KafkaAdminClient> admin = config.kafka().enabled() ? vertx.executeBlocking(() -> KafkaAdminClient.create(
        vertx, Map.of(
            "bootstrap.servers", config.kafka().bootstrapServers(),
            "request.timeout.ms", "1500",
            "default.api.timeout.ms", "1800",
            "reconnect.backoff.max.ms", "1000"))) : Future.succeededFuture();
    return admin.compose(kafka -> OpenAPIContract.from(vertx, ContractDocument.forRequests(assembled.document()))
        .map(contract -> {
      ContractValidator validator = new ContractValidator(vertx, contract);
      List<String> missing = new ArrayList<>();
      for (Route route : routes.routes()) {
        if (route.operationId() != null && !validator.knows(route.operationId())) {
          missing.add(route.operationId());
        }
      }
      if (!missing.isEmpty()) {
        throw new IllegalStateException("the contract " + config.http().contract() + " lacks operations " + missing);
      }
      Redis redis = mercato.platform.redis.RedisClients.create(vertx, config.redis());
      Pool pool = Databases.pool(vertx, config.db(), null, 1);
      Readiness readiness = new Readiness(vertx, pool, RedisAPI.api(redis), kafka, cluster);
      RolePermissions permissions = new RolePermissions(vertx);
      permissions.start();
      return new Edge(config, routes, validator, verifier, new ApiKeyVerifier(vertx, config.http().busTimeoutMs()),
          permissions, redis, pool, kafka, readiness, metricsRegistry,
          contractYaml);
    })).compose(edge -> {
      edge.denials = vertx.eventBus().consumer(TokenDenials.ADDRESS, message -> {
        edge.limiter.denied(message.body());
        edge.apiKeys.denied(message.body());
      });
      edge.accountChanges = vertx.eventBus().consumer(AuthAddresses.ACCOUNT_CHANGED,
          message -> edge.apiKeys.forget(message.body()));
      return Future.all(edge.denials.completion(), edge.accountChanges.completion()).map(edge);
    });
  }

  public mercato.platform.config.HttpConfig http() {
    return config.http();
  }

  public RouteTable routes() {
    return routes;
  }

  ContractValidator validator() {
    return validator;
  }

  TokenVerifier verifier() {
    return verifier;
  }

  ApiKeyVerifier apiKeys() {
    return apiKeys;
  }

  Permissions permissions() {
    return permissions;
  }

  RateLimiter limiter() {
    return limiter;
  }

  /** The Redis client the edge shares (rate limits, traffic counters). */
  Redis redis() {
    return redis;
  }

  /** Where the traffic counters live in Redis and how long ({@code traffic:}; how often: {@code http.traffic}). */
  TrafficConfig traffic() {
    return config.traffic();
  }

  /** The assembled contract as served at {@code /openapi.yaml}. */
  String contractYaml() {
    return contractYaml;
  }

  String metricsRegistry() {
    return metricsRegistry;
  }

  Readiness readiness() {
    return readiness;
  }

  /** Whether configuration demands a verified email for {@code action} ({@code http.requireVerifiedEmailFor}). */
  boolean requiresVerifiedEmail(String action) {
    return config.http().requireVerifiedEmailFor().contains(action);
  }

  public Future<Void> close() {
    if (permissions instanceof RolePermissions live) {
      live.stop();
    }
    redis.close();
    return Future.join(denials == null ? Future.succeededFuture() : denials.unregister(),
        accountChanges == null ? Future.succeededFuture() : accountChanges.unregister(), pool.close(),
        kafka == null ? Future.succeededFuture() : kafka.close()).mapEmpty();
  }
}
