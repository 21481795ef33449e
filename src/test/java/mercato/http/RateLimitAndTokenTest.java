package mercato.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mercato.platform.tokens.TokenDenials;
import mercato.testing.Await;
import mercato.testing.HttpClient;
import mercato.testing.PingDomain;
import mercato.testing.Services;
import mercato.testing.TestNode;
import mercato.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Redis token buckets per IP and per principal, and bearer-token verification at the edge. */
class RateLimitAndTokenTest {
  static TestNode app;
  static TestTokens tokens;
  static HttpClient http;
  static Redis redis;
  static RedisAPI redisApi;

  @BeforeAll
  static void start() {
    app = TestNode.of(PingDomain.domain()).withKeys().set("http.trustForwardedFor", "true")
        .yaml("http:\n  rateLimits:\n    tight: { capacity: 3, refillPerSecond: 1 }\n"
            + "    wide: { capacity: 100, refillPerSecond: 1 }\n")
        .start();
    tokens = app.tokens;
    http = app.api.http();
    redis = Redis.createClient(app.node.vertx(), Services.redisUri());
    redisApi = RedisAPI.api(redis);
  }

  @AfterAll
  static void stop() {
    if (redis != null) {
      redis.close();
    }
    if (app != null) {
      app.close();
    }
  }

