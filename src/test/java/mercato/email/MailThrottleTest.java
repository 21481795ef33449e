package mercato.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import mercato.auth.AuthDomain;
import mercato.profile.ProfileDomain;
import mercato.testing.Await;
import mercato.testing.GreenMailApi;
import mercato.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An inbox cannot be bombed through Mercato: every mail a request makes auth send counts
 * against the address (3 per 15 minutes here, the shipped default), and a request over the
 * limit answers exactly as one under it, so the throttle reveals nothing either.
 */
class MailThrottleTest {
  static final String PASSWORD = "correct horse battery staple";
  static final Duration MAIL_WAIT = Duration.ofSeconds(20);

  static TestNode app;

  @BeforeAll
  static void start() {
    app = TestNode.of(AuthDomain.domain(), ProfileDomain.domain(), EmailDomain.domain())
        .requiring("postgres", "redis", "smtp").withKeys().quickAuth()
        .set("http.contract", "openapi.yaml").set("email.sweepMs", "100")
        .start();
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  private static String address(String who) {
    return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  /** Mails auth asked for that are not sent yet: none left means the inbox count is final. */
  private static void nothingPendingFor(String address) {
    Await.until("no mail pending for " + address, MAIL_WAIT, () -> app.db.count(
        "SELECT count(*) FROM email.email WHERE '" + address + "' = ANY(recipients) AND status <> 'sent'") == 0
        && app.db.count("SELECT count(*) FROM auth.outbox_delivery WHERE subscriber = 'email' AND status = 'pending'") == 0);
  }

  @Test
  void resendingTheVerificationMailStopsAtThreeMailsAndAnswersTheSame() {
    String email = address("bombed");
    HttpResponse<Buffer> registered = app.api.post("/auth/register", null,
        new JsonObject().put("email", email).put("password", PASSWORD));
    assertThat(registered.statusCode()).as(registered.bodyAsString()).isEqualTo(201);
    String token = app.api.post("/auth/login", null, new JsonObject().put("email", email).put("password", PASSWORD))
        .bodyAsJsonObject().getString("accessToken");

    List<String> answers = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      HttpResponse<Buffer> resend = app.api.post("/auth/verify-email/resend", token, null);
      assertThat(resend.statusCode()).as(resend.bodyAsString()).isEqualTo(202);
      answers.add(resend.bodyAsString());
    }
    assertThat(answers).containsOnly(answers.get(0));

    GreenMailApi.await(email, 3, MAIL_WAIT);
    nothingPendingFor(email);
    assertThat(GreenMailApi.inbox(email)).hasSize(3)
        .allSatisfy(mail -> assertThat(mail.subject()).isEqualTo("Confirm your email address for Mercato"));
  }

  @Test
  void resetRequestsShareTheLimitAndLookTheSameForKnownUnknownAndThrottledAddresses() {
    String known = address("reset");
    assertThat(app.api.post("/auth/register", null, new JsonObject().put("email", known).put("password", PASSWORD))
        .statusCode()).isEqualTo(201);
    String unknown = address("nobody");

    List<String> answers = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      for (String email : List.of(known, unknown)) {
        HttpResponse<Buffer> answer = app.api.post("/profile/password-reset-request", null,
            new JsonObject().put("email", email));
        assertThat(answer.statusCode()).isEqualTo(202);
        answers.add(answer.bodyAsString());
      }
    }
    assertThat(answers).containsOnly(answers.get(0));

    // The verification mail of the registration, then two reset mails: three in all.
    List<GreenMailApi.Mail> mails = GreenMailApi.await(known, 3, MAIL_WAIT);
    nothingPendingFor(known);
    assertThat(GreenMailApi.inbox(known)).hasSize(3);
    assertThat(mails.stream().filter(mail -> mail.subject().equals("Reset your Mercato password")).count()).isEqualTo(2);
    assertThat(GreenMailApi.inbox(unknown)).isEmpty();
  }
}
