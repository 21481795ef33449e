package mercato.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.Map;
import mercato.Node;
import mercato.testing.Await;
import mercato.testing.HttpClient;
import mercato.testing.Services;
import mercato.testing.TestConfig;
import mercato.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/** The shipped contract loads, covers every route of Mercato's own domains, and is served. */
class ContractTest {
  @Test
  void theShippedContractLoadsAndIsServed() {
    Services.require("postgres", "redis");
    Vertx vertx = Vertx.vertx();
    try {
      OpenAPIContract contract = Await.result(OpenAPIContract.from(vertx, ContractDocument.forRequests(ContractDocument.assemble("openapi.yaml", java.util.List.of()))));
      assertThat(contract.operations()).isNotEmpty();
    } finally {
      vertx.close();
    }
    try (TestDatabase db = TestDatabase.create()) {
      // Node.start(config) boots Mercato's own domains; Edge.create refuses a route whose
      // operation the contract lacks, so a successful start proves the coverage.
      Node node = Await.result(Node.start(TestConfig.of(db, Map.of("http.contract", "openapi.yaml",
          "kafka.enabled", "false", "roles", "all"))));
      try (HttpClient http = new HttpClient(node.httpPort())) {
        assertThat(http.get("/openapi.yaml").bodyAsString()).contains("openapi: 3.1.0").contains("application/problem+json");
        assertThat(http.get("/health/ready").statusCode()).isEqualTo(200);
      } finally {
        Await.result(node.stop());
      }
    }
  }
}
