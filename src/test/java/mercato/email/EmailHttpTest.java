package mercato.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Pool;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import mercato.Node;
import mercato.platform.config.MercatoConfig;
import mercato.platform.db.Databases;
import mercato.testing.Await;
import mercato.testing.GreenMailApi.Mail;
import mercato.testing.GreenMailApi;
import mercato.testing.HttpClient;
import mercato.testing.TestDatabase;
import mercato.testing.TestNode;
import mercato.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The email routes through the whole node (edge, contract, bus, Postgres) with delivery to
 * the real SMTP sink: templated and direct mails, escaping, access, validation, templates,
 * locale fallback, the log and idempotency.
 */
class EmailHttpTest {
  static final Duration MAIL_WAIT = Duration.ofSeconds(15);

  static TestNode app;
  static TestDatabase db;
  static TestTokens tokens;
  static MercatoConfig config;
  static Node node;
  static HttpClient http;
  static String admin;
  static String customer;

  @BeforeAll
  static void start() {
    app = TestNode.of(EmailDomain.domain()).withKeys().requiring("postgres", "redis", "smtp")
        .set(Map.of("http.contract", "openapi.yaml", "email.sweepMs", "100", "email.backoffBaseMs", "50",
            "email.backoffMaxMs", "200", "email.linkBase", "https://shop.example/"))
        .start();
    db = app.db;
    tokens = app.tokens;
    config = app.config;
    node = app.node;
    http = app.http();
    admin = tokens.issue(UUID.randomUUID().toString(), "admin", List.of());
    customer = tokens.issue(UUID.randomUUID().toString(), "customer", List.of());
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  static String recipient(String tag) {
    return tag + "-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
  }

  static HttpResponse<Buffer> post(String path, String token, JsonObject body) {
    return post(path, token, body, null);
  }

  static HttpResponse<Buffer> post(String path, String token, JsonObject body, String idempotencyKey) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json");
    if (token != null) {
      headers.add("Authorization", "Bearer " + token);
    }
    if (idempotencyKey != null) {
      headers.add("Idempotency-Key", idempotencyKey);
    }
    return http.send(HttpMethod.POST, path, headers, body.toBuffer());
  }

  static JsonObject json(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    return response.bodyAsJsonObject();
  }

