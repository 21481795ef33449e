package mercato.order;

import static mercato.order.Shop.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import mercato.DomainsAccess;
import mercato.testing.Await;
import mercato.testing.HttpClient;
import mercato.testing.Services;
import mercato.testing.TestDatabase;
import mercato.testing.TestNode;
import mercato.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The checkout of {@link CheckoutEndToEndTest}, run again on the layout a shop that outgrew
 * one machine uses: three clustered nodes and two PostgreSQL primaries. An edge node (HTTP
 * and the Kafka bridge, no database); a node with the write-heavy domains (order, payment,
 * inventory) in the first primary's database; a node with every other domain in the second
 * primary's, catalog, search and review browsing from that primary's streaming standby.
 * Every node has the same configuration ({@link #layout}); only its roles differ.
 */
class ScaledOutCheckoutTest extends CheckoutEndToEndTest {
  static final List<String> WRITE_HEAVY = List.of("order", "payment", "inventory");
  static final List<String> BROWSING = List.of("catalog", "search", "review");
  static TestDatabase writes;
  static TestDatabase rest;
  static TestTokens keys;
  static TestNode edge;
  static TestNode writeNode;
  static TestNode restNode;

  /** Hides {@link CheckoutEndToEndTest#start}: the same shop, on three nodes. */
  @BeforeAll
  static void start() {
    Services.require("postgres", "postgres2", "postgres2-replica", "redis", "kafka", "smtp");
    writes = TestDatabase.create();
    rest = TestDatabase.create(Services.POSTGRES2);
    keys = new TestTokens("layout-" + UUID.randomUUID().toString().substring(0, 6));
    List<String> others = DomainsAccess.names().stream().filter(name -> !WRITE_HEAVY.contains(name)).toList();
    List<TestNode> nodes = TestNode.cluster(
        node("http,kafka"), node(String.join(",", WRITE_HEAVY)), node(String.join(",", others)));
    edge = nodes.get(0);
    writeNode = nodes.get(1);
    restNode = nodes.get(2);
    shop = new Shop(edge, writeNode, restNode, writes, rest, keys);
    // The edge answers once every domain's operations have reached it over the cluster.
    Await.until("the edge reaches catalog and order", Duration.ofSeconds(30),
        () -> edge.api.get("/products", null).statusCode() == 200 && edge.api.get("/orders", shop.customer()).statusCode() == 200);
  }

  @AfterAll
  static void stop() {
    TestNode.closeAll(shop);
  }

  static TestNode.Builder node(String roles) {
    return Shop.settings(TestNode.of(DomainsAccess.all())).withKeys(keys).on(writes).startWithin(Duration.ofMinutes(3))
        .quickAuth().requiring("postgres", "postgres2", "redis", "kafka", "smtp")
        .set(layout(rest))
        .set("kafka.enabled", "true").set("roles", roles)
        .set("email.sweepMs", "100").set("email.linkBase", "https://shop.example");
  }

  /**
   * db: is the first primary (the write-heavy domains stay there); every other domain moves to
   * {@code second} on the second primary, and the browsing domains read its standby.
   */
  static Map<String, String> layout(TestDatabase second) {
    Map<String, String> out = new HashMap<>();
    for (String domain : DomainsAccess.schemas()) {
      if (!WRITE_HEAVY.contains(domain)) {
        out.put("db." + domain + ".port", String.valueOf(second.port()));
        out.put("db." + domain + ".database", second.name());
      }
    }
    BROWSING.forEach(domain -> out.put("db." + domain + ".replica.port", String.valueOf(Services.POSTGRES2_REPLICA)));
    // catalog keeps browsing a stalled standby for the routing test; search leaves it after a second
    out.put("db.catalog.replicaMaxLagMs", "600000");
    out.put("db.search.replicaMaxLagMs", "1000");
    return out;
  }

  @Test
  void eachDomainsTablesAreInTheDatabaseItWasGiven() {
    // the orders the checkout placed are in the first database, the accounts in the second
    assertThat(writes.column("SELECT schema_name FROM information_schema.schemata WHERE schema_name IN "
        + "('order', 'payment', 'inventory', 'auth', 'catalog')")).containsExactlyInAnyOrder("order", "payment", "inventory");
    assertThat(rest.column("SELECT schema_name FROM information_schema.schemata WHERE schema_name IN "
        + "('order', 'payment', 'inventory', 'auth', 'catalog', 'search', 'review')"))
        .containsExactlyInAnyOrder("auth", "catalog", "search", "review");
  }

  /**
   * With the standby's replay held, a new product shows to its seller and to a signed-in
   * customer (the primary) but not to a visitor's catalog listing (the standby, which catalog
   * may browse however far behind); a visitor's search finds it from the primary once search's
   * one-second lag limit sets the standby aside. Released, the standby serves the visitor again.
   */
  @Test
  void anonymousBrowsingReadsTheStandbyAndASignedInSellerThePrimary() {
    Shop.Seller seller = shop.seller();
    TestDatabase standby = rest.standby(Services.POSTGRES2_REPLICA);
    String name = "Standby Probe " + UUID.randomUUID().toString().substring(0, 8);
    standby.execute("SELECT pg_wal_replay_pause()");
    String product;
    try {
      Await.until("the standby's replay is paused", Duration.ofSeconds(10),
          () -> standby.column("SELECT pg_get_wal_replay_pause_state()").get(0).equals("paused"));
      product = shop.product(seller, name, 1500, 3);
      String listing = "/products?seller=" + seller.id();
      assertThat(ids(edge.api.get(listing, seller.token()))).as("the seller reads the primary").contains(product);
      assertThat(ids(edge.api.get(listing, null))).as("a visitor reads the paused standby").doesNotContain(product);
      assertThat(ids(edge.api.get(listing, shop.customer()))).as("a signed-in customer reads the primary").contains(product);
      Await.until("a visitor's search finds it on the primary, the standby being too far behind", Duration.ofSeconds(20),
          () -> ids(edge.api.get("/search/products?q=" + name.replace(" ", "+"), null)).contains(product));
      assertThat(ids(edge.api.get(listing, null))).as("catalog still browses the held standby").doesNotContain(product);
    } finally {
      standby.execute("SELECT pg_wal_replay_resume()");
    }
    Await.until("the visitor sees the product once the standby replays", Duration.ofSeconds(20),
        () -> ids(edge.api.get("/products?seller=" + seller.id(), null)).contains(product));
    assertThat(standby.count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
        + "AND application_name IN ('mercato-catalog', 'mercato-search')")).as("pools on the standby").isPositive();
  }

  @Test
  void theEdgeNodeIsReadyWithoutADatabaseOfItsOwn() {
    try (HttpClient management = new HttpClient(edge.node.managementPort())) {
      HttpResponse<Buffer> response = management.get("/health/ready");
      status(response, 200);
      assertThat(response.bodyAsJsonObject().getJsonObject("checks").fieldNames())
          .as("an edge node runs no domain, so it checks no PostgreSQL").contains("redis", "kafka", "cluster")
          .noneMatch(check -> check.startsWith("postgres"));
    }
  }

  private static List<String> ids(HttpResponse<Buffer> page) {
    status(page, 200);
    JsonArray items = page.bodyAsJsonObject().getJsonArray("items");
    return items.stream().map(item -> ((JsonObject) item).getString(item instanceof JsonObject o && o.containsKey("productId")
        ? "productId" : "id")).toList();
  }
}
