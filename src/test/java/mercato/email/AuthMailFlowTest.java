package mercato.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mercato.Node;
import mercato.auth.AuthDomain;
import mercato.profile.ProfileDomain;
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
 * The whole road from the auth domain's events to a mailbox: register -> outbox -> relay ->
 * email inbox -> queue -> SMTP; the mailed token verifies the address, which mails the
 * welcome; a reset request mails a reset link.
 */
class AuthMailFlowTest {
  static final Duration MAIL_WAIT = Duration.ofSeconds(20);
  static final Pattern TOKEN = Pattern.compile("https://shop\\.example/(verify-email|reset-password)\\?token=(\\S+)");

  static TestNode app;
  static TestDatabase db;
  static TestTokens keys;
  static Node node;
  static HttpClient http;

  @BeforeAll
  static void start() {
    app = TestNode.of(AuthDomain.domain(), ProfileDomain.domain(), EmailDomain.domain()).withKeys()
        .requiring("postgres", "redis", "smtp")
        .set(Map.of("http.contract", "openapi.yaml", "auth.password.memoryKib", "8192", "auth.password.iterations", "1",
            "email.sweepMs", "100", "email.linkBase", "https://shop.example"))
        .start();
    db = app.db;
    keys = app.tokens;
    node = app.node;
    http = app.http();
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  static String token(Mail mail, String page) {
    Matcher link = TOKEN.matcher(mail.text());
    assertThat(link.find()).as(mail.text()).isTrue();
    assertThat(link.group(1)).isEqualTo(page);
    return URLDecoder.decode(link.group(2), StandardCharsets.UTF_8);
  }

  static void status(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
  }

  @Test
  void registeringMailsAVerificationLinkWhoseTokenVerifiesAndThenWelcomes() {
    String email = "flow-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    status(http.postJson("/auth/register", new JsonObject().put("email", email)
        .put("password", "correct horse battery staple").put("name", "Flo")), 201);

    Mail verification = GreenMailApi.await(email, 1, MAIL_WAIT).get(0);
    assertThat(verification.subject()).isEqualTo("Confirm your email address for Mercato");
    assertThat(verification.text()).startsWith("Hello Flo,");
    String token = token(verification, "verify-email");
    status(http.postJson("/auth/verify-email", new JsonObject().put("token", token)), 200);

    List<Mail> mails = GreenMailApi.await(email, 2, MAIL_WAIT);
    assertThat(mails.get(1).subject()).isEqualTo("Welcome to Mercato, Flo");

    status(http.postJson("/profile/password-reset-request", new JsonObject().put("email", email)), 202);
    Mail reset = GreenMailApi.await(email, 3, MAIL_WAIT).get(2);
    assertThat(reset.subject()).isEqualTo("Reset your Mercato password");
    assertThat(token(reset, "reset-password")).isNotBlank().isNotEqualTo(token);
    assertThat(db.count("SELECT count(*) FROM email.email WHERE source_event_id IS NOT NULL AND status = 'sent'"))
        .isEqualTo(3);
  }
}
