package mercato.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import mercato.Node;
import mercato.email.api.EmailAddresses;
import mercato.platform.bus.Envelope;
import mercato.testing.Await;
import mercato.testing.Services;
import mercato.testing.TestDatabase;
import mercato.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The promise of docs/domains/email.md: with the SMTP server stopped, a mail is kept and retried, and it is
 * delivered once the server starts again. The node's SMTP port has no server at first; an
 * in-process GreenMail then starts on that very port.
 */
class SmtpOutageTest {
  static TestNode app;
  static TestDatabase db;
  static Node node;
  static int port;

  @BeforeAll
  static void start() {
    port = Services.freePort();
    app = TestNode.of(EmailDomain.domain()).roles("email").requiring("postgres")
        .set(Map.of("email.smtp.port", String.valueOf(port), "email.smtp.connectTimeoutMs", "1000",
            "email.sweepMs", "100", "email.backoffBaseMs", "50", "email.backoffMaxMs", "300", "email.maxAttempts", "1000"))
        .start();
    db = app.db;
    node = app.node;
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  static String row(String id, String columns) {
    return db.column("SELECT " + columns + " FROM email.email WHERE id = '" + id + "'").get(0);
  }

  @Test
  void aBadSettingFailsTheStartAndNamesItsKey() {
    assertThatThrownBy(() -> TestNode.of(EmailDomain.domain()).roles("email").requiring("postgres").on(db)
        .set("email.smtp.tls", "sometimes").start())
        .hasMessageContaining("'email.smtp.tls'");
  }

  @Test
  void aMailQueuedWhileTheServerIsDownIsDeliveredWhenItStarts() {
    String to = "outage-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    // An internal caller: a bus request without a principal.
    JsonObject reply = Await.result(node.vertx().eventBus().<JsonObject>request(EmailAddresses.SEND_EMAIL,
        Envelope.internal(new JsonObject().put("to", to).put("template", "verify-email")
            .put("variables", new JsonObject().put("name", "Ada").put("email", to).put("link", "https://x.example/v")),
            "req-outage"))).body();
    String id = reply.getString("id");
    assertThat(id).isNotNull();

    Await.until("the mail is retrying after failed attempts", Duration.ofSeconds(10),
        () -> row(id, "status || ':' || (attempts >= 2)").equals("retrying:true"));
    assertThat(row(id, "last_error")).contains("Connect");
    assertThat(row(id, "sent_at IS NULL")).isEqualTo("t");

    GreenMail smtp = new GreenMail(new ServerSetup(port, Services.HOST, ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    try {
      Await.until("the mail is sent once the server is up", Duration.ofSeconds(15),
          () -> row(id, "status").equals("sent"));
      MimeMessage[] received = smtp.getReceivedMessages();
      assertThat(received).hasSize(1);
      assertThat(received[0].getSubject()).isEqualTo("Confirm your email address for Mercato");
      assertThat(row(id, "last_error IS NULL")).isEqualTo("t");
      assertThat(row(id, "request_id")).isEqualTo("req-outage");
    } catch (jakarta.mail.MessagingException e) {
      throw new AssertionError(e);
    } finally {
      smtp.stop();
    }
  }
}
