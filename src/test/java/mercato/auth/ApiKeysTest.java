package mercato.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import mercato.auth.api.AuthEvents;
import mercato.catalog.CatalogDomain;
import mercato.platform.tokens.ApiKeyText;
import mercato.profile.ProfileDomain;
import mercato.testing.Await;
import mercato.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * API keys over HTTP on real PostgreSQL and Redis: made by an account for itself with scopes
 * it could use, accepted at the edge only within those scopes and never on credential
 * routes, stored as a hash, rate limited per key, and refused (401) once revoked, expired, or
 * its account disabled or closed. Every request comes from an address of its own (a trusted
 * X-Forwarded-For), so the buckets that count are the principal's and the key's.
 */
class ApiKeysTest {
  static final String PASSWORD = "correct horse battery staple";
  static final int LIMIT = 20;
  static TestNode app;

  @BeforeAll
  static void start() {
    app = TestNode.of(AuthDomain.domain(), ProfileDomain.domain(), CatalogDomain.domain()).withKeys().quickAuth()
        .set("http.contract", "openapi.yaml").set("http.trustForwardedFor", "true")
        .set("http.rateLimits.default.capacity", String.valueOf(LIMIT))
        .set("http.rateLimits.default.refillPerSecond", "1")
        .start();
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  /** A request with a bearer credential, from an address no other request uses. */
  static HttpResponse<Buffer> call(HttpMethod method, String uri, String bearer, JsonObject body) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("X-Forwarded-For",
        "10." + ThreadLocalRandom.current().nextInt(256) + "." + ThreadLocalRandom.current().nextInt(256) + "."
            + ThreadLocalRandom.current().nextInt(256));
    if (bearer != null) {
      headers.add("Authorization", "Bearer " + bearer);
    }
    if (body != null) {
      headers.add("Content-Type", "application/json");
    }
    return app.api.http().send(method, uri, headers, body == null ? null : body.toBuffer());
  }

  static String admin() {
    return app.tokens.issue(UUID.randomUUID().toString(), "admin", List.of());
  }

  /** An account made by an admin (email verified), signed in. */
  record Account(String id, String email, String token) {}

  static Account account(String type) {
    String email = type + "-" + UUID.randomUUID() + "@example.com";
    HttpResponse<Buffer> created = call(HttpMethod.POST, "/admin/accounts", admin(), new JsonObject()
        .put("email", email).put("password", PASSWORD).put("type", type).put("name", "Acme " + type)
        .put("emailVerified", true));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    HttpResponse<Buffer> login = call(HttpMethod.POST, "/auth/login", null,
        new JsonObject().put("email", email).put("password", PASSWORD));
    assertThat(login.statusCode()).as(login.bodyAsString()).isEqualTo(200);
    return new Account(created.bodyAsJsonObject().getString("id"), email,
        login.bodyAsJsonObject().getString("accessToken"));
  }

  static HttpResponse<Buffer> askForKey(Account owner, JsonObject body) {
    return call(HttpMethod.POST, "/auth/api-keys", owner.token(), body);
  }

  /** A new key of {@code owner} with {@code scopes}: the whole creation answer. */
  static JsonObject key(Account owner, String... scopes) {
    HttpResponse<Buffer> created = askForKey(owner,
        new JsonObject().put("name", "warehouse sync").put("scopes", new JsonArray(List.of(scopes))));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject();
  }

  static JsonObject product(String sku) {
    return new JsonObject().put("name", "Widget " + sku).put("sku", sku)
        .put("price", new JsonObject().put("amount", 1299).put("currency", "EUR"));
  }

  static HttpResponse<Buffer> createProduct(String bearer) {
    return call(HttpMethod.POST, "/products", bearer, product("K-" + UUID.randomUUID().toString().substring(0, 8)));
  }

