package mercato.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import mercato.platform.config.ConfigException;
import mercato.platform.webhooks.WebhookSignature;
import mercato.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The test gateway's webhook secret no longer ships in the configuration: a node started
 * with the defaults generates one for its install and keeps it in the database, so a
 * webhook signed with the formerly shipped secret is refused; every node of the install
 * uses the same one; and a production node refuses to run the test gateway at all.
 */
class GatewaySecretTest {
  /** The secret conf/mercato.yaml used to ship: anyone could sign with it. */
  static final String SHIPPED = "whsec_Cg7X7nWiz6IlFLzCzZVH1TGD3epxMmvKzG0RQkmAhuE=";
  static final String SECRETS = "SELECT secret FROM payment.gateway_secrets WHERE gateway = 'test'";

  static TestNode app;

  @BeforeAll
  static void start() {
    app = TestNode.of(PaymentDomain.domain()).withKeys().set("http.contract", "openapi.yaml").start();
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  private static HttpResponse<Buffer> webhook(String secret, String id) {
    String body = new JsonObject().put("type", "payment.succeeded")
        .put("data", new JsonObject().put("gatewayReference", "test_unknown")).encode();
    long now = System.currentTimeMillis() / 1000;
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json")
        .add("webhook-id", id).add("webhook-timestamp", Long.toString(now))
        .add("webhook-signature", WebhookSignature.sign(secret, id, now, body));
    return app.api.http().send(HttpMethod.POST, "/payments/webhook/test", headers, Buffer.buffer(body));
  }

  @Test
  void aDefaultNodeGeneratesItsOwnSecretAndRefusesTheShippedOne() {
    List<String> stored = app.db.column(SECRETS);
    assertThat(stored).hasSize(1);
    String secret = stored.get(0);
    assertThat(secret).startsWith("whsec_").isNotEqualTo(SHIPPED);
    assertThat(WebhookSignature.key(secret)).hasSize(32);

    HttpResponse<Buffer> forged = webhook(SHIPPED, "msg_shipped");
    assertThat(forged.statusCode()).as(forged.bodyAsString()).isEqualTo(401);
    HttpResponse<Buffer> signed = webhook(secret, "msg_install");
    assertThat(signed.statusCode()).as(signed.bodyAsString()).isNotEqualTo(401).isLessThan(500);
  }

  @Test
  void anotherNodeOfTheInstallVerifiesWithTheSameSecret() {
    String before = app.db.column(SECRETS).get(0);
    try (TestNode second = paymentNode().start()) {
      assertThat(app.db.column(SECRETS)).containsExactly(before);
    }
  }

  @Test
  void aProductionNodeRefusesToStartTheTestGateway() {
    assertThatThrownBy(() -> paymentNode().set("profile", "production").start())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("payment.testGateway")
        .hasMessageContaining("profile: production");
    assertThatThrownBy(() -> paymentNode().set("profile", "staging").start())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("profile");
  }

  /** Another node of the same install: the payment domain alone, on the first node's database. */
  private static TestNode.Builder paymentNode() {
    return TestNode.of(PaymentDomain.domain()).roles("payment").on(app.db);
  }
}