  static JsonObject problem(HttpResponse<Buffer> response, int status, String slug) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("type")).isEqualTo("/problems/" + slug);
    return body;
  }

  static List<String> pointers(JsonObject problem) {
    return problem.getJsonArray("errors", new JsonArray()).stream()
        .map(e -> ((JsonObject) e).getString("pointer")).toList();
  }

  static JsonObject log(String query) {
    return json(http.get("/emails" + query, admin), 200);
  }

  static JsonObject entry(String to) {
    JsonArray items = log("?to=" + URLEncoder.encode(to, StandardCharsets.UTF_8)).getJsonArray("items");
    assertThat(items).hasSize(1);
    return items.getJsonObject(0);
  }

  static void awaitStatus(String to, String status) {
    Await.until(to + " is " + status, MAIL_WAIT, () -> status.equals(entry(to).getString("status")));
  }

  static long queuedFor(String to) {
    return db.count("SELECT count(*) FROM email.email WHERE '" + to + "' = ANY(recipients)");
  }

  @Test
  void anAdminSendsATemplatedMailThatArrivesRenderedWithVariablesEscapedInHtml() {
    String to = recipient("welcome");
    String name = "<script>alert('x')</script> & Co";
    JsonObject queued = json(post("/email/send", admin, new JsonObject().put("to", to).put("template", "welcome")
        .put("variables", new JsonObject().put("name", name).put("email", to).put("link", "https://shop.example/"))), 202);
    assertThat(queued.getString("status")).isEqualTo("queued");
    assertThat(UUID.fromString(queued.getString("id")).version()).isEqualTo(7);

    Mail mail = GreenMailApi.await(to, 1, MAIL_WAIT).get(0);
    assertThat(mail.subject()).isEqualTo("Welcome to Mercato, " + name);
    assertThat(mail.html()).contains("Hello &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co,")
        .doesNotContain("<script>");
    assertThat(mail.text()).contains("Hello " + name + ",").contains("Your address " + to + " is confirmed");
    assertThat(mail.to()).containsExactly(to);
    assertThat(mail.messageId()).isEqualTo("<" + queued.getString("id") + "@mercato.local>");

    awaitStatus(to, "sent");
    JsonObject entry = entry(to);
    assertThat(entry.getString("id")).isEqualTo(queued.getString("id"));
    assertThat(entry.getString("template")).isEqualTo("welcome");
    assertThat(entry.getString("locale")).isEqualTo("en");
    assertThat(entry.getInteger("attempts")).isEqualTo(1);
    assertThat(entry.getString("sentAt")).isNotNull();
    assertThat(entry.getValue("lastError")).isNull();
    assertThat(entry.containsKey("html")).isFalse();
    // Bodies are dropped once sent: they may hold single-use tokens.
    assertThat(db.column("SELECT coalesce(html, text, 'gone') FROM email.email WHERE id = '" + queued.getString("id") + "'"))
        .containsExactly("gone");
  }

  @Test
  void aDirectMailToSeveralRecipientsThroughTheAlias() {
    String first = recipient("direct-a");
    String second = recipient("direct-b");
    JsonObject queued = json(post("/emails", admin, new JsonObject().put("to", new JsonArray().add(first).add(second)
        .add(first.toUpperCase())).put("subject", "Line one\r\nBcc: evil@example.com").put("text", "Plain <b>text</b>")
        .put("html", "<p>Some <b>HTML</b></p>")), 202);
    Mail mail = GreenMailApi.await(first, 1, MAIL_WAIT).get(0);
    assertThat(GreenMailApi.await(second, 1, MAIL_WAIT)).hasSize(1);
    assertThat(mail.subject()).isEqualTo("Line one Bcc: evil@example.com");
    assertThat(mail.header("Bcc")).isNull();
    assertThat(mail.text()).contains("Plain <b>text</b>");
    assertThat(mail.html()).contains("<p>Some <b>HTML</b></p>");
    assertThat(mail.to()).containsExactly(first, second);
    awaitStatus(first, "sent");
    assertThat(entry(second).getString("id")).isEqualTo(queued.getString("id"));
  }

  @Test
  void onlyAdminsMayUseTheEmailRoutes() {
    JsonObject mail = new JsonObject().put("to", recipient("nobody")).put("subject", "s").put("text", "t");
    JsonObject template = new JsonObject().put("name", "x").put("subject", "s").put("text", "t");
    problem(post("/email/send", customer, mail), 403, "forbidden");
    problem(post("/emails", customer, mail), 403, "forbidden");
    problem(http.get("/emails", customer), 403, "forbidden");
    problem(post("/email/template", customer, template), 403, "forbidden");
    problem(post("/email/send", null, mail), 401, "unauthenticated");
    problem(http.get("/emails"), 401, "unauthenticated");
    problem(post("/email/template", null, template), 401, "unauthenticated");
    assertThat(queuedFor(mail.getString("to"))).isZero();
  }

  @Test
  void badInputIs400WithPointersAndQueuesNothing() {
    String to = recipient("invalid");
    JsonObject missing = problem(post("/email/send", admin, new JsonObject().put("subject", "s").put("text", "t")),
        400, "validation");
    // The contract catches it, pointing at the missing property.
    assertThat(pointers(missing)).containsExactly("/to");

    assertThat(pointers(problem(post("/email/send", admin, new JsonObject().put("to", "not-an-address")
        .put("subject", "s").put("text", "t")), 400, "validation"))).containsExactly("/to");
    assertThat(pointers(problem(post("/email/send", admin, new JsonObject().put("to", new JsonArray().add(to)
        .add("bob@")).put("subject", "s").put("text", "t")), 400, "validation"))).containsExactly("/to/1");
    assertThat(pointers(problem(post("/email/send", admin, new JsonObject().put("to", to)
        .put("template", "no-such-template")), 400, "validation"))).containsExactly("/template");
    assertThat(pointers(problem(post("/email/send", admin, new JsonObject().put("to", to)), 400, "validation")))
        .containsExactly("/subject", "/text");
    assertThat(pointers(problem(post("/email/send", admin, new JsonObject().put("to", to).put("subject", "s")),
        400, "validation"))).containsExactly("/text");
    assertThat(pointers(problem(post("/email/send", admin, new JsonObject().put("to", to).put("template", "welcome")
        .put("subject", "s")), 400, "validation"))).containsExactly("/subject");
    assertThat(pointers(problem(post("/email/send", admin, new JsonObject().put("to", to).put("subject", "s")
        .put("text", "t").put("bcc", "x@example.com")), 400, "validation"))).isNotEmpty();
    assertThat(pointers(problem(post("/email/send", admin, new JsonObject().put("to", to).put("subject", "s")
        .put("text", "x".repeat(MailRequest.MAX_BODY + 1))), 400, "validation"))).containsExactly("/text");
    JsonArray many = new JsonArray();
    for (int i = 0; i <= MailRequest.MAX_RECIPIENTS; i++) {
      many.add("r" + i + "-" + to);
    }
    assertThat(pointers(problem(post("/email/send", admin, new JsonObject().put("to", many).put("subject", "s")
        .put("text", "t")), 400, "validation"))).isNotEmpty();

    assertThat(queuedFor(to)).isZero();
  }

  @Test
  void aSavedTemplateIsUsedByTheNextMail() {
    String name = "promo-" + UUID.randomUUID().toString().substring(0, 8);
    JsonObject created = json(post("/email/template", admin, new JsonObject().put("name", name)
        .put("subject", "Offer for {{name}}").put("html", "<p>v1 for {{name}}</p>").put("text", "v1 for {{name}}")), 201);
    assertThat(created.getString("locale")).isEqualTo("en");
    assertThat(created.getBoolean("edited")).isTrue();

    String first = recipient("promo1");
    json(post("/email/send", admin, new JsonObject().put("to", first).put("template", name)
        .put("variables", new JsonObject().put("name", "Ann"))), 202);
    Mail v1 = GreenMailApi.await(first, 1, MAIL_WAIT).get(0);
    assertThat(v1.subject()).isEqualTo("Offer for Ann");
    assertThat(v1.html()).contains("<p>v1 for Ann</p>");

    JsonObject updated = json(post("/email/template", admin, new JsonObject().put("name", name).put("locale", "en")
        .put("subject", "New offer for {{name}}").put("text", "v2 for {{name}}")), 200);
    assertThat(updated.getValue("html")).isNull();
    String second = recipient("promo2");
    json(post("/email/send", admin, new JsonObject().put("to", second).put("template", name)
        .put("variables", new JsonObject().put("name", "Bob"))), 202);
    Mail v2 = GreenMailApi.await(second, 1, MAIL_WAIT).get(0);
    assertThat(v2.subject()).isEqualTo("New offer for Bob");
    assertThat(v2.text()).contains("v2 for Bob");
    assertThat(v2.html()).isNull();

    assertThat(pointers(problem(post("/email/template", admin, new JsonObject().put("name", name)
        .put("subject", "ok").put("html", "{{#open}} never closed")), 400, "validation"))).containsExactly("/html");
    assertThat(pointers(problem(post("/email/template", admin, new JsonObject().put("name", name)
        .put("subject", "ok").put("text", "{{> /etc/passwd}}")), 400, "validation"))).containsExactly("/text");
    assertThat(pointers(problem(post("/email/template", admin, new JsonObject().put("name", name)
        .put("subject", "no body")), 400, "validation"))).containsExactly("/text");
    assertThat(pointers(problem(post("/email/template", admin, new JsonObject().put("name", "Bad Name")
        .put("subject", "s").put("text", "t")), 400, "validation"))).containsExactly("/name");
  }

  @Test
  void aTemplateMissingInTheAskedLocaleFallsBackToTheLanguageThenTheDefault() {
    String swiss = recipient("swiss");
    json(post("/email/send", admin, new JsonObject().put("to", swiss).put("template", "welcome").put("locale", "de-CH")
        .put("variables", new JsonObject().put("name", "Ueli").put("email", swiss))), 202);
    assertThat(GreenMailApi.await(swiss, 1, MAIL_WAIT).get(0).subject()).isEqualTo("Willkommen bei Mercato, Ueli");
    assertThat(entry(swiss).getString("locale")).isEqualTo("de");

    String french = recipient("french");
    json(post("/email/send", admin, new JsonObject().put("to", french).put("template", "welcome").put("locale", "fr")
        .put("variables", new JsonObject().put("name", "Amélie"))), 202);
    assertThat(GreenMailApi.await(french, 1, MAIL_WAIT).get(0).subject()).isEqualTo("Welcome to Mercato, Amélie");
    assertThat(entry(french).getString("locale")).isEqualTo("en");
  }

  @Test
  void theLogListsNewestFirstWithFiltersAndCursorPages() {
    String to = recipient("log");
    List<String> ids = new java.util.ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      ids.add(json(post("/email/send", admin, new JsonObject().put("to", to).put("subject", "Log " + i)
          .put("text", "n" + i)), 202).getString("id"));
    }
    String filter = "?to=" + URLEncoder.encode(to.toUpperCase(), StandardCharsets.UTF_8);
    Await.until("all three are sent", MAIL_WAIT,
        () -> log(filter + "&status=sent").getJsonArray("items").size() == 3);

    JsonObject page1 = log(filter + "&limit=2");
    assertThat(page1.getJsonArray("items").stream().map(e -> ((JsonObject) e).getString("id")))
        .containsExactly(ids.get(2), ids.get(1));
    assertThat(page1.getJsonArray("items").getJsonObject(0).getString("subject")).isEqualTo("Log 3");
    String cursor = page1.getString("nextCursor");
    assertThat(cursor).isNotBlank();
    JsonObject page2 = log(filter + "&limit=2&cursor=" + cursor);
    assertThat(page2.getJsonArray("items").stream().map(e -> ((JsonObject) e).getString("id")))
        .containsExactly(ids.get(0));
    assertThat(page2.getValue("nextCursor")).isNull();

    assertThat(log(filter + "&status=failed").getJsonArray("items")).isEmpty();
    assertThat(log("?status=sent&limit=1").getJsonArray("items")).hasSize(1);
    assertThat(pointers(problem(http.get("/emails?limit=100000", admin), 400, "validation"))).containsExactly("/limit");
    assertThat(pointers(problem(http.get("/emails?cursor=garbage", admin), 400, "validation"))).containsExactly("/cursor");
    assertThat(pointers(problem(http.get("/emails?status=lost", admin), 400, "validation"))).isNotEmpty();
  }

  @Test
  void anIdempotencyKeyQueuesOneMailAndRefusesADifferentOne() {
    String to = recipient("idem");
    String key = UUID.randomUUID().toString();
    JsonObject body = new JsonObject().put("to", to).put("subject", "Once").put("text", "only once");
    JsonObject first = json(post("/email/send", admin, body, key), 202);
    JsonObject again = json(post("/email/send", admin, body, key), 202);
    assertThat(again.getString("id")).isEqualTo(first.getString("id"));
    problem(post("/email/send", admin, body.copy().put("text", "something else"), key), 409, "idempotency-key-reused");
    assertThat(GreenMailApi.await(to, 1, MAIL_WAIT)).hasSize(1);
    assertThat(queuedFor(to)).isEqualTo(1);
  }

  @Test
  void startingAgainNeverOverwritesAnEditedTemplateButRefreshesShippedOnes() {
    json(post("/email/template", admin, new JsonObject().put("name", "refund").put("locale", "en")
        .put("subject", "Our own refund wording {{orderId}}").put("text", "edited by an admin")), 200);
    db.execute("UPDATE email.template SET subject = 'an older release' WHERE name = 'shipment' AND locale = 'en'");

    Pool pool = Databases.pool(node.vertx(), config.db(), "email", 1);
    try {
      Await.result(new TemplateRepository().seed(pool, DefaultTemplates.load()));
    } finally {
      pool.close();
    }
    assertThat(db.column("SELECT subject FROM email.template WHERE name = 'refund' AND locale = 'en'"))
        .containsExactly("Our own refund wording {{orderId}}");
    assertThat(db.column("SELECT subject FROM email.template WHERE name = 'shipment' AND locale = 'en'"))
        .containsExactly("Your Mercato order {{orderId}} is on its way");
    assertThat(db.count("SELECT count(DISTINCT name) FROM email.template WHERE name IN "
        + "('verify-email', 'password-reset', 'welcome', 'order-confirmation', 'shipment', 'refund') AND locale = 'en'"))
        .isEqualTo(6);
  }
}