  private static HttpResponse<Buffer> limited(String ip, String token) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("X-Forwarded-For", ip);
    if (token != null) {
      headers.add("Authorization", "Bearer " + token);
    }
    return http.send(HttpMethod.GET, "/ping/limited", headers, null);
  }

  private static String randomIp() {
    return "10." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250);
  }

  @Test
  void perIpBucketRefusesWithRetryAfter() {
    String ip = randomIp();
    for (int i = 0; i < 3; i++) {
      assertThat(limited(ip, null).statusCode()).isEqualTo(200);
    }
    HttpResponse<Buffer> refused = limited(ip, null);
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(refused.bodyAsJsonObject().getString("type")).isEqualTo("/problems/rate-limited");
    assertThat(Integer.parseInt(refused.getHeader("Retry-After"))).isBetween(1, 2);
    // Another client is not affected, and the default group has its own buckets.
    assertThat(limited(randomIp(), null).statusCode()).isEqualTo(200);
  }

  private static long scriptCalls() {
    String stats = Await.result(redisApi.info(List.of("commandstats"))).toString();
    Matcher calls = Pattern.compile("cmdstat_evalsha:calls=(\\d+)").matcher(stats);
    return calls.find() ? Long.parseLong(calls.group(1)) : 0;
  }

  @Test
  void aBusyClientSpendsLeasedTokensWithoutExceedingItsBucket() {
    String ip = randomIp();
    long before = scriptCalls();
    long started = System.nanoTime();
    // Leases stranded on the edge instances cost at most a twentieth of the bucket each.
    for (int i = 0; i < 80; i++) {
      assertThat(http.send(HttpMethod.GET, "/ping/wide", MultiMap.caseInsensitiveMultiMap().add("X-Forwarded-For", ip), null)
          .statusCode()).as("request %d", i).isEqualTo(200);
    }
    assertThat(scriptCalls() - before).as("Redis calls for 80 requests").isLessThanOrEqualTo(40);
    int admitted = 80;
    for (int i = 0; i < 200; i++) {
      int status = http.send(HttpMethod.GET, "/ping/wide", MultiMap.caseInsensitiveMultiMap().add("X-Forwarded-For", ip), null)
          .statusCode();
      assertThat(status).isIn(200, 429);
      admitted += status == 200 ? 1 : 0;
    }
    long refilled = (System.nanoTime() - started) / 1_000_000_000L + 1;
    assertThat(admitted).as("admitted of a 100-token bucket refilled by %d", refilled).isLessThanOrEqualTo(100 + (int) refilled);
  }

  /** A new customer token the edge has just accepted (so its denial check is fresh). */
  private static String acceptedToken() {
    String token = tokens.issue(UUID.randomUUID().toString(), "customer", List.of());
    assertThat(http.get("/ping/me", token).statusCode()).isEqualTo(200);
    return token;
  }

  private static String jti(String token) {
    return new io.vertx.core.json.JsonObject(new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]),
        java.nio.charset.StandardCharsets.UTF_8)).getString("jti");
  }

  @Test
  void aDenialInRedisIsHonouredWithoutItsBroadcast() {
    String token = acceptedToken();
    String jti = jti(token);
    Await.result(redisApi.set(List.of(TokenDenials.key(jti), "1", "PX", "60000")));
    long deadline = System.currentTimeMillis() + RateLimiter.RECHECK_MS + 2_000;
    int status = 200;
    while (status == 200 && System.currentTimeMillis() < deadline) {
      status = http.get("/ping/me", token).statusCode();
    }
    assertThat(status).as("within the recheck interval").isEqualTo(401);
  }

  @Test
  void aPublishedDenialIsRefusedAtOnce() {
    String token = acceptedToken();
    String jti = jti(token);
    app.node.vertx().eventBus().publish(TokenDenials.ADDRESS, jti);
    long deadline = System.currentTimeMillis() + 200;
    while (System.currentTimeMillis() < deadline && http.get("/ping/me", token).statusCode() == 200) {
      Thread.onSpinWait();
    }
    HttpResponse<Buffer> refused = http.get("/ping/me", token);
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.bodyAsJsonObject().getString("type")).isEqualTo("/problems/unauthenticated");
  }

  @Test
  void perPrincipalBucketFollowsThePrincipalAcrossAddresses() {
    String token = tokens.issue(UUID.randomUUID().toString(), "customer", List.of());
    for (int i = 0; i < 3; i++) {
      assertThat(limited(randomIp(), token).statusCode()).isEqualTo(200);
    }
    HttpResponse<Buffer> refused = limited(randomIp(), token);
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.getHeader("Retry-After")).isNotNull();
    String other = tokens.issue(UUID.randomUUID().toString(), "customer", List.of());
    assertThat(limited(randomIp(), other).statusCode()).isEqualTo(200);
  }

  @Test
  void aValidTokenReachesTheDomainAsThePrincipal() {
    String sub = UUID.randomUUID().toString();
    HttpResponse<Buffer> response = http.get("/ping/me", tokens.issue(sub, "company", List.of("catalog-editor")));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getJsonObject("principal").getString("sub")).isEqualTo(sub);
    assertThat(response.bodyAsJsonObject().getJsonObject("principal").getString("typ")).isEqualTo("company");
  }

  @Test
  void theRouteAccessRuleIsEnforced() {
    String customer = tokens.issue(UUID.randomUUID().toString(), "customer", List.of());
    HttpResponse<Buffer> refused = http.get("/ping/admin", customer);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.bodyAsJsonObject().getString("type")).isEqualTo("/problems/forbidden");
    String admin = tokens.issue(UUID.randomUUID().toString(), "admin", List.of());
    assertThat(http.get("/ping/admin", admin).statusCode()).isEqualTo(200);
  }

  @Test
  void unverifiableTokensAre401() {
    String good = tokens.issue(UUID.randomUUID().toString(), "customer", List.of());
    String[] parts = good.split("\\.");
    String altered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
    String expired = tokens.sign(new io.vertx.core.json.JsonObject().put("sub", "x").put("typ", "customer"), -60);
    String noExpiry = tokens.sign(new io.vertx.core.json.JsonObject().put("sub", "x").put("typ", "customer"), 0);
    String unknownType = tokens.sign(new io.vertx.core.json.JsonObject().put("sub", "x").put("typ", "robot"), 60);
    try (TestTokens stranger = new TestTokens("k-stranger")) {
      String foreign = stranger.issue("x", "customer", List.of());
      for (String bad : List.of(altered, expired, noExpiry, unknownType, foreign, "a.b.c")) {
        HttpResponse<Buffer> response = http.get("/ping/me", bad);
        assertThat(response.statusCode()).as(bad).isEqualTo(401);
        assertThat(response.bodyAsJsonObject().getString("type")).isEqualTo("/problems/unauthenticated");
      }
    }
  }
}