  static void assertProblem(HttpResponse<Buffer> response, int status, String slug) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(response.bodyAsJsonObject().getString("type")).isEqualTo("/problems/" + slug);
  }

  @Test
  void aCompanysKeyCreatesAProductAndIsRefusedOutsideItsScopes() {
    Account company = account("company");
    JsonObject created = key(company, "catalog:write");
    String key = created.getString("key");
    assertThat(key).startsWith("mk_").hasSize(57).matches("mk_[A-Za-z0-9_-]{54}");
    assertThat(created.getString("prefix")).isEqualTo(key.substring(0, 11));
    assertThat(created.getJsonArray("scopes")).containsExactly("catalog:write");
    assertThat(created.getString("createdAt")).isNotNull();

    HttpResponse<Buffer> product = createProduct(key);
    assertThat(product.statusCode()).as(product.bodyAsString()).isEqualTo(201);
    assertThat(product.bodyAsJsonObject().getString("sellerId")).isEqualTo(company.id());

    // catalog:read is another scope, and auth:read another domain's.
    HttpResponse<Buffer> read = call(HttpMethod.GET, "/products", key, null);
    assertProblem(read, 403, "forbidden");
    assertThat(read.bodyAsJsonObject().getString("detail")).contains("catalog:read");
    assertProblem(call(HttpMethod.GET, "/auth/permissions", key, null), 403, "forbidden");

    // The scope is not all a key needs: the route's own access rule still holds.
    Account customer = account("customer");
    String reader = key(customer, "catalog:read", "auth:read").getString("key");
    assertThat(call(HttpMethod.GET, "/products", reader, null).statusCode()).isEqualTo(200);
    HttpResponse<Buffer> permissions = call(HttpMethod.GET, "/auth/permissions", reader, null);
    assertThat(permissions.statusCode()).as(permissions.bodyAsString()).isEqualTo(200);
    assertThat(permissions.bodyAsJsonObject().getString("type")).isEqualTo("customer");
  }

  @Test
  void credentialRoutesNeverTakeAKey() {
    Account company = account("company");
    JsonObject created = key(company, "auth:read", "auth:write", "profile:write", "catalog:write");
    String key = created.getString("key");
    String id = created.getString("id");
    JsonObject credentials = new JsonObject().put("email", company.email()).put("password", PASSWORD);
    List<HttpResponse<Buffer>> refused = List.of(
        call(HttpMethod.POST, "/auth/login", key, credentials),
        call(HttpMethod.POST, "/auth/refresh-token", key, new JsonObject().put("refreshToken", "x")),
        call(HttpMethod.POST, "/auth/logout", key, null),
        call(HttpMethod.POST, "/profile/password-reset-request", key, new JsonObject().put("email", company.email())),
        call(HttpMethod.POST, "/profile/password-reset", key,
            new JsonObject().put("token", "x").put("password", PASSWORD + "!")),
        call(HttpMethod.POST, "/auth/verify-email", key, new JsonObject().put("token", "x")),
        call(HttpMethod.POST, "/auth/verify-email/resend", key, null),
        call(HttpMethod.POST, "/auth/api-keys", key,
            new JsonObject().put("name", "more").put("scopes", new JsonArray().add("catalog:write"))),
        call(HttpMethod.GET, "/auth/api-keys", key, null),
        call(HttpMethod.DELETE, "/auth/api-keys/" + id, key, null),
        call(HttpMethod.DELETE, "/profile/me", key, null));
    for (HttpResponse<Buffer> response : refused) {
      assertProblem(response, 403, "forbidden");
      assertThat(response.bodyAsJsonObject().getString("detail")).contains("not an API key");
    }
    // None of them happened: the key still works, and the account still signs in.
    assertThat(createProduct(key).statusCode()).isEqualTo(201);
    assertThat(call(HttpMethod.POST, "/auth/login", null, credentials).statusCode()).isEqualTo(200);
  }

  @Test
  void aRevokedKeyIsRefusedOnItsNextRequest() {
    Account company = account("company");
    JsonObject created = key(company, "catalog:write");
    String key = created.getString("key");
    String id = created.getString("id");
    assertThat(createProduct(key).statusCode()).isEqualTo(201); // now remembered by the edge

    // Another account's key is not found, and stays valid.
    Account other = account("company");
    assertProblem(call(HttpMethod.DELETE, "/auth/api-keys/" + id, other.token(), null), 404, "not-found");
    assertThat(createProduct(key).statusCode()).isEqualTo(201);

    assertThat(call(HttpMethod.DELETE, "/auth/api-keys/" + id, company.token(), null).statusCode()).isEqualTo(204);
    HttpResponse<Buffer> next = createProduct(key);
    assertProblem(next, 401, "unauthenticated");
    assertThat(next.getHeader("WWW-Authenticate")).isNotNull();
    // Refused as revoked on any route, before its scope is looked at.
    assertProblem(call(HttpMethod.GET, "/auth/permissions", key, null), 401, "unauthenticated");
    // Idempotent: revoking again is the same answer and keeps the first revocation time.
    String revokedAt = listed(company.token(), "/auth/api-keys", id).getString("revokedAt");
    assertThat(revokedAt).isNotNull();
    assertThat(call(HttpMethod.DELETE, "/auth/api-keys/" + id, company.token(), null).statusCode()).isEqualTo(204);
    assertThat(listed(company.token(), "/auth/api-keys", id).getString("revokedAt")).isEqualTo(revokedAt);
    assertProblem(createProduct(key), 401, "unauthenticated");
  }

  @Test
  void anAdminListsAndRevokesAnAccountsKeys() {
    Account company = account("company");
    JsonObject created = key(company, "catalog:write");
    String admin = admin();
    String path = "/admin/accounts/" + company.id() + "/api-keys";
    assertThat(listed(admin, path, created.getString("id")).getString("revokedAt")).isNull();
    assertThat(call(HttpMethod.DELETE, path + "/" + created.getString("id"), admin, null).statusCode()).isEqualTo(204);
    assertProblem(createProduct(created.getString("key")), 401, "unauthenticated");
    assertProblem(call(HttpMethod.DELETE, path + "/" + UUID.randomUUID(), admin, null), 404, "not-found");
    assertProblem(call(HttpMethod.GET, path, company.token(), null), 403, "forbidden");
  }

  @Test
  void theSecretIsNotStoredAndNeverListed() {
    Account company = account("company");
    JsonObject created = key(company, "catalog:write");
    String key = created.getString("key");
    String secret = key.substring(ApiKeyText.SHOWN);
    String id = created.getString("id");
    assertThat(createProduct(key).statusCode()).isEqualTo(201);

    String row = app.db.column("SELECT row_to_json(k)::text FROM auth.api_keys k WHERE id = '" + id + "'").get(0);
    assertThat(row).doesNotContain(secret).doesNotContain(key).contains(created.getString("prefix"));
    assertThat(app.db.column("SELECT encode(key_hash, 'hex') FROM auth.api_keys WHERE id = '" + id + "'"))
        .containsExactly(HexFormat.of().formatHex(ApiKeyText.hash(key)));
    // No column of the table holds the key in any form but its hash.
    assertThat(app.db.count("SELECT count(*) FROM auth.api_keys k WHERE row_to_json(k)::text LIKE '%"
        + secret.substring(0, 20) + "%'")).isZero();

    HttpResponse<Buffer> list = call(HttpMethod.GET, "/auth/api-keys", company.token(), null);
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.bodyAsString()).doesNotContain(secret);
    JsonObject item = listed(company.token(), "/auth/api-keys", id);
    assertThat(item.containsKey("key")).isFalse();
    assertThat(item.getString("name")).isEqualTo("warehouse sync");
    assertThat(item.getString("prefix")).isEqualTo(key.substring(0, 11));
    assertThat(item.getJsonArray("scopes")).containsExactly("catalog:write");
    assertThat(item.getString("lastUsedAt")).as("the use was recorded").isNotNull();
    assertThat(item.getString("expiresAt")).isNull();
    // Another account lists none of them.
    assertThat(call(HttpMethod.GET, "/auth/api-keys", account("company").token(), null).bodyAsJsonObject()
        .getJsonArray("items")).isEmpty();
  }

  @Test
  void aScopeBeyondTheAccountIsRefusedByName() {
    Account customer = account("customer");
    HttpResponse<Buffer> refused = askForKey(customer, new JsonObject().put("name", "too much")
        .put("scopes", new JsonArray().add("catalog:read").add("catalog:write")));
    assertProblem(refused, 400, "validation");
    assertThat(refused.bodyAsJsonObject().getString("detail")).contains("catalog:write");
    JsonObject error = refused.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0);
    assertThat(error.getString("pointer")).isEqualTo("/scopes/1");
    assertThat(error.getString("detail")).contains("catalog:write");

    HttpResponse<Buffer> unknown = askForKey(customer,
        new JsonObject().put("name", "x").put("scopes", new JsonArray().add("nowhere:read")));
    assertProblem(unknown, 400, "validation");
    assertThat(unknown.bodyAsJsonObject().getString("detail")).contains("nowhere:read");
    assertProblem(askForKey(customer, new JsonObject().put("name", "x").put("scopes", new JsonArray())), 400,
        "validation");
    assertProblem(askForKey(customer, new JsonObject().put("name", "x").put("scopes", new JsonArray().add("catalog:read"))
        .put("expiresAt", "2001-01-01T00:00:00Z")), 400, "validation");
    assertThat(app.db.count("SELECT count(*) FROM auth.api_keys WHERE account_id = '" + customer.id() + "'")).isZero();
  }

  @Test
  void aDisabledOrClosedAccountsKeysStopWorking() {
    Account disabled = account("company");
    String unused = key(disabled, "catalog:write").getString("key");
    app.db.execute("UPDATE auth.accounts SET active = false WHERE id = '" + disabled.id() + "'");
    assertProblem(createProduct(unused), 401, "unauthenticated");

    Account closing = account("company");
    String used = key(closing, "catalog:write").getString("key");
    assertThat(createProduct(used).statusCode()).isEqualTo(201); // remembered by the edge
    assertThat(call(HttpMethod.DELETE, "/profile/me", closing.token(), null).statusCode()).isEqualTo(204);
    assertProblem(createProduct(used), 401, "unauthenticated");
    assertThat(app.db.count("SELECT count(*) FROM auth.api_keys WHERE account_id = '" + closing.id()
        + "' AND revoked_at IS NULL")).isZero();
  }

  @Test
  void aKeyActsWithTheRolesItsAccountHoldsNow() {
    Account agent = account("customer");
    String admin = admin();
    String role = "/admin/accounts/" + agent.id() + "/roles/support";
    assertThat(call(HttpMethod.PUT, role, admin, null).statusCode()).isEqualTo(204);
    String key = key(agent, "profile:read").getString("key");
    String someone = "/profile/" + UUID.randomUUID();
    assertThat(call(HttpMethod.GET, someone, key, null).statusCode()).as("support reads profiles").isEqualTo(404);

    assertThat(call(HttpMethod.DELETE, role, admin, null).statusCode()).isEqualTo(204);
    // The edges are told to forget the account's keys: far sooner than their 30 s memory.
    Await.until("the key lost the role", Duration.ofSeconds(5),
        () -> call(HttpMethod.GET, someone, key, null).statusCode() == 403);
    assertThat(call(HttpMethod.PUT, role, admin, null).statusCode()).isEqualTo(204);
    Await.until("the key has the role again", Duration.ofSeconds(5),
        () -> call(HttpMethod.GET, someone, key, null).statusCode() == 404);
  }

  @Test
  void eachKeyHasItsOwnRateLimitBucket() {
    Account company = account("company");
    String busy = key(company, "catalog:read").getString("key");
    String other = key(company, "catalog:read").getString("key");
    // The bucket holds LIMIT and refills one a second: at least LIMIT pass, then one is refused.
    int passed = 0;
    HttpResponse<Buffer> limited = null;
    for (int i = 0; i < 10 * LIMIT && limited == null; i++) {
      HttpResponse<Buffer> response = call(HttpMethod.GET, "/products", busy, null);
      if (response.statusCode() == 429) {
        limited = response;
      } else {
        assertThat(response.statusCode()).as("request " + i + ": " + response.bodyAsString()).isEqualTo(200);
        passed++;
      }
    }
    assertThat(limited).as("the key was limited").isNotNull();
    assertThat(passed).isGreaterThanOrEqualTo(LIMIT);
    assertProblem(limited, 429, "rate-limited");
    assertThat(Integer.parseInt(limited.getHeader("Retry-After"))).isPositive();
    // The same account's other key, and its own token, have buckets of their own.
    assertThat(call(HttpMethod.GET, "/products", other, null).statusCode()).isEqualTo(200);
    assertThat(call(HttpMethod.GET, "/auth/api-keys", company.token(), null).statusCode()).isEqualTo(200);
  }

  @Test
  void anExpiredKeyIsRefused() {
    Account company = account("company");
    String stale = key(company, "catalog:write").getString("key");
    app.db.execute("UPDATE auth.api_keys SET expires_at = now() - interval '1 minute' WHERE prefix = '"
        + stale.substring(0, ApiKeyText.SHOWN) + "'");
    assertProblem(createProduct(stale), 401, "unauthenticated");

    // A key the edge remembers is refused once its expiry passes, whatever the memory says.
    HttpResponse<Buffer> shortLived = askForKey(company, new JsonObject().put("name", "short")
        .put("scopes", new JsonArray().add("catalog:read"))
        .put("expiresAt", Instant.now().plusSeconds(3).toString()));
    assertThat(shortLived.statusCode()).as(shortLived.bodyAsString()).isEqualTo(201);
    String key = shortLived.bodyAsJsonObject().getString("key");
    assertThat(shortLived.bodyAsJsonObject().getString("expiresAt")).isNotNull();
    assertThat(call(HttpMethod.GET, "/products/" + UUID.randomUUID(), key, null).statusCode()).isEqualTo(404);
    Await.until("the key expired", Duration.ofSeconds(20),
        () -> call(HttpMethod.GET, "/products/" + UUID.randomUUID(), key, null).statusCode() == 401);
  }

  @Test
  void garbageAndForgedKeysAre401() {
    String forged = ApiKeyText.generate();
    List<String> keys = List.of("mk_", "mk_x", forged, forged.substring(0, 56) + "!", "mk_" + "A".repeat(2000),
        "mk_\u00e9\u00e9\u00e9", "mk_" + "../".repeat(18));
    for (String key : keys) {
      HttpResponse<Buffer> response = call(HttpMethod.GET, "/products", key, null);
      assertProblem(response, 401, "unauthenticated");
    }
    // A forged key refused once is refused again (remembered or not), never a 5xx.
    assertProblem(call(HttpMethod.POST, "/products", forged, product("F-1")), 401, "unauthenticated");
  }

  @Test
  void creatingAKeyWritesItsCreatedEventWithoutTheSecret() {
    Account company = account("company");
    HttpResponse<Buffer> response = askForKey(company, new JsonObject().put("name", "erp export")
        .put("scopes", new JsonArray().add("catalog:read").add("catalog:write"))
        .put("expiresAt", "2031-01-31T00:00:00Z"));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    JsonObject created = response.bodyAsJsonObject();
    String key = created.getString("key");

    List<JsonObject> events = events(AuthEvents.API_KEY_CREATED, company.id());
    assertThat(events).hasSize(1);
    JsonObject event = events.get(0);
    assertThat(event.getString("subject")).isEqualTo(created.getString("id"));
    assertThat(event.getString("source")).isEqualTo("/mercato/auth");
    assertThat(event.getJsonObject("data")).isEqualTo(new JsonObject()
        .put("keyId", created.getString("id"))
        .put("accountId", company.id())
        .put("name", "erp export")
        .put("prefix", key.substring(0, ApiKeyText.SHOWN))
        .put("scopes", new JsonArray().add("catalog:read").add("catalog:write"))
        .put("expiresAt", "2031-01-31T00:00:00Z")
        .put("by", "company:" + company.id()));
    byte[] hash = ApiKeyText.hash(key);
    assertThat(event.encode()).doesNotContain(key.substring(ApiKeyText.SHOWN))
        .doesNotContain(HexFormat.of().formatHex(hash))
        .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(hash))
        .doesNotContain(Base64.getEncoder().encodeToString(hash));
    // A refused creation makes no key, and so no event.
    assertProblem(askForKey(company, new JsonObject().put("name", "x").put("scopes", new JsonArray().add("nowhere:read"))),
        400, "validation");
    assertThat(events(AuthEvents.API_KEY_CREATED, company.id())).hasSize(1);
  }

  @Test
  void aRevocationWritesOneRevokedEventAndARepeatNone() {
    Account company = account("company");
    String id = key(company, "catalog:write").getString("id");
    assertProblem(call(HttpMethod.DELETE, "/auth/api-keys/" + id, account("company").token(), null), 404, "not-found");
    assertThat(events(AuthEvents.API_KEY_REVOKED, company.id())).isEmpty();

    assertThat(call(HttpMethod.DELETE, "/auth/api-keys/" + id, company.token(), null).statusCode()).isEqualTo(204);
    JsonObject item = listed(company.token(), "/auth/api-keys", id);
    List<JsonObject> events = events(AuthEvents.API_KEY_REVOKED, company.id());
    assertThat(events).hasSize(1);
    assertThat(events.get(0).getString("subject")).isEqualTo(id);
    assertThat(events.get(0).getJsonObject("data")).isEqualTo(new JsonObject()
        .put("keyId", id)
        .put("accountId", company.id())
        .put("prefix", item.getString("prefix"))
        .put("revokedAt", item.getString("revokedAt"))
        .put("by", "company:" + company.id()));

    assertThat(call(HttpMethod.DELETE, "/auth/api-keys/" + id, company.token(), null).statusCode()).isEqualTo(204);
    assertThat(events(AuthEvents.API_KEY_REVOKED, company.id())).hasSize(1);

    // An admin's revocation names the admin.
    String other = key(company, "catalog:read").getString("id");
    String adminId = UUID.randomUUID().toString();
    String admin = app.tokens.issue(adminId, "admin", List.of());
    String path = "/admin/accounts/" + company.id() + "/api-keys/" + other;
    assertThat(call(HttpMethod.DELETE, path, admin, null).statusCode()).isEqualTo(204);
    assertThat(call(HttpMethod.DELETE, path, admin, null).statusCode()).isEqualTo(204);
    assertThat(events(AuthEvents.API_KEY_REVOKED, company.id())).hasSize(2)
        .last().satisfies(event -> {
          assertThat(event.getJsonObject("data").getString("keyId")).isEqualTo(other);
          assertThat(event.getJsonObject("data").getString("by")).isEqualTo("admin:" + adminId);
        });
  }

  @Test
  void closingAnAccountWritesARevokedEventForEachLiveKey() {
    Account closing = account("company");
    String revoked = key(closing, "catalog:write").getString("id");
    assertThat(call(HttpMethod.DELETE, "/auth/api-keys/" + revoked, closing.token(), null).statusCode()).isEqualTo(204);
    List<String> live = List.of(key(closing, "catalog:write").getString("id"), key(closing, "catalog:read").getString("id"));

    assertThat(call(HttpMethod.DELETE, "/profile/me", closing.token(), null).statusCode()).isEqualTo(204);
    List<JsonObject> events = events(AuthEvents.API_KEY_REVOKED, closing.id());
    assertThat(events).hasSize(3);
    assertThat(events.get(0).getJsonObject("data").getString("keyId")).isEqualTo(revoked);
    assertThat(events.subList(1, 3)).extracting(event -> event.getJsonObject("data").getString("keyId"))
        .containsExactlyInAnyOrderElementsOf(live);
    assertThat(events.subList(1, 3)).extracting(event -> event.getJsonObject("data").getString("by"))
        .containsOnly("system:account-closed");
  }

  @Test
  void theListingIsPagedNewestFirst() {
    Account company = account("company");
    List<String> newestFirst = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      newestFirst.add(0, key(company, "catalog:read").getString("id"));
    }
    for (String path : List.of("/auth/api-keys", "/admin/accounts/" + company.id() + "/api-keys")) {
      String token = path.startsWith("/admin") ? admin() : company.token();
      List<String> seen = new ArrayList<>();
      List<Integer> sizes = new ArrayList<>();
      String cursor = null;
      do {
        HttpResponse<Buffer> page = call(HttpMethod.GET, path + "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor),
            token, null);
        assertThat(page.statusCode()).as(page.bodyAsString()).isEqualTo(200);
        JsonArray items = page.bodyAsJsonObject().getJsonArray("items");
        items.forEach(item -> seen.add(((JsonObject) item).getString("id")));
        sizes.add(items.size());
        cursor = page.bodyAsJsonObject().getString("nextCursor");
      } while (cursor != null && sizes.size() < 10);
      assertThat(sizes).as(path).containsExactly(2, 2, 1);
      assertThat(seen).as(path).containsExactlyElementsOf(newestFirst);
    }
    // Without a limit, one page holds them all.
    JsonObject all = call(HttpMethod.GET, "/auth/api-keys", company.token(), null).bodyAsJsonObject();
    assertThat(all.getJsonArray("items")).hasSize(5);
    assertThat(all.getString("nextCursor")).isNull();

    for (String query : List.of("cursor=nope", "cursor=" + "x".repeat(36), "limit=0", "limit=abc", "limit=100000")) {
      assertProblem(call(HttpMethod.GET, "/auth/api-keys?" + query, company.token(), null), 400, "validation");
    }
  }

  /** The outbox rows of {@code type} whose data names {@code accountId}, oldest first. */
  static List<JsonObject> events(String type, String accountId) {
    return app.db.column("SELECT row_to_json(o)::text FROM auth.outbox o WHERE type = '" + type
        + "' AND data->>'accountId' = '" + accountId + "' ORDER BY seq").stream().map(JsonObject::new).toList();
  }

  /** The item of {@code id} in the key listing at {@code path}. */
  static JsonObject listed(String token, String path, String id) {
    HttpResponse<Buffer> list = call(HttpMethod.GET, path, token, null);
    assertThat(list.statusCode()).as(list.bodyAsString()).isEqualTo(200);
    JsonArray items = list.bodyAsJsonObject().getJsonArray("items");
    for (int i = 0; i < items.size(); i++) {
      if (id.equals(items.getJsonObject(i).getString("id"))) {
        return items.getJsonObject(i);
      }
    }
    throw new AssertionError("key " + id + " not listed in " + items);
  }
}
