package mercato.platform.domain;

import io.vertx.core.json.JsonObject;
import java.util.List;
import mercato.platform.config.ClusterConfig;
import mercato.platform.config.DbConfig;
import mercato.platform.config.KafkaConfig;
import mercato.platform.config.MercatoConfig;
import mercato.platform.config.MetricsConfig;
import mercato.platform.config.Profile;
import mercato.platform.config.RedisConfig;
import mercato.platform.config.TokensConfig;
import mercato.platform.config.TrafficConfig;
import mercato.platform.events.Outbox;
import mercato.platform.events.Subscriptions;
import mercato.platform.route.Route;

/**
 * What a domain verticle is given: its own config section, the shared platform sections
 * (profile, db, redis, kafka, cluster, tokens, traffic, metrics, the page ceiling), its outbox
 * and the route table.
 * No other domain's section and no whole configuration tree can be had from it.
 */
public final class DomainContext {
  private final String name;
  private final MercatoConfig config;
  private final Subscriptions subscriptions;
  private final List<Route> routes;

  public DomainContext(String name, MercatoConfig config, Subscriptions subscriptions) {
    this(name, config, subscriptions, List.of());
  }

  /** @param routes every route of every domain, as the edges mount them */
  public DomainContext(String name, MercatoConfig config, Subscriptions subscriptions, List<Route> routes) {
    this.name = name;
    this.config = config;
    this.subscriptions = subscriptions;
    this.routes = List.copyOf(routes);
  }

  /**
   * Every route of every domain (empty for a command-line context): the route table the
   * edges enforce, which auth reads the API-key scopes from ({@link mercato.platform.route.ApiScopes}).
   */
  public List<Route> routes() {
    return routes;
  }

  /** The domain's name: its schema, bus prefix and config section. */
  public String name() {
    return name;
  }

  /** A copy of the domain's own section ({@code catalog:} for catalog), empty when absent. */
  public JsonObject section() {
    return config.section(name);
  }

  public Profile profile() {
    return config.profile();
  }

  /** The database the domain's schema lives in: {@code db:}, with {@code db.<domain>.*} over it. */
  public DbConfig db() {
    return config.databases().primary(name);
  }

  /** The read-only replica the domain browses from ({@code db.<domain>.replica}), if any. */
  public java.util.Optional<DbConfig> replica() {
    return config.databases().replica(name);
  }

  /** Where every domain's schema lives (the event admin looks in all of them). */
  public mercato.platform.config.DomainDatabases databases() {
    return config.databases();
  }

  public RedisConfig redis() {
    return config.redis();
  }

  public KafkaConfig kafka() {
    return config.kafka();
  }

  public ClusterConfig cluster() {
    return config.cluster();
  }

  /** The access tokens' issuer, audience, algorithm and keys ({@code tokens:}). */
  public TokensConfig tokens() {
    return config.tokens();
  }

  /** Where the traffic counters live in Redis and how long ({@code traffic:}). */
  public TrafficConfig traffic() {
    return config.traffic();
  }

  /** How often the gauges read from the database are refreshed ({@code metrics:}). */
  public MetricsConfig metrics() {
    return config.metrics();
  }

  /**
   * The largest page a list answers ({@code http.maxPageSize}): the edge refuses a larger
   * {@code limit}, and a domain caps what internal callers ask for at the same size.
   */
  public int maxPageSize() {
    return config.http().maxPageSize();
  }

  public Outbox outbox() {
    return new Outbox(subscriptions);
  }
}
