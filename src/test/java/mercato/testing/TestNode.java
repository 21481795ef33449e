package mercato.testing;

import io.vertx.core.Future;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import mercato.Node;
import mercato.platform.config.MercatoConfig;
import mercato.platform.domain.Domain;
import mercato.platform.tracing.Tracing;

/**
 * A whole Mercato node for one test class: its own database (or one it shares with other
 * nodes of the test), the shipped configuration with overrides, optional signing keys, and
 * an API client on its edge. Close it in {@code @AfterAll}; everything it made goes away,
 * and what it was given (a shared database, shared keys) stays for its owner to close.
 */
public final class TestNode implements AutoCloseable {
  public final TestDatabase db;
  public final TestTokens tokens;
  public final MercatoConfig config;
  public final Node node;
  /** A client on the node's edge; null when the node runs no edge. */
  public final Api api;
  private final boolean ownsDb;
  private final boolean ownsTokens;
  private Future<Void> stopped;

  private TestNode(Builder built, TestDatabase db, TestTokens tokens, MercatoConfig config, Node node) {
    this.db = db;
    this.tokens = tokens;
    this.config = config;
    this.node = node;
    this.api = node.httpPort() > 0 ? new Api(node.httpPort()) : null;
    if (api != null && "openapi.yaml".equals(config.http().contract())) {
      api.http().checkingTheContract(); // a node on the real contract answers as it says
    }
    this.ownsDb = built.db == null;
    this.ownsTokens = built.tokens == null;
  }

  public static Builder of(Domain... domains) {
    return of(List.of(domains));
  }

  public static Builder of(List<Domain> domains) {
    return new Builder(domains);
  }

  /**
   * Nodes clustered over Hazelcast on loopback, started together (each member looks for the
   * others while it starts): each gets its own member port, all share one cluster name.
   * When one fails to start, the others are stopped and the failure names the member.
   */
  public static List<TestNode> cluster(Builder... members) {
    List<Integer> ports = new java.util.ArrayList<>();
    while (ports.size() < members.length) {
      int port = Services.freePort();
      if (!ports.contains(port)) {
        ports.add(port);
      }
    }
    String name = "test-" + UUID.randomUUID();
    String list = String.join(",", ports.stream().map(port -> "127.0.0.1:" + port).toList());
    List<Future<TestNode>> starts = new java.util.ArrayList<>();
    for (int i = 0; i < members.length; i++) {
      starts.add(members[i].set("cluster.enabled", "true").set("cluster.name", name).set("cluster.members", list)
          .set("cluster.joinWaitSeconds", "0").set("cluster.eventBusPort", "0")
          .set("cluster.port", String.valueOf(ports.get(i))).startAsync());
    }
    Await.result(Future.join(starts).transform(all -> Future.succeededFuture()));
    for (int i = 0; i < starts.size(); i++) {
      if (starts.get(i).failed()) {
        starts.stream().filter(Future::succeeded).forEach(started -> started.result().close());
        throw new AssertionError("cluster member " + i + " did not start", starts.get(i).cause());
      }
    }
    return starts.stream().map(Future::result).toList();
  }

  /** The raw HTTP client of the edge (for headers and bodies the JSON client does not shape). */
  public HttpClient http() {
    return api.http();
  }

  /** How the node is set up before {@link #start()}. */
  public static final class Builder {
    private final List<Domain> domains;
    private final Map<String, String> config = new HashMap<>();
    private String yaml = "";
    private boolean keys;
    private TestTokens tokens;
    private TestDatabase db;
    private String[] services = {"postgres", "redis"};
    private java.time.Duration startLimit = java.time.Duration.ofSeconds(60);
    private io.opentelemetry.sdk.trace.export.SpanExporter spans;

    private Builder(List<Domain> domains) {
      this.domains = domains;
      config.put("kafka.enabled", "false");
      config.put("roles", "http," + String.join(",", domains.stream().map(Domain::name).toList()));
    }

