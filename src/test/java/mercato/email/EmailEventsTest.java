package mercato.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import mercato.Node;
import mercato.platform.events.Event;
import mercato.testing.Await;
import mercato.testing.GreenMailApi.Mail;
import mercato.testing.GreenMailApi;
import mercato.testing.TestDatabase;
import mercato.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Events delivered to {@code mercato.email.inbox} (as the outbox relay delivers them)
 * become mails: the right template, links that carry the token, one mail per event.
 */
class EmailEventsTest {
  static final Duration MAIL_WAIT = Duration.ofSeconds(15);

  static TestDatabase db;
  static TestNode app;
  static Node node;

  @BeforeAll
  static void start() {
    app = TestNode.of(EmailDomain.domain()).roles("email").requiring("postgres", "smtp")
        .set("email.sweepMs", "100").set("email.linkBase", "https://shop.example").start();
    db = app.db;
    node = app.node;
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

  static JsonObject deliver(JsonObject event) {
    return Await.result(node.vertx().eventBus().<JsonObject>request("mercato.email.inbox", event)).body();
  }

  static JsonObject event(String domain, String name, JsonObject data) {
    return Event.of(domain, name, data.getString("accountId"), data).toJson();
  }

  @Test
  void aVerificationRequestIsMailedWithALinkCarryingTheTokenAndOnlyOnce() throws Exception {
    String to = recipient("verify");
    String token = "tok+en/with=odd&chars";
    JsonObject event = event("auth", "verification-requested", new JsonObject().put("accountId", UUID.randomUUID().toString())
        .put("email", to).put("name", "Zoë").put("token", token));
    assertThat(deliver(event).getBoolean("handled")).isTrue();
    assertThat(deliver(event).getBoolean("handled")).isFalse();

    Mail mail = GreenMailApi.await(to, 1, MAIL_WAIT).get(0);
    String link = "https://shop.example/verify-email?token=tok%2Ben%2Fwith%3Dodd%26chars";
    assertThat(mail.subject()).isEqualTo("Confirm your email address for Mercato");
    assertThat(mail.text()).contains("Hello Zoë,").contains(link);
    // HTML-escaped in the attribute ('=' becomes &#61;), which a browser reads back as the same URL.
    assertThat(mail.html()).contains("href=\"" + link.replace("=", "&#61;") + "\"").contains("Zoë");

    String id = event.getString("id");
    Await.until("the mail is sent", MAIL_WAIT,
        () -> db.column("SELECT status FROM email.email WHERE source_event_id = '" + id + "'").equals(List.of("sent")));
    // Nothing pending: the second delivery was answered handled=false, so no mail for this
    // recipient is queued, retrying or being sent (the count below), and the one sent is in the inbox.
    assertThat(db.count("SELECT count(*) FROM email.email WHERE '" + to + "' = ANY(recipients) AND status <> 'sent'"))
        .isZero();
    assertThat(GreenMailApi.inbox(to)).hasSize(1);
    assertThat(db.count("SELECT count(*) FROM email.email WHERE '" + to + "' = ANY(recipients)")).isEqualTo(1);
    assertThat(db.column("SELECT template || '/' || locale FROM email.email WHERE source_event_id = '" + id + "'"))
        .containsExactly("verify-email/en");
  }

  @Test
  void aPasswordResetRequestIsMailedInTheAccountsLocale() {
    String to = recipient("reset");
    deliver(event("auth", "password-reset-requested", new JsonObject().put("accountId", UUID.randomUUID().toString())
        .put("email", to).put("token", "r3s3t").put("expiresAt", "2030-01-01T10:00:00Z").put("locale", "de_DE")));
    Mail mail = GreenMailApi.await(to, 1, MAIL_WAIT).get(0);
    assertThat(mail.subject()).isEqualTo("Setzen Sie Ihr Mercato-Passwort zurück");
    assertThat(mail.text()).contains("https://shop.example/reset-password?token=r3s3t")
        .contains("2030-01-01T10:00:00Z").startsWith("Hallo,");
  }

  @Test
  void aVerifiedAddressGetsTheWelcomeMail() {
    String to = recipient("verified");
    deliver(event("auth", "email-verified", new JsonObject().put("accountId", UUID.randomUUID().toString())
        .put("email", to).put("name", "Sam")));
    Mail mail = GreenMailApi.await(to, 1, MAIL_WAIT).get(0);
    assertThat(mail.subject()).isEqualTo("Welcome to Mercato, Sam");
    assertThat(mail.text()).contains("https://shop.example/");
  }

  @Test
  void aNotificationEmailRequestIsMailedAsItIs() {
    String to = recipient("notify");
    deliver(event("notification", "email-requested", new JsonObject().put("accountId", UUID.randomUUID().toString())
        .put("email", to).put("subject", "Your parcel\nis late").put("text", "Sorry, <it> is late.")
        .put("html", "<p>Sorry, it is <em>late</em>.</p>")));
    Mail mail = GreenMailApi.await(to, 1, MAIL_WAIT).get(0);
    assertThat(mail.subject()).isEqualTo("Your parcel is late");
    assertThat(mail.text()).contains("Sorry, <it> is late.");
    assertThat(mail.html()).contains("<p>Sorry, it is <em>late</em>.</p>");
  }

  @Test
  void anEventThatCannotBeMailedIsRefusedAndQueuesNothing() {
    JsonObject event = event("auth", "verification-requested", new JsonObject()
        .put("accountId", UUID.randomUUID().toString()).put("email", "not an address"));
    assertThatThrownBy(() -> deliver(event))
        .isInstanceOf(ReplyException.class)
        .satisfies(e -> {
          assertThat(((ReplyException) e).failureCode()).isEqualTo(400);
          assertThat(e.getMessage()).contains("/data/email").contains("/data/token");
        });
    assertThat(db.count("SELECT count(*) FROM email.email WHERE source_event_id = '" + event.getString("id") + "'"))
        .isZero();
    assertThat(db.count("SELECT count(*) FROM email.inbox WHERE event_id = '" + event.getString("id") + "'")).isZero();
  }
}
