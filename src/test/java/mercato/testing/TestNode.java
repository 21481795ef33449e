package mercato.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import mercato.Node;
import mercato.platform.domain.Domain;

/**
 * A whole Mercato node for one test class: its own database, the shipped configuration
 * with overrides, optional signing keys, and an API client on its edge. Close it in
 * {@code @AfterAll}; everything it made goes away.
 */
public final class TestNode implements AutoCloseable {
  public final TestDatabase db;
  public final TestTokens tokens;
  public final Node node;
  public final Api api;

  private TestNode(TestDatabase db, TestTokens tokens, Node node) {
    this.db = db;
    this.tokens = tokens;
    this.node = node;
    this.api = node.httpPort() > 0 ? new Api(node.httpPort()) : null;
  }

  public static Builder of(Domain... domains) {
    return new Builder(List.of(domains));
  }

  /** How the node is set up before {@link #start()}. */
  public static final class Builder {
    private final List<Domain> domains;
    private final Map<String, String> config = new HashMap<>();
    private String yaml = "";
    private boolean keys;
    private String[] services = {"postgres", "redis"};
    private java.time.Duration startLimit = java.time.Duration.ofSeconds(60);

    private Builder(List<Domain> domains) {
      this.domains = domains;
      config.put("kafka.enabled", "false");
      config.put("roles", "http," + String.join(",", domains.stream().map(Domain::name).toList()));
    }

    public Builder set(String key, String value) {
      config.put(key, value);
      return this;
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

    public Builder requiring(String... names) {
      services = names;
      return this;
    }

    public TestNode start() {
      Services.require(services);
      TestDatabase db = TestDatabase.create();
      TestTokens tokens = keys ? new TestTokens("test-" + UUID.randomUUID().toString().substring(0, 6)) : null;
      try {
        Node node = Await.result(Node.start(
            TestConfig.of(db, config, (tokens == null ? "" : tokens.yaml()) + yaml), domains), startLimit);
        return new TestNode(db, tokens, node);
      } catch (RuntimeException | Error e) {
        if (tokens != null) {
          tokens.close();
        }
        db.close();
        throw e;
      }
    }
  }

  @Override
  public void close() {
    if (api != null) {
      api.close();
    }
    Await.result(node.stop());
    if (tokens != null) {
      tokens.close();
    }
    db.close();
  }
}
