package mercato.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import mercato.Node;
import mercato.notification.api.NotificationEvents;
import mercato.platform.domain.Domain;
import mercato.testing.HttpClient;
import mercato.testing.TestDatabase;
import mercato.testing.TestNode;
import mercato.testing.TestTokens;

/**
 * A node running the edge and the notification domain on a fresh database, with the
 * email domain declared (so email-requested events get an {@code email} delivery) but not
 * deployed, and helpers for calling it as an admin or a customer.
 */
final class NotificationNode implements AutoCloseable {
  final TestNode app;
  final TestDatabase db;
  final TestTokens tokens;
  final Node node;
  final HttpClient http;
  final String admin;

  private NotificationNode(TestNode app) {
    this.app = app;
    this.db = app.db;
    this.tokens = app.tokens;
    this.node = app.node;
    this.http = app.api.http();
    this.admin = tokens.issue(UUID.randomUUID().toString(), "admin", List.of());
  }

  static NotificationNode start(Map<String, String> overrides) {
    TestNode.Builder builder = TestNode.of(NotificationDomain.domain(), emailStandIn()).withKeys()
        .set("roles", "http,notification")
        .set("http.contract", "openapi.yaml")
        .set("notification.sweepMs", "100")
        .set("notification.webhooks.timeoutMs", "2000")
        .set("notification.webhooks.backoffBaseMs", "50")
        .set("notification.webhooks.backoffMaxMs", "200");
    overrides.forEach(builder::set);
    return new NotificationNode(builder.start());
  }

  /** The email domain as the relay sees it: a subscriber of email-requested, not running here. */
  static Domain emailStandIn() {
    return new Domain("email", true, List.of(), List.of(NotificationEvents.EMAIL_REQUESTED), List.of(),
        ctx -> {
          throw new IllegalStateException("the email stand-in is never deployed");
        });
  }

  String customer() {
    return tokens.issue(UUID.randomUUID().toString(), "customer", List.of());
  }

  /** The account id (the token's subject) of a token issued here. */
  static String subjectOf(String token) {
    String payload = token.split("\\.")[1];
    return new JsonObject(new String(java.util.Base64.getUrlDecoder().decode(payload))).getString("sub");
  }

  HttpResponse<Buffer> post(String uri, String token, JsonObject body) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json");
    if (token != null) {
      headers.add("Authorization", "Bearer " + token);
    }
    return http.send(HttpMethod.POST, uri, headers, body.toBuffer());
  }

  HttpResponse<Buffer> get(String uri, String token) {
    return token == null ? http.get(uri) : http.get(uri, token);
  }

  /** An admin notifies {@code account}; asserts 202 and returns the answer. */
  JsonObject notify(String account, String topic, String title, JsonObject extra) {
    JsonObject body = new JsonObject().put("accountId", account).put("topic", topic).put("title", title)
        .put("body", "About " + title + ".");
    if (extra != null) {
      body.mergeIn(extra);
    }
    HttpResponse<Buffer> response = post("/notification/send", admin, body);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(202);
    return response.bodyAsJsonObject();
  }

  HttpResponse<Buffer> subscribe(String token, JsonObject body) {
    return post("/notification/subscribe", token, body);
  }

  JsonObject list(String token, String query) {
    HttpResponse<Buffer> response = get("/notifications" + query, token);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  /** Asserts a problem answer with one error at {@code pointer} (null: no pointer check). */
  static JsonObject problem(HttpResponse<Buffer> response, int status, String slug, String pointer) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("type")).isEqualTo("/problems/" + slug);
    if (pointer != null) {
      assertThat(body.getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("pointer")).toList())
          .as(body.encode()).contains(pointer);
    }
    return body;
  }

  @Override
  public void close() {
    app.close();
  }
}
