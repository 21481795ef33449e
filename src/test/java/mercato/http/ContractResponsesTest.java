package mercato.http;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import mercato.catalog.CatalogDomain;
import mercato.testing.ContractResponses;
import mercato.testing.HttpClient;
import mercato.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The check every test call on the real contract goes through ({@link ContractResponses})
 * refuses what the contract does not say: a missing required field, a wrong type, an
 * undocumented status; and lets through what it does say.
 */
class ContractResponsesTest {
  static TestNode app;
  static HttpClient http;
  static ContractResponses contract;

  @BeforeAll
  static void start() {
    app = TestNode.of(CatalogDomain.domain()).withKeys().set("http.contract", "openapi.yaml").start();
    http = new HttpClient(app.node.httpPort());
    contract = ContractResponses.served(http);
  }

  @AfterAll
  static void stop() {
    if (contract != null) {
      contract.close();
    }
    if (http != null) {
      http.close();
    }
    if (app != null) {
      app.close();
    }
  }

  private static Buffer json(JsonObject body) {
    return body.toBuffer();
  }

  @Test
  void anAnswerTheContractDoesNotDescribeFails() {
    String uri = "/products/" + UUID.randomUUID();
    assertThatThrownBy(() -> contract.check(HttpMethod.GET, uri, 200, "application/json",
        json(new JsonObject().put("name", 42)))).isInstanceOf(AssertionError.class).hasMessageContaining("getProduct");
    assertThatThrownBy(() -> contract.check(HttpMethod.GET, uri, 418, "application/json", json(new JsonObject())))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> contract.check(HttpMethod.GET, uri, 404, "application/problem+json",
        json(new JsonObject().put("status", "four hundred and four")))).isInstanceOf(AssertionError.class);
  }

  @Test
  void anAnswerAsTheContractSaysPasses() {
    JsonObject problem = new JsonObject().put("type", "/problems/not-found").put("title", "Not found")
        .put("status", 404).put("detail", "No such product.").put("instance", "/products/x").put("requestId", "r-1");
    assertThatCode(() -> contract.check(HttpMethod.GET, "/products/" + UUID.randomUUID(), 404,
        "application/problem+json", json(problem))).doesNotThrowAnyException();
    // a real answer, checked on its way back
    assertThatCode(() -> app.api.get("/products/" + UUID.randomUUID(), null)).doesNotThrowAnyException();
  }
}
