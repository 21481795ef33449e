package mercato.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mercato.profile.ProfileDomain;
import mercato.testing.Api;
import mercato.testing.TestNode;
import mercato.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Forged and misused access tokens all get 401; a key kept listed after rotation still
 * verifies the tokens it signed, and the new first key signs.
 */
class TokenAttacksTest {
  static final String PASSWORD = "correct horse battery staple";
  static TestNode app;
  static TestTokens current;
  static TestTokens retired;
  static Api api;
  static JsonObject account;

  @BeforeAll
  static void start() {
    current = new TestTokens("new-" + UUID.randomUUID().toString().substring(0, 6));
    retired = new TestTokens("old-" + UUID.randomUUID().toString().substring(0, 6));
    // Rotation: the new key first (it signs), the old one still listed (public key only).
    String yaml = current.yaml() + "    - kid: " + retired.kid() + "\n      publicKey: " + retired.publicKeyFile() + "\n";
    app = TestNode.of(AuthDomain.domain(), ProfileDomain.domain()).quickAuth().set("http.contract", "openapi.yaml")
        .yaml(yaml).start();
    api = app.api;
    String email = "victim-" + UUID.randomUUID() + "@example.com";
    account = api.post("/auth/register", null, new JsonObject().put("email", email).put("password", PASSWORD)).bodyAsJsonObject();
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
    current.close();
    retired.close();
  }

  private JsonObject claims() {
    return new JsonObject().put("sub", account.getString("id")).put("typ", "customer").put("roles", new JsonArray())
        .put("sid", UUID.randomUUID().toString());
  }

  private static String b64(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static void refused(String what, String token) {
    HttpResponse<Buffer> response = api.get("/profile/me", token);
    assertThat(response.statusCode()).as(what).isEqualTo(401);
    assertThat(response.bodyAsJsonObject().getString("type")).as(what).isEqualTo("/problems/unauthenticated");
  }

  @Test
  void aWellFormedTokenIsAcceptedSoTheRefusalsBelowMeanSomething() {
    assertThat(api.get("/profile/me", current.sign(claims(), 300)).statusCode()).isEqualTo(200);
  }

  @Test
  void algNoneIsRefused() {
    long exp = System.currentTimeMillis() / 1000 + 300;
    String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"" + current.kid() + "\"}");
    String payload = b64(claims().put("exp", exp).put("iss", "mercato").put("aud", "mercato").encode());
    refused("alg none", header + "." + payload + ".");
    refused("alg none without the dot", header + "." + payload);
  }

  @Test
  void hs256SignedWithThePublicKeyIsRefused() throws Exception {
    long exp = System.currentTimeMillis() / 1000 + 300;
    String header = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + current.kid() + "\"}");
    String payload = b64(claims().put("exp", exp).put("iss", "mercato").put("aud", "mercato").encode());
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(Files.readAllBytes(current.publicKeyFile()), "HmacSHA256"));
    String signature = Base64.getUrlEncoder().withoutPadding()
        .encodeToString(mac.doFinal((header + "." + payload).getBytes(StandardCharsets.UTF_8)));
    refused("HS256 keyed with the public key", header + "." + payload + "." + signature);
  }

  @Test
  void anUnknownKeyIsRefused() {
    try (TestTokens stranger = new TestTokens("unknown-kid")) {
      refused("unknown kid", stranger.sign(claims(), 300));
    }
  }

  @Test
  void timeBoundsAreEnforced() {
    refused("expired", current.sign(claims(), -120));
    long soon = System.currentTimeMillis() / 1000 + 3600;
    refused("not yet valid", current.sign(claims().put("nbf", soon), 7200));
    refused("no expiry", current.sign(claims(), 0));
  }

  @Test
  void issuerAndAudienceMustMatch() {
    refused("wrong issuer", current.sign(claims(), new JWTOptions().setIssuer("someone-else")
        .setAudience(List.of("mercato")).setExpiresInSeconds(300)));
    refused("wrong audience", current.sign(claims(), new JWTOptions().setIssuer("mercato")
        .setAudience(List.of("another-app")).setExpiresInSeconds(300)));
  }

  @Test
  void anAlteredPayloadIsRefused() {
    String token = current.sign(claims(), 300);
    String[] parts = token.split("\\.");
    JsonObject payload = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    payload.put("typ", "admin");
    refused("payload altered to admin", parts[0] + "." + b64(payload.encode()) + "." + parts[2]);
  }

  @Test
  void aRetiredKeyStillListedVerifiesAndTheFirstKeySigns() {
    assertThat(api.get("/profile/me", retired.sign(claims(), 300)).statusCode()).isEqualTo(200);
    String issued = api.post("/auth/login", null, new JsonObject().put("email", account.getString("email"))
        .put("password", PASSWORD)).bodyAsJsonObject().getString("accessToken");
    JsonObject header = new JsonObject(new String(Base64.getUrlDecoder().decode(issued.split("\\.")[0]), StandardCharsets.UTF_8));
    assertThat(header.getString("kid")).isEqualTo(current.kid());
    assertThat(header.getString("alg")).isEqualTo("ES256");
    JsonArray keys = api.get("/.well-known/jwks.json", null).bodyAsJsonObject().getJsonArray("keys");
    assertThat(keys.stream().map(k -> ((JsonObject) k).getString("kid"))).containsExactly(current.kid(), retired.kid());
  }
}
