package mercato.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import mercato.platform.bus.ProblemType;
import mercato.testing.HttpClient;
import mercato.testing.PingDomain;
import mercato.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A problem's type URI resolves on the server to a page that explains it, for every type of the table. */
class ProblemPagesTest {
  static TestNode app;
  static HttpClient http;

  @BeforeAll
  static void start() {
    app = TestNode.of(PingDomain.domain()).start();
    http = app.http();
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void theTypeOfARealProblemResolvesToItsPage() {
    HttpResponse<Buffer> problem = http.get("/no/such/route");
    assertThat(problem.statusCode()).isEqualTo(404);
    String type = problem.bodyAsJsonObject().getString("type");
    HttpResponse<Buffer> page = http.get(type);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.getHeader("Content-Type")).startsWith("text/html");
    assertThat(page.bodyAsString()).contains("<h1>Not found</h1>").contains("404");
  }

  @Test
  void everyTypeHasAPageWithItsTitleStatusAndMeaning() {
    for (ProblemType type : ProblemType.values()) {
      HttpResponse<Buffer> page = http.get(type.uri());
      assertThat(page.statusCode()).as(type.uri()).isEqualTo(200);
      assertThat(page.bodyAsString()).as(type.uri()).contains(type.title()).contains(String.valueOf(type.status()));
      HttpResponse<Buffer> json = http.send(HttpMethod.GET, type.uri(),
          MultiMap.caseInsensitiveMultiMap().add("Accept", "application/json"), null);
      assertThat(json.bodyAsJsonObject()).isEqualTo(new JsonObject().put("type", type.uri()).put("title", type.title())
          .put("status", type.status()).put("meaning", type.meaning()));
    }
  }

  @Test
  void theIndexListsEveryTypeAndAnUnknownSlugIsAProblem() {
    String index = http.get("/problems").bodyAsString();
    for (ProblemType type : ProblemType.values()) {
      assertThat(index).contains("href=\"" + type.uri() + "\"");
    }
    HttpResponse<Buffer> unknown = http.get("/problems/no-such-type");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.getHeader("Content-Type")).startsWith("application/problem+json");
  }
}
