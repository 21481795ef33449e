package mercato.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.UUID;
import mercato.auth.AuthDomain;
import mercato.catalog.CatalogDomain;
import mercato.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /admin/permissions: the permissions this node's routes check, for admins only. */
class PermissionCatalogueTest {
  static TestNode app;

  @BeforeAll
  static void start() {
    app = TestNode.of(AuthDomain.domain(), CatalogDomain.domain()).withKeys().quickAuth()
        .set("http.contract", "openapi.yaml").start();
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  private static String token(String typ) {
    return app.tokens.sign(new JsonObject().put("sub", UUID.randomUUID().toString()).put("typ", typ)
        .put("roles", new JsonArray()), 600);
  }

  @Test
  void anAdminSeesEveryCheckedPermissionWithTheRoutesItAdmits() {
    HttpResponse<Buffer> answer = app.api.get(PermissionCatalogue.PATH, token("admin"));
    assertThat(answer.statusCode()).isEqualTo(200);
    JsonArray items = answer.bodyAsJsonObject().getJsonArray("items");
    List<String> names = items.stream().map(item -> ((JsonObject) item).getString("permission")).toList();
    // This node runs auth and catalog: catalog's permissions, none of the domains it lacks.
    assertThat(names).isSorted().contains("catalog:categories", "catalog:tags").doesNotContain("payment:refund");
    JsonObject categories = items.stream().map(JsonObject.class::cast)
        .filter(item -> item.getString("permission").equals("catalog:categories")).findFirst().orElseThrow();
    assertThat(categories.getJsonArray("routes")).contains("POST /categories");
  }

  @Test
  void othersAreRefused() {
    HttpResponse<Buffer> customer = app.api.get(PermissionCatalogue.PATH, token("customer"));
    assertThat(customer.statusCode()).isEqualTo(403);
    assertThat(customer.getHeader("Content-Type")).startsWith("application/problem+json");
    assertThat(app.api.get(PermissionCatalogue.PATH, null).statusCode()).isEqualTo(401);
  }
}
