package mercato.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import mercato.testing.PingDomain;
import mercato.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A token signed with a trusted key but carrying claims of the wrong type is 401, never a principal or a 500. */
class TokenClaimsTest {
  static TestNode app;

  @BeforeAll
  static void start() {
    app = TestNode.of(PingDomain.domain()).withKeys().start();
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  private static JsonObject valid() {
    long now = System.currentTimeMillis() / 1000;
    return new JsonObject().put("sub", UUID.randomUUID().toString()).put("typ", "customer")
        .put("roles", new JsonArray()).put("exp", now + 300).put("iat", now).put("nbf", now - 5);
  }

  /** Signed as given: no exp or iat of the library's own over the claims. */
  private static HttpResponse<Buffer> call(JsonObject claims) {
    String token = app.tokens.sign(claims, new JWTOptions().setIssuer("mercato").setAudience(List.of("mercato"))
        .setNoTimestamp(true));
    return app.api.get("/ping/me", token);
  }

  @Test
  void theValidClaimsAreAccepted() {
    assertThat(call(valid()).statusCode()).isEqualTo(200);
  }

  @Test
  void claimsOfTheWrongTypeAreUnauthenticated() {
    long later = System.currentTimeMillis() / 1000 + 300;
    Map<String, Object> wrong = new java.util.LinkedHashMap<>();
    wrong.put("exp", String.valueOf(later));
    wrong.put("nbf", "0");
    wrong.put("iat", "yesterday");
    wrong.put("sub", "not-a-uuid");
    wrong.put("typ", "root");
    wrong.put("roles", new JsonArray().add("admin").add(1));
    wrong.put("email_verified", "yes");
    for (Map.Entry<String, Object> claim : wrong.entrySet()) {
      HttpResponse<Buffer> response = call(valid().put(claim.getKey(), claim.getValue()));
      assertThat(response.statusCode()).as(claim.getKey() + " = " + claim.getValue()).isEqualTo(401);
      assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
      assertThat(response.bodyAsJsonObject().getString("type")).isEqualTo("/problems/unauthenticated");
    }
    assertThat(call(valid().put("roles", "admin")).statusCode()).isEqualTo(401);
    assertThat(call(valid().put("sub", 42)).statusCode()).isEqualTo(401);
  }
}
