package mercato.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.openapi.contract.OpenAPIContract;
import mercato.DomainsAccess;
import mercato.testing.Await;
import mercato.testing.Services;
import mercato.testing.TestNode;
import org.junit.jupiter.api.Test;

/** The shipped contract loads, covers every route of Mercato's own domains, and is served. */
class ContractTest {
  @Test
  void theShippedContractLoadsAndIsServed() {
    Services.require("postgres", "redis");
    Vertx vertx = Vertx.vertx();
    try {
      OpenAPIContract contract = Await.result(OpenAPIContract.from(vertx, ContractDocument.forRequests(ContractDocument.assemble("openapi.yaml", java.util.List.of(), java.util.List.of()))));
      assertThat(contract.operations()).isNotEmpty();
    } finally {
      vertx.close();
    }
    // Every domain Mercato ships; Edge.create refuses a route whose operation the contract
    // lacks, so a successful start proves the coverage.
    try (TestNode app = TestNode.of(DomainsAccess.all()).roles("all").set("http.contract", "openapi.yaml").start()) {
      String served = app.http().get("/openapi.yaml").bodyAsString();
      assertThat(served).contains("openapi: 3.1.0").contains("application/problem+json");
      // What ContractLintTest lints is what the edge serves.
      assertThat(served).isEqualTo(ContractDocument.yaml(ContractDocument.assemble("openapi.yaml",
          DomainsAccess.all().stream().map(mercato.platform.domain.Domain::name).toList(), DomainsAccess.routes())));
      assertThat(app.http().get("/health/ready").statusCode()).isEqualTo(200);
    }
  }
}
