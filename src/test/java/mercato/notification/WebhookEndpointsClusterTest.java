package mercato.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import mercato.catalog.CatalogDomain;
import mercato.notification.api.WebhookEventTypes;
import mercato.platform.db.Migrations;
import mercato.platform.events.Event;
import mercato.platform.events.Subscriptions;
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
 * Two clustered nodes, each with the catalog and a webhook fan-out, whose copies of the
 * endpoints would stay stale for ten minutes: an endpoint created through one node gets
 * every event written after its creation whichever node's fan-out a relay batch reaches,
 * because the creation is broadcast to both.
 */
class WebhookEndpointsClusterTest {
  static TestDatabase db;
  static TestTokens tokens;
  static TestNode a;
  static TestNode b;
  static Vertx vertx;
  static HttpServer receiver;
  static final Set<String> subjects = ConcurrentHashMap.newKeySet();

  @BeforeAll
  static void start() {
    Services.require("postgres", "redis");
    db = TestDatabase.create();
    tokens = new TestTokens("hooks-" + UUID.randomUUID().toString().substring(0, 6));
    // Migrated once up front, so the two nodes do not race to create the schemas.
    Migrations.migrate(TestConfig.of(db, Map.of()).db(), "catalog");
    Migrations.migrate(TestConfig.of(db, Map.of()).db(), "notification");
    List<TestNode> nodes = TestNode.cluster(member(), member());
    a = nodes.get(0);
    b = nodes.get(1);
    vertx = Vertx.vertx();
    receiver = Await.result(vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      subjects.add(new JsonObject(body.toString()).getString("subject"));
      request.response().setStatusCode(204).end();
    })).listen(0, Services.HOST));
  }

  private static TestNode.Builder member() {
    return TestNode.of(CatalogDomain.domain(), NotificationDomain.domain(), NotificationNode.emailStandIn()).on(db)
        .withKeys(tokens).roles("http,catalog,notification")
        .set("http.contract", "openapi.yaml")
        .set("notification.sweepMs", "100")
        .set("notification.webhooks.allowPrivateNetworks", "true")
        .set("notification.webhooks.endpointsRefreshMs", "600000");
  }

  @AfterAll
  static void stop() {
    if (vertx != null) {
      Await.result(vertx.close());
    }
    TestNode.closeAll(b, a, tokens, db);
  }

  @Test
  void anEndpointCreatedThroughOneNodeGetsEveryLaterEventWhicheverNodeFansItOut() {
    // Both fan-outs read the (empty) endpoints now: without the broadcast they would keep that copy.
    String address = Subscriptions.inboxAddress(WebhookEventTypes.SUBSCRIBER);
    for (int i = 0; i < 6; i++) {
      JsonObject batch = new JsonObject().put("events", new JsonArray().add(Event.of("mercato.review.deleted.v1",
          UUID.randomUUID().toString(), new JsonObject().put("reviewId", UUID.randomUUID().toString())).toJson()));
      Await.result(a.node.vertx().eventBus().<JsonObject>request(address, batch));
    }
    String admin = tokens.issue(UUID.randomUUID().toString(), "admin", List.of());
    HttpResponse<Buffer> created = a.api.post("/notification/webhook-endpoints", admin, new JsonObject()
        .put("url", "http://" + Services.HOST + ":" + receiver.actualPort() + "/hook")
        .put("eventTypes", new JsonArray().add("mercato.catalog.product-created.v1")));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);

    String seller = tokens.sign(new JsonObject().put("sub", UUID.randomUUID().toString()).put("typ", "company")
        .put("roles", new JsonArray()).put("email_verified", true), 600);
    Set<String> products = new java.util.HashSet<>();
    for (int i = 0; i < 8; i++) {
      String sku = "H-" + UUID.randomUUID().toString().substring(0, 8);
      HttpResponse<Buffer> product = (i % 2 == 0 ? a : b).api.post("/products", seller, new JsonObject()
          .put("name", "Hook " + sku).put("sku", sku).put("price", new JsonObject().put("amount", 700).put("currency", "EUR")));
      assertThat(product.statusCode()).as(product.bodyAsString()).isEqualTo(201);
      products.add(product.bodyAsJsonObject().getString("id"));
    }
    Await.until("every product reaches the endpoint", Duration.ofSeconds(60), () -> subjects.containsAll(products));
  }
}
