package mercato.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import mercato.auth.AuthDomain;
import mercato.notification.NotificationDomain;
import mercato.profile.ProfileDomain;
import mercato.testing.Await;
import mercato.testing.Services;
import mercato.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a revoked token loses, and how fast: a live notification stream ends on logout, and
 * a role taken from an account stops granting its permissions within seconds, not at the
 * token's expiry.
 */
class TokenRevocationTest {
  static final String PASSWORD = "correct horse battery staple";
  static final Duration SECONDS = Duration.ofSeconds(5);

  static TestNode app;
  static Vertx vertx;

  @BeforeAll
  static void start() {
    app = TestNode.of(AuthDomain.domain(), ProfileDomain.domain(), NotificationDomain.domain())
        .withKeys().quickAuth().set("http.contract", "openapi.yaml")
        // the sign-in bucket is the loopback address's, shared with the classes before this one
        .set("http.rateLimits.auth.capacity", "1000").set("http.rateLimits.auth.refillPerSecond", "1000")
        .start();
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    if (vertx != null) {
      Await.result(vertx.close());
    }
    if (app != null) {
      app.close();
    }
  }

  /** Registers an account; answers its id. */
  private static String register(String email) {
    HttpResponse<Buffer> created = app.api.post("/auth/register", null,
        new JsonObject().put("email", email).put("password", PASSWORD));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject().getString("id");
  }

  private static JsonObject login(String email) {
    HttpResponse<Buffer> login = app.api.post("/auth/login", null,
        new JsonObject().put("email", email).put("password", PASSWORD));
    assertThat(login.statusCode()).as(login.bodyAsString()).isEqualTo(200);
    return login.bodyAsJsonObject();
  }

  private static String email() {
    return "revoked-" + UUID.randomUUID() + "@example.com";
  }

  @Test
  void logoutEndsTheTokensLiveNotificationStream() {
    String email = email();
    register(email);
    String token = login(email).getString("accessToken");
    StringBuffer frames = new StringBuffer();
    Promise<Void> ended = Promise.promise();
    io.vertx.core.http.HttpClient client = vertx.createHttpClient();
    try {
      HttpClientResponse stream = Await.result(client.request(new RequestOptions().setMethod(HttpMethod.GET)
              .setHost(Services.HOST).setPort(app.node.httpPort()).setURI("/notifications/stream")
              .putHeader("Authorization", "Bearer " + token))
          .compose(request -> request.send())
          .map(response -> {
            response.handler(buffer -> frames.append(buffer.toString(StandardCharsets.UTF_8)));
            response.endHandler(v -> ended.tryComplete());
            response.exceptionHandler(ended::tryFail);
            return response;
          }));
      assertThat(stream.statusCode()).isEqualTo(200);
      Await.until("the stream is open", SECONDS, () -> frames.toString().contains(": connected"));

      HttpResponse<Buffer> logout = app.api.post("/auth/logout", token, null);
      assertThat(logout.statusCode()).as(logout.bodyAsString()).isBetween(200, 204);
      // The edge that served the logout refuses the token before it answers: the very next
      // request is refused, with no wait for the denial's publish.
      assertThat(app.api.get("/notifications", token).statusCode()).as("the request right after logout").isEqualTo(401);

      Await.result(ended.future().timeout(SECONDS.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
      assertThat(frames.toString()).endsWith(": token revoked\n\n");
      HttpResponse<Buffer> again = app.api.get("/notifications/stream", token);
      assertThat(again.statusCode()).isEqualTo(401);
      assertThat(again.getHeader("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
    } finally {
      Await.result(client.close());
    }
  }

  @Test
  void aRoleTakenAwayStopsGrantingItsPermissionsWithinSeconds() {
    String admin = app.tokens.issue(UUID.randomUUID().toString(), "admin", List.of());
    String someone = register(email());
    String email = email();
    String agent = register(email);
    assertThat(app.api.put("/admin/accounts/" + agent + "/roles/support", admin, null).statusCode()).isEqualTo(204);
    JsonObject session = login(email);
    String token = session.getString("accessToken");
    assertThat(app.api.get("/profile/" + someone, token).statusCode()).isIn(200, 404);

    assertThat(app.api.delete("/admin/accounts/" + agent + "/roles/support", admin).statusCode()).isEqualTo(204);

    Await.until("the token that carried the role is refused", SECONDS,
        () -> app.api.get("/profile/" + someone, token).statusCode() == 401);
    HttpResponse<Buffer> refreshed = app.api.post("/auth/refresh-token", null,
        new JsonObject().put("refreshToken", session.getString("refreshToken")));
    assertThat(refreshed.statusCode()).as(refreshed.bodyAsString()).isEqualTo(200);
    HttpResponse<Buffer> now = app.api.get("/profile/" + someone, refreshed.bodyAsJsonObject().getString("accessToken"));
    assertThat(now.statusCode()).as(now.bodyAsString()).isEqualTo(403);
  }
}
