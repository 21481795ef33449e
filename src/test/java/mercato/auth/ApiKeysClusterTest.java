package mercato.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import mercato.catalog.CatalogDomain;
import mercato.platform.db.Migrations;
import mercato.testing.Await;
import mercato.testing.Services;
import mercato.testing.TestConfig;
import mercato.testing.TestDatabase;
import mercato.testing.TestNode;
import mercato.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two clustered nodes: A runs auth and the catalog, B the catalog only, so B's edge resolves
 * API keys over the clustered bus. A key B remembers is refused by B as soon as it is revoked
 * through A (the published denial), and at the latest a second later (the denial in Redis).
 */
class ApiKeysClusterTest {
  static final String PASSWORD = "correct horse battery staple";
  static TestDatabase db;
  static TestTokens tokens;
  static TestNode a;
  static TestNode b;

  @BeforeAll
  static void start() {
    Services.require("postgres", "redis");
    db = TestDatabase.create();
    tokens = new TestTokens("keys-" + UUID.randomUUID().toString().substring(0, 6));
    // Migrated once up front, so the two nodes do not race to create the schemas.
    Migrations.migrate(TestConfig.of(db, Map.of()).db(), "auth");
    Migrations.migrate(TestConfig.of(db, Map.of()).db(), "catalog");
    List<TestNode> nodes = TestNode.cluster(
        TestNode.of(AuthDomain.domain(), CatalogDomain.domain()).on(db).withKeys(tokens).quickAuth()
            .set("http.contract", "openapi.yaml"),
        TestNode.of(CatalogDomain.domain()).on(db).withKeys(tokens).set("http.contract", "openapi.yaml"));
    a = nodes.get(0);
    b = nodes.get(1);
  }

  @AfterAll
  static void stop() {
    TestNode.closeAll(b, a, tokens, db);
  }

  @Test
  void aKeyRevokedThroughOneNodeIsRefusedAtOnceByAnother() {
    String email = "integration-" + UUID.randomUUID() + "@example.com";
    String admin = tokens.issue(UUID.randomUUID().toString(), "admin", List.of());
    HttpResponse<Buffer> account = a.api.post("/admin/accounts", admin, new JsonObject().put("email", email)
        .put("password", PASSWORD).put("type", "shop").put("name", "Corner Shop").put("emailVerified", true));
    assertThat(account.statusCode()).as(account.bodyAsString()).isEqualTo(201);
    String token = a.api.post("/auth/login", null, new JsonObject().put("email", email).put("password", PASSWORD))
        .bodyAsJsonObject().getString("accessToken");
    HttpResponse<Buffer> created = a.api.post("/auth/api-keys", token,
        new JsonObject().put("name", "erp").put("scopes", new JsonArray().add("catalog:write")));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    String key = created.bodyAsJsonObject().getString("key");

    assertThat(createProduct(b, key).statusCode()).isEqualTo(201);
    assertThat(createProduct(b, key).statusCode()).isEqualTo(201); // B answers from its memory of the key

    String id = created.bodyAsJsonObject().getString("id");
    assertThat(a.api.delete("/auth/api-keys/" + id, token).statusCode()).isEqualTo(204);
    // The denial is published to every node as the revocation answers; the bound is the Redis
    // check an edge makes when it missed the publish (a second), far below the 30 s memory.
    Await.until("node B refuses the revoked key", Duration.ofSeconds(2), () -> createProduct(b, key).statusCode() == 401);
    HttpResponse<Buffer> refused = createProduct(b, key);
    assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(401);
    assertThat(refused.bodyAsJsonObject().getString("detail")).contains("revoked");
  }

  private static HttpResponse<Buffer> createProduct(TestNode node, String key) {
    String sku = "C-" + UUID.randomUUID().toString().substring(0, 8);
    return node.api.post("/products", key, new JsonObject().put("name", "Cluster " + sku).put("sku", sku)
        .put("price", new JsonObject().put("amount", 500).put("currency", "EUR")));
  }
}
