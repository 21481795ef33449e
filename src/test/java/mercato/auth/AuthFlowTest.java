package mercato.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import mercato.profile.ProfileDomain;
import mercato.testing.Api;
import mercato.testing.Await;
import mercato.testing.TestDatabase;
import mercato.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Accounts, sessions, verification, reset, throttling and roles over HTTP on real services. */
class AuthFlowTest {
  static final String PASSWORD = "correct horse battery staple";
  static TestNode app;
  static TestDatabase db;
  static Api api;
  static String adminEmail = "root-" + UUID.randomUUID() + "@example.com";

  @BeforeAll
  static void start() {
    app = TestNode.of(AuthDomain.domain(), ProfileDomain.domain()).withKeys().quickAuth()
        .set("http.contract", "openapi.yaml")
        .set("auth.admin.email", adminEmail).set("auth.admin.password", PASSWORD)
        .start();
    db = app.db;
    api = app.api;
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  static String email(String who) {
    return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@Example.com";
  }

  static JsonObject register(String path, JsonObject body) {
    HttpResponse<Buffer> response = api.post(path, null, body);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject();
  }

  static JsonObject login(String email, String password) {
    HttpResponse<Buffer> response = api.post("/auth/login", null,
        new JsonObject().put("email", email).put("password", password));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  /** The secret a private event carried (what the email domain would mail). */
  static String mailedToken(String type, String accountId) {
    List<String> tokens = db.column("SELECT data->>'token' FROM auth.outbox WHERE type = '" + type
        + "' AND subject = '" + accountId + "' ORDER BY seq DESC");
    assertThat(tokens).as("a " + type + " event for " + accountId).isNotEmpty();
    return tokens.get(0);
  }

  static String problemType(HttpResponse<Buffer> response) {
    return response.bodyAsJsonObject().getString("type");
  }

  @Test
  void registerVerifyLogInReadProfileRefreshAndLogOut() {
    String email = email("ann");
    JsonObject account = register("/auth/register", new JsonObject().put("email", email).put("password", PASSWORD));
    assertThat(account.getString("type")).isEqualTo("customer");
    assertThat(account.getBoolean("emailVerified")).isFalse();
    assertThat(account.containsKey("passwordHash")).isFalse();

    JsonObject grant = login(email.toLowerCase(), PASSWORD);
    assertThat(grant.getString("tokenType")).isEqualTo("Bearer");
    String access = grant.getString("accessToken");
    assertThat(api.get("/profile/me", access).bodyAsJsonObject().getBoolean("emailVerified")).isFalse();

    String token = mailedToken("mercato.auth.verification-requested.v1", account.getString("id"));
    HttpResponse<Buffer> verified = api.get("/auth/verify-email?token=" + token, null);
    assertThat(verified.statusCode()).as(verified.bodyAsString()).isEqualTo(200);
    assertThat(api.get("/auth/verify-email?token=" + token, null).statusCode()).as("single use").isEqualTo(400);

    // A refreshed token carries the verified flag.
    JsonObject rotated = api.post("/auth/refresh-token", null,
        new JsonObject().put("refreshToken", grant.getString("refreshToken"))).bodyAsJsonObject();
    assertThat(rotated.getJsonObject("account").getBoolean("emailVerified")).isTrue();
    JsonObject me = api.get("/user/profile", rotated.getString("accessToken")).bodyAsJsonObject();
    assertThat(me.getString("email")).isEqualTo(email);
    assertThat(me.getBoolean("emailVerified")).isTrue();

    assertThat(api.post("/logout", rotated.getString("accessToken"), null).statusCode()).isEqualTo(204);
    HttpResponse<Buffer> after = api.get("/profile/me", rotated.getString("accessToken"));
    assertThat(after.statusCode()).as("a denied jti after logout").isEqualTo(401);
    assertThat(api.post("/auth/refresh-token", null, new JsonObject().put("refreshToken", rotated.getString("refreshToken")))
        .statusCode()).as("the session's refresh token").isEqualTo(401);
  }

  @Test
  void reusingARotatedRefreshTokenRevokesTheWholeFamily() {
    String email = email("rob");
    register("/register", new JsonObject().put("email", email).put("password", PASSWORD));
    JsonObject first = login(email, PASSWORD);
    JsonObject second = api.post("/refresh-token", null, new JsonObject().put("refreshToken", first.getString("refreshToken")))
        .bodyAsJsonObject();
    assertThat(second.getString("refreshToken")).isNotEqualTo(first.getString("refreshToken"));

    HttpResponse<Buffer> reuse = api.post("/auth/refresh-token", null,
        new JsonObject().put("refreshToken", first.getString("refreshToken")));
    assertThat(reuse.statusCode()).isEqualTo(401);
    assertThat(api.post("/auth/refresh-token", null, new JsonObject().put("refreshToken", second.getString("refreshToken")))
        .statusCode()).as("the newest token of the family").isEqualTo(401);
    assertThat(api.get("/profile/me", second.getString("accessToken")).statusCode())
        .as("the family's live access token").isEqualTo(401);
    assertThat(api.get("/profile/me", first.getString("accessToken")).statusCode()).isEqualTo(401);
  }

  @Test
  void aliasesForceOrDefaultTheType() {
    JsonObject company = register("/company/register", new JsonObject().put("email", email("acme"))
        .put("password", PASSWORD).put("name", "Acme GmbH").put("type", "customer"));
    assertThat(company.getString("type")).isEqualTo("company");
    JsonObject user = register("/user/register", new JsonObject().put("email", email("bob"))
        .put("password", PASSWORD).put("type", "company").put("name", "Not a company"));
    assertThat(user.getString("type")).isEqualTo("customer");
    JsonObject shop = register("/user/register", new JsonObject().put("email", email("shop"))
        .put("password", PASSWORD).put("type", "shop").put("name", "Corner Shop"));
    assertThat(shop.getString("type")).isEqualTo("shop");
  }

  @Test
  void massAssignmentChangesNothing() {
    String email = email("mallory");
    for (JsonObject extra : List.of(new JsonObject().put("roles", new JsonArray().add("admin")),
        new JsonObject().put("admin", true), new JsonObject().put("emailVerified", true),
        new JsonObject().put("id", UUID.randomUUID().toString()))) {
      JsonObject body = new JsonObject().put("email", email).put("password", PASSWORD).mergeIn(extra);
      HttpResponse<Buffer> response = api.post("/auth/register", null, body);
      assertThat(response.statusCode()).as(body.encode()).isEqualTo(400);
    }
    HttpResponse<Buffer> admin = api.post("/auth/register", null,
        new JsonObject().put("email", email).put("password", PASSWORD).put("type", "admin"));
    assertThat(admin.statusCode()).isEqualTo(403);
    assertThat(db.count("SELECT count(*) FROM auth.accounts WHERE email_lower = '" + email.toLowerCase() + "'")).isZero();

    register("/auth/register", new JsonObject().put("email", email).put("password", PASSWORD));
    String token = login(email, PASSWORD).getString("accessToken");
    for (JsonObject patch : List.of(new JsonObject().put("type", "admin"), new JsonObject().put("roles", new JsonArray().add("admin")),
        new JsonObject().put("emailVerified", true), new JsonObject().put("email", "x@example.com"),
        new JsonObject().put("legalName", "Not for customers"))) {
      HttpResponse<Buffer> response = api.put("/profile/me", token, patch);
      assertThat(response.statusCode()).as(patch.encode()).isEqualTo(400);
    }
    JsonObject me = api.get("/profile/me", token).bodyAsJsonObject();
    assertThat(me.getString("type")).isEqualTo("customer");
    assertThat(me.getJsonArray("roles")).isEmpty();
    assertThat(me.getBoolean("emailVerified")).isFalse();
  }

  @Test
  void passwordRulesAndEmailSyntaxAreChecked() {
    for (String bad : List.of("short", "password1234", "123456789012", "aaaaaaaaaaaaaaaa")) {
      HttpResponse<Buffer> response = api.post("/auth/register", null,
          new JsonObject().put("email", email("weak")).put("password", bad));
      assertThat(response.statusCode()).as(bad).isEqualTo(400);
      assertThat(response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("pointer"))
          .isEqualTo("/password");
    }
    String longPassphrase = "a long passphrase ".repeat(10);
    register("/auth/register", new JsonObject().put("email", email("long")).put("password", longPassphrase));
    HttpResponse<Buffer> badEmail = api.post("/auth/register", null,
        new JsonObject().put("email", "not-an-email").put("password", PASSWORD));
    assertThat(badEmail.statusCode()).isEqualTo(400);
    String taken = email("twice");
    register("/auth/register", new JsonObject().put("email", taken).put("password", PASSWORD));
    HttpResponse<Buffer> again = api.post("/auth/register", null,
        new JsonObject().put("email", taken.toUpperCase()).put("password", PASSWORD));
    assertThat(again.statusCode()).as("emails are unique without case").isEqualTo(409);
  }

  @Test
  void loginFailureAndResetRequestDoNotRevealAccounts() {
    String email = email("eve");
    register("/auth/register", new JsonObject().put("email", email).put("password", PASSWORD));
    HttpResponse<Buffer> wrong = api.post("/auth/login", null, new JsonObject().put("email", email).put("password", "not the password!"));
    HttpResponse<Buffer> unknown = api.post("/auth/login", null,
        new JsonObject().put("email", email("nobody")).put("password", "not the password!"));
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(strip(wrong.bodyAsJsonObject())).isEqualTo(strip(unknown.bodyAsJsonObject()));

    HttpResponse<Buffer> known = api.post("/profile/password-reset-request", null, new JsonObject().put("email", email));
    HttpResponse<Buffer> stranger = api.post("/user/password-reset-request", null, new JsonObject().put("email", email("nobody")));
    assertThat(known.statusCode()).isEqualTo(202);
    assertThat(stranger.statusCode()).isEqualTo(202);
    assertThat(known.bodyAsJsonObject()).isEqualTo(stranger.bodyAsJsonObject());
  }

  private static JsonObject strip(JsonObject problem) {
    JsonObject copy = problem.copy();
    copy.remove("requestId");
    copy.remove("instance");
    return copy;
  }

  @Test
  void passwordResetEndsEverySession() {
    String email = email("reset");
    JsonObject account = register("/auth/register", new JsonObject().put("email", email).put("password", PASSWORD));
    JsonObject before = login(email, PASSWORD);
    assertThat(api.post("/company/password-reset-request", null, new JsonObject().put("email", email)).statusCode()).isEqualTo(202);
    String token = mailedToken("mercato.auth.password-reset-requested.v1", account.getString("id"));
    String fresh = "a brand new passphrase here";
    HttpResponse<Buffer> reset = api.post("/profile/password-reset", null, new JsonObject().put("token", token).put("password", fresh));
    assertThat(reset.statusCode()).as(reset.bodyAsString()).isEqualTo(200);
    assertThat(api.post("/profile/password-reset", null, new JsonObject().put("token", token).put("password", fresh))
        .statusCode()).as("single use").isEqualTo(400);
    assertThat(api.get("/profile/me", before.getString("accessToken")).statusCode()).isEqualTo(401);
    assertThat(api.post("/auth/refresh-token", null, new JsonObject().put("refreshToken", before.getString("refreshToken")))
        .statusCode()).isEqualTo(401);
    assertThat(api.post("/auth/login", null, new JsonObject().put("email", email).put("password", PASSWORD)).statusCode())
        .isEqualTo(401);
    login(email, fresh);
  }

  @Test
  void failedLoginsAreThrottledAndResetMailsHeldBack() {
    String email = email("brute");
    register("/auth/register", new JsonObject().put("email", email).put("password", PASSWORD));
    for (int i = 0; i < 5; i++) {
      assertThat(api.post("/auth/login", null, new JsonObject().put("email", email).put("password", "guess number " + i))
          .statusCode()).isEqualTo(401);
    }
    HttpResponse<Buffer> locked = api.post("/auth/login", null, new JsonObject().put("email", email).put("password", PASSWORD));
    assertThat(locked.statusCode()).isEqualTo(429);
    assertThat(problemType(locked)).isEqualTo("/problems/rate-limited");
    assertThat(Integer.parseInt(locked.getHeader("Retry-After"))).isGreaterThan(0);

    // Reset requests are not refused: the mail throttle quietly holds back the fourth mail.
    String target = email("flood");
    JsonObject flooded = register("/auth/register", new JsonObject().put("email", target).put("password", PASSWORD));
    List<JsonObject> answers = new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) {
      HttpResponse<Buffer> answer = api.post("/profile/password-reset-request", null, new JsonObject().put("email", target));
      assertThat(answer.statusCode()).isEqualTo(202);
      answers.add(answer.bodyAsJsonObject());
    }
    assertThat(answers).containsOnly(answers.get(0));
    // Registration's verification mail was the first of the three.
    assertThat(db.count("SELECT count(*) FROM auth.outbox WHERE type = 'mercato.auth.password-reset-requested.v1'"
        + " AND subject = '" + flooded.getString("id") + "'")).isEqualTo(2);
  }

  @Test
  void adminsManageRolesAndPermissionsAdmitByRole() {
    String admin = login(adminEmail, PASSWORD).getString("accessToken");
    String supportEmail = email("support");
    JsonObject support = register("/auth/register", new JsonObject().put("email", supportEmail).put("password", PASSWORD));
    JsonObject other = register("/auth/register", new JsonObject().put("email", email("other")).put("password", PASSWORD));
    String before = login(supportEmail, PASSWORD).getString("accessToken");
    assertThat(api.get("/profile/" + other.getString("id"), before).statusCode()).isEqualTo(403);

    String role = "auditor-" + UUID.randomUUID().toString().substring(0, 6);
    HttpResponse<Buffer> created = api.post("/admin/roles", admin, new JsonObject().put("name", role)
        .put("permissions", new JsonArray().add("profile:read")));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    assertThat(api.post("/admin/roles", admin, new JsonObject().put("name", role).put("permissions", new JsonArray()))
        .statusCode()).isEqualTo(409);
    assertThat(api.put("/admin/accounts/" + support.getString("id") + "/roles/" + role, admin, null).statusCode()).isEqualTo(204);
    assertThat(api.get("/admin/roles", admin).bodyAsJsonObject().getJsonArray("items").stream()
        .map(r -> ((JsonObject) r).getString("name"))).contains(role, "support");

    String after = login(supportEmail, PASSWORD).getString("accessToken");
    Await.until("the edge reloaded the role table", Duration.ofSeconds(10),
        () -> api.get("/profile/" + other.getString("id"), after).statusCode() == 200);
    assertThat(api.get("/admin/roles", after).statusCode()).as("a permission is not the admin type").isEqualTo(403);

    HttpResponse<Buffer> createdAdmin = api.post("/admin/accounts", admin, new JsonObject().put("email", email("admin2"))
        .put("password", PASSWORD).put("type", "admin").put("emailVerified", true));
    assertThat(createdAdmin.statusCode()).as(createdAdmin.bodyAsString()).isEqualTo(201);
    assertThat(api.post("/admin/accounts", after, new JsonObject().put("email", email("x")).put("password", PASSWORD)
        .put("type", "admin")).statusCode()).isEqualTo(403);
  }

  @Test
  void profilesFollowThePrincipalType() {
    String email = email("corp");
    register("/company/register", new JsonObject().put("email", email).put("password", PASSWORD).put("name", "Corp Ltd"));
    String token = login(email, PASSWORD).getString("accessToken");
    JsonObject address = new JsonObject().put("line1", "1 Market St").put("city", "Berlin").put("postalCode", "10115")
        .put("country", "DE");
    HttpResponse<Buffer> updated = api.put("/company/profile", token, new JsonObject().put("legalName", "Corp Ltd")
        .put("vatId", "DE123456789").put("address", address).put("website", "https://corp.example"));
    assertThat(updated.statusCode()).as(updated.bodyAsString()).isEqualTo(200);
    assertThat(updated.bodyAsJsonObject().getString("vatId")).isEqualTo("DE123456789");
    HttpResponse<Buffer> badCountry = api.put("/profile/me", token, new JsonObject()
        .put("address", address.copy().put("country", "XX")));
    assertThat(badCountry.statusCode()).isEqualTo(400);
    assertThat(badCountry.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("pointer"))
        .isEqualTo("/address/country");
    assertThat(api.put("/profile/me", token, new JsonObject().put("firstName", "Nope")).statusCode()).isEqualTo(400);
    assertThat(api.get("/company/profile", token).bodyAsJsonObject().getString("website")).isEqualTo("https://corp.example");
  }

  @Test
  void deletingTheProfileClosesTheAccount() {
    String email = email("gone");
    JsonObject account = register("/auth/register", new JsonObject().put("email", email).put("password", PASSWORD));
    JsonObject grant = login(email, PASSWORD);
    String token = grant.getString("accessToken");
    assertThat(api.put("/profile/me", token, new JsonObject().put("firstName", "Gone").put("phone", "+49 30 1234567"))
        .statusCode()).isEqualTo(200);
    assertThat(api.delete("/profile/me", token).statusCode()).isEqualTo(204);
    assertThat(api.get("/profile/me", token).statusCode()).isEqualTo(401);
    assertThat(api.post("/auth/login", null, new JsonObject().put("email", email).put("password", PASSWORD)).statusCode())
        .isEqualTo(401);
    assertThat(api.post("/auth/refresh-token", null, new JsonObject().put("refreshToken", grant.getString("refreshToken")))
        .statusCode()).isEqualTo(401);
    String admin = login(adminEmail, PASSWORD).getString("accessToken");
    assertThat(api.get("/profile/" + account.getString("id"), admin).statusCode()).isEqualTo(404);
    assertThat(db.column("SELECT coalesce(first_name, '') || coalesce(phone, '') FROM profile.profiles WHERE account_id = '"
        + account.getString("id") + "'")).containsOnly("");
    assertThat(db.count("SELECT count(*) FROM auth.accounts WHERE email_lower = '" + email.toLowerCase() + "'")).isZero();
  }

  @Test
  void theCommandLineCreatesAnAdmin() {
    String email = email("cli-admin");
    System.setProperty("mercato.db.database", db.name());
    System.setProperty("mercato.kafka.enabled", "false");
    java.io.InputStream stdin = System.in;
    try {
      System.setIn(new java.io.ByteArrayInputStream((PASSWORD + "\n").getBytes()));
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
      int code = mercato.MainAccess.run(new String[] {"create-admin", email}, new java.io.PrintStream(out),
          new java.io.PrintStream(err));
      assertThat(code).as(err.toString()).isZero();
      assertThat(out.toString()).contains("admin " + email + " created");
      System.setIn(new java.io.ByteArrayInputStream((PASSWORD + "\n").getBytes()));
      assertThat(mercato.MainAccess.run(new String[] {"create-admin", email}, new java.io.PrintStream(out),
          new java.io.PrintStream(err))).as("exists").isEqualTo(3);
    } finally {
      System.setIn(stdin);
      System.clearProperty("mercato.db.database");
      System.clearProperty("mercato.kafka.enabled");
    }
    JsonObject grant = login(email, PASSWORD);
    assertThat(grant.getJsonObject("account").getString("type")).isEqualTo("admin");
    assertThat(api.get("/admin/roles", grant.getString("accessToken")).statusCode()).isEqualTo(200);
  }

  @Test
  void publishesTheKeysThatVerifyTokens() {
    JsonObject jwks = api.get("/.well-known/jwks.json", null).bodyAsJsonObject();
    JsonObject key = jwks.getJsonArray("keys").getJsonObject(0);
    assertThat(key.getString("kid")).isEqualTo(app.tokens.kid());
    assertThat(key.getString("kty")).isEqualTo("EC");
    assertThat(key.getString("crv")).isEqualTo("P-256");
    assertThat(key.getString("x")).hasSize(43);
    assertThat(key.getString("y")).hasSize(43);
    assertThat(key.containsKey("d")).as("never the private part").isFalse();
  }
}
