package mercato.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import mercato.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Template reads over HTTP: {@code GET /email/templates} lists the shipped and saved
 * templates by name and locale, filtered and paged; {@code GET /email/template} reads one
 * with its sources in exactly the locale asked; only admins (or email:templates) read.
 */
class EmailTemplateReadsTest {
  static TestNode app;
  static String admin;

  @BeforeAll
  static void start() {
    app = TestNode.of(EmailDomain.domain()).withKeys().set("http.contract", "openapi.yaml")
        .requiring("postgres", "redis", "smtp").start();
    admin = token("admin");
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void listsFiltersAndPagesTemplates() {
    String name = "promo-" + UUID.randomUUID().toString().substring(0, 8);
    for (String locale : List.of("en", "de", "fr")) {
      status(app.api.post("/email/template", admin, new JsonObject().put("name", name).put("locale", locale)
          .put("subject", "Hello " + locale).put("text", "Body {{name}}")), 201);
    }
    JsonObject page = list("?name=" + name);
    assertThat(page.getJsonArray("items").stream().map(i -> ((JsonObject) i).getString("locale")).toList())
        .containsExactly("de", "en", "fr");
    JsonObject first = page.getJsonArray("items").getJsonObject(0);
    assertThat(first.getString("subject")).isEqualTo("Hello de");
    assertThat(first.getBoolean("edited")).isTrue();
    assertThat(first.containsKey("text")).isFalse();

    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      JsonObject one = list("?name=" + name + "&limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
      one.getJsonArray("items").forEach(i -> seen.add(((JsonObject) i).getString("locale")));
      cursor = one.getString("nextCursor");
    } while (cursor != null);
    assertThat(seen).containsExactly("de", "en", "fr");

    List<String> shipped = list("?locale=de&limit=100").getJsonArray("items").stream()
        .map(i -> ((JsonObject) i).getString("name")).toList();
    assertThat(shipped).contains("verify-email", "password-reset", "welcome", name);
  }

  @Test
  void readsOneTemplateInTheLocaleAsked() {
    JsonObject shipped = json(app.api.get("/email/template?name=welcome", admin), 200);
    assertThat(shipped.getString("locale")).isEqualTo("en");
    assertThat(shipped.getString("html")).isNotBlank();
    assertThat(shipped.getBoolean("edited")).isFalse();
    assertThat(json(app.api.get("/email/template?name=welcome&locale=DE", admin), 200).getString("locale"))
        .isEqualTo("de");
    // No fallback here: what is stored in that locale, or 404.
    problem(app.api.get("/email/template?name=welcome&locale=de-ch", admin), 404, null);
    problem(app.api.get("/email/template?name=no-such-template", admin), 404, null);
  }

  @Test
  void badQueriesAre400AndOnlyAdminsRead() {
    problem(app.api.get("/email/template", admin), 400, "/name");
    problem(app.api.get("/email/template?name=Bad_Name", admin), 400, "/name");
    problem(app.api.get("/email/templates?locale=12-xx", admin), 400, "/locale");
    problem(app.api.get("/email/templates?cursor=nodot", admin), 400, "/cursor");
    assertThat(app.api.get("/email/templates", token("customer")).statusCode()).isEqualTo(403);
    assertThat(app.api.get("/email/template?name=welcome", null).statusCode()).isEqualTo(401);
  }

  private static JsonObject list(String query) {
    return json(app.api.get("/email/templates" + query, admin), 200);
  }

  private static String token(String typ) {
    return app.tokens.sign(new JsonObject().put("sub", UUID.randomUUID().toString()).put("typ", typ)
        .put("roles", new JsonArray()).put("email_verified", true), 3600);
  }

  private static JsonObject json(HttpResponse<Buffer> response, int status) {
    status(response, status);
    return response.bodyAsJsonObject();
  }

  private static void problem(HttpResponse<Buffer> response, int status, String pointer) {
    status(response, status);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    if (pointer != null) {
      assertThat(response.bodyAsJsonObject().getJsonArray("errors").encode()).contains(pointer);
    }
  }

  private static void status(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
  }
}
