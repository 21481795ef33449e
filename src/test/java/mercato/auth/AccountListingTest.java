package mercato.auth;

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
 * {@code GET /admin/accounts} over HTTP: admins find accounts by exact or partial email,
 * type, role and status, page through them with the cursor, and nobody else may list.
 * Every test marks its accounts with a fresh tag in their emails and filters on it.
 */
class AccountListingTest {
  static final String PASSWORD = "listing-passphrase-2026";
  static TestNode app;
  static String admin;

  @BeforeAll
  static void start() {
    app = TestNode.of(AuthDomain.domain()).withKeys().quickAuth().set("http.contract", "openapi.yaml").start();
    admin = token("admin");
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void filtersByEmailTypeRoleAndStatus() {
    String tag = tag();
    String warehouse = create(tag, "dock", "warehouse");
    String company = create(tag, "acme", "company");
    String customer = create(tag, "ada", "customer");
    status(app.api.put("/admin/accounts/" + customer + "/roles/support", admin, null), 204);

    assertThat(ids("?emailContains=" + tag)).containsExactly(customer, company, warehouse);
    assertThat(ids("?emailContains=" + tag.toUpperCase() + "&type=warehouse")).containsExactly(warehouse);
    assertThat(ids("?email=" + "ACME-" + tag + "@example.com")).containsExactly(company);
    assertThat(ids("?email=acme-" + tag)).isEmpty(); // exact means the whole address
    assertThat(ids("?emailContains=" + tag + "&role=support")).containsExactly(customer);
    assertThat(ids("?emailContains=" + tag + "&status=active")).hasSize(3);
    assertThat(ids("?emailContains=" + tag + "&status=closed")).isEmpty();
    assertThat(ids("?emailContains=%25")).doesNotContain(warehouse); // % is a character, not a pattern

    JsonObject item = list("?email=ada-" + tag + "@example.com").getJsonArray("items").getJsonObject(0);
    assertThat(item.getString("type")).isEqualTo("customer");
    assertThat(item.getString("status")).isEqualTo("active");
    assertThat(item.getJsonArray("roles")).containsExactly("support");
    assertThat(item.containsKey("passwordHash")).isFalse();
  }

  @Test
  void pagesWithTheCursorNewestFirst() {
    String tag = tag();
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      made.add(0, create(tag, "p" + i, "customer"));
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonObject page = list("?emailContains=" + tag + "&limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
      page.getJsonArray("items").forEach(i -> seen.add(((JsonObject) i).getString("id")));
      cursor = page.getString("nextCursor");
      pages++;
    } while (cursor != null);
    assertThat(pages).isEqualTo(3);
    assertThat(seen).isEqualTo(made);
  }

  @Test
  void badFiltersAre400AndOnlyAdminsList() {
    problem(app.api.get("/admin/accounts?type=robot", admin), 400, "/type");
    problem(app.api.get("/admin/accounts?status=sleeping", admin), 400, "/status");
    problem(app.api.get("/admin/accounts?limit=0", admin), 400, "/limit");
    problem(app.api.get("/admin/accounts?cursor=not-a-cursor", admin), 400, "/cursor");
    assertThat(app.api.get("/admin/accounts", token("company")).statusCode()).isEqualTo(403);
    assertThat(app.api.get("/admin/accounts", null).statusCode()).isEqualTo(401);
  }

  private static String tag() {
    return "t" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String create(String tag, String who, String type) {
    HttpResponse<Buffer> made = app.api.post("/admin/accounts", admin, new JsonObject()
        .put("email", who.toUpperCase() + "-" + tag + "@example.com").put("password", PASSWORD).put("type", type)
        .put("name", "Name of " + who));
    status(made, 201);
    return made.bodyAsJsonObject().getString("id");
  }

  private static JsonObject list(String query) {
    HttpResponse<Buffer> response = app.api.get("/admin/accounts" + query, admin);
    status(response, 200);
    return response.bodyAsJsonObject();
  }

  private static List<String> ids(String query) {
    JsonArray items = list(query).getJsonArray("items");
    return items.stream().map(i -> ((JsonObject) i).getString("id")).toList();
  }

  @Test
  void anyPrincipalReadsWhatItsRolesGrant() {
    String support = app.tokens.sign(new JsonObject().put("sub", UUID.randomUUID().toString()).put("typ", "customer")
        .put("roles", new JsonArray().add("support")).put("email_verified", true), 3600);
    HttpResponse<Buffer> mine = app.api.get("/auth/permissions", support);
    status(mine, 200);
    JsonObject body = mine.bodyAsJsonObject();
    assertThat(body.getString("type")).isEqualTo("customer");
    assertThat(body.getJsonArray("roles")).containsExactly("support");
    assertThat(body.getJsonArray("permissions")).containsExactly("email:read", "notification:send", "profile:read");
    assertThat(body.getBoolean("all")).isFalse();

    HttpResponse<Buffer> none = app.api.get("/auth/permissions", token("company"));
    status(none, 200);
    assertThat(none.bodyAsJsonObject().getJsonArray("permissions")).isEmpty();
    assertThat(app.api.get("/auth/permissions", admin).bodyAsJsonObject().getBoolean("all")).isTrue();
    status(app.api.get("/auth/permissions", null), 401);
  }

  private static String token(String typ) {
    return app.tokens.sign(new JsonObject().put("sub", UUID.randomUUID().toString()).put("typ", typ)
        .put("roles", new JsonArray()).put("email_verified", true), 3600);
  }

  private static void problem(HttpResponse<Buffer> response, int status, String pointer) {
    status(response, status);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(response.bodyAsJsonObject().getJsonArray("errors").encode()).contains(pointer);
  }

  private static void status(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
  }
}