    public Builder set(String key, String value) {
      config.put(key, value);
      return this;
    }

    public Builder set(Map<String, String> overrides) {
      config.putAll(overrides);
      return this;
    }

    /** The verticles this node deploys ({@code roles}); by default the edge and every domain given. */
    public Builder roles(String roles) {
      return set("roles", roles);
    }

    /** YAML layered over the defaults (for keys overrides cannot add, such as new rate-limit groups). */
    public Builder yaml(String more) {
      yaml += more;
      return this;
    }

    /** Signing keys the node trusts; tests sign tokens with {@link TestNode#tokens}. */
    public Builder withKeys() {
      keys = true;
      return this;
    }

    /** Signing keys shared with other nodes of the test; the caller closes them. */
    public Builder withKeys(TestTokens shared) {
      keys = true;
      tokens = shared;
      return this;
    }

    /** A database shared with other nodes of the test (a cluster, a restart); the caller closes it. */
    public Builder on(TestDatabase shared) {
      db = shared;
      return this;
    }

    /** Fast password hashing and no auth rate limits: for tests that sign in a lot. */
    public Builder quickAuth() {
      return set("auth.password.memoryKib", "8192").set("auth.password.iterations", "1")
          .set("http.rateLimits.auth.capacity", "100000").set("http.rateLimits.auth.refillPerSecond", "100000");
    }

    /** How long the node may take to start (every domain's migrations on a busy machine take a while). */
    public Builder startWithin(java.time.Duration limit) {
      startLimit = limit;
      return this;
    }

    /** Tracing on, each span handed to {@code exporter} as it ends (an in-memory one, say). */
    public Builder tracedTo(io.opentelemetry.sdk.trace.export.SpanExporter exporter) {
      spans = exporter;
      return this;
    }

    public Builder requiring(String... names) {
      services = names;
      return this;
    }

    public TestNode start() {
      return Await.result(startAsync(), startLimit);
    }

    /** Starts the node without waiting (nodes of a cluster start together); fails as {@link #start()} would. */
    public Future<TestNode> startAsync() {
      Services.require(services);
      TestDatabase database = db != null ? db : TestDatabase.create();
      TestTokens keyring = tokens != null ? tokens
          : keys ? new TestTokens("test-" + UUID.randomUUID().toString().substring(0, 6)) : null;
      Runnable undo = () -> {
        if (keyring != null && tokens == null) {
          keyring.close();
        }
        if (db == null) {
          database.close();
        }
      };
      MercatoConfig built;
      try {
        built = TestConfig.of(database, config, (keyring == null ? "" : keyring.yaml()) + yaml);
      } catch (RuntimeException e) {
        undo.run();
        throw e;
      }
      Tracing tracing = spans == null ? Tracing.from(built.tracing()) : Tracing.exportingTo(built.tracing(), spans);
      return Node.start(built, domains, tracing)
          .map(node -> new TestNode(this, database, keyring, built, node))
          .onFailure(e -> undo.run());
    }
  }

  /** Stops the node (once; a test that stops it itself still closes the fixture after). */
  public synchronized Future<Void> stop() {
    if (stopped == null) {
      stopped = node.stop();
    }
    return stopped;
  }

  /** Closes each of {@code things} in the order given (nulls skipped), every one even when an earlier close fails. */
  public static void closeAll(AutoCloseable... things) {
    RuntimeException failed = null;
    for (AutoCloseable thing : things) {
      try {
        if (thing != null) {
          thing.close();
        }
      } catch (Exception e) {
        if (failed == null) {
          failed = e instanceof RuntimeException r ? r : new IllegalStateException(e);
        } else {
          failed.addSuppressed(e);
        }
      }
    }
    if (failed != null) {
      throw failed;
    }
  }

  @Override
  public void close() {
    if (api != null) {
      api.close();
    }
    Await.result(stop());
    if (tokens != null && ownsTokens) {
      tokens.close();
    }
    if (ownsDb) {
      db.close();
    }
  }
}
