package mercato.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
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
 * How SMTP replies decide a mail's fate, against a tiny scripted SMTP server: a permanent
 * refusal (5xx) fails the mail at once with the reply kept; transient refusals (4xx) are
 * retried with backoff until the server takes the mail, or until the attempts run out.
 */
class SmtpRepliesTest {
  static final int MAX_ATTEMPTS = 4;

  static TestDatabase db;
  static Vertx serverVertx;
  static FakeSmtp smtp;
  static TestNode app;
  static Node node;

  @BeforeAll
  static void start() {
    serverVertx = Vertx.vertx();
    smtp = new FakeSmtp();
    int port = Await.result(serverVertx.createNetServer().connectHandler(smtp::serve).listen(0, Services.HOST))
        .actualPort();
    app = TestNode.of(EmailDomain.domain()).roles("email").requiring("postgres")
        .set(Map.of("email.smtp.port", String.valueOf(port), "email.sweepMs", "100", "email.backoffBaseMs", "50",
            "email.backoffMaxMs", "200", "email.maxAttempts", String.valueOf(MAX_ATTEMPTS),
            "email.smtp.idleTimeoutSeconds", "1"))
        .start();
    db = app.db;
    node = app.node;
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
    if (serverVertx != null) {
      Await.result(serverVertx.close());
    }
  }

  static String send(String to) {
    JsonObject reply = Await.result(node.vertx().eventBus().<JsonObject>request(EmailAddresses.SEND_EMAIL,
        Envelope.internal(new JsonObject().put("to", to).put("subject", "Hello").put("text", "Body"), "req-" + to)))
        .body();
    assertThat(reply.getString("id")).isNotNull();
    return reply.getString("id");
  }

  static String row(String id, String columns) {
    return db.column("SELECT " + columns + " FROM email.email WHERE id = '" + id + "'").get(0);
  }

  @Test
  void aPermanentRefusalFailsTheMailAtOnceWithTheReply() throws Exception {
    String to = "reject-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    String id = send(to);
    Await.until("the mail failed", Duration.ofSeconds(10), () -> row(id, "status").equals("failed"));
    assertThat(row(id, "last_error")).contains("550").contains("5.1.1").contains("no such user");
    // Nothing left to try: the sender claims only queued or retrying mail, and this one is neither nor held.
    assertThat(row(id, "status IN ('queued', 'retrying') OR locked_until IS NOT NULL")).isEqualTo("f");
    assertThat(row(id, "attempts")).isEqualTo("1");
    assertThat(smtp.rcptTries(to)).isEqualTo(1);
    assertThat(smtp.delivered).doesNotContain(to);
  }

  @Test
  void aRefusedMailIsSetAsideAndTheMailsAroundItAreSent() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String before = send("before-" + run + "@example.com");
    String refused = send("reject-" + run + "@example.com");
    String after = send("after-" + run + "@example.com");
    Await.until("the mails around the refused one are sent", Duration.ofSeconds(10),
        () -> row(before, "status").equals("sent") && row(after, "status").equals("sent"));
    Await.until("the refused mail is set aside", Duration.ofSeconds(10),
        () -> db.count("SELECT count(*) FROM email.set_aside WHERE kind = 'mail' AND item_id = '" + refused + "'") == 1);
    assertThat(db.column("SELECT error FROM email.set_aside WHERE item_id = '" + refused + "'"))
        .singleElement().satisfies(error -> assertThat(error).startsWith("refused for good").contains("550"));
    assertThat(row(refused, "status")).isEqualTo("failed");
  }

  @Test
  void transientRefusalsAreRetriedUntilTheServerTakesTheMail() {
    String to = "flaky-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    String id = send(to);
    Await.until("the mail is sent", Duration.ofSeconds(10), () -> row(id, "status").equals("sent"));
    assertThat(row(id, "attempts")).isEqualTo("3");
    assertThat(row(id, "last_error IS NULL")).isEqualTo("t");
    assertThat(smtp.delivered).containsOnlyOnce(to);
  }

  @Test
  void aMailStillRefusedWhenTheAttemptsRunOutIsFailed() {
    String to = "busy-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    String id = send(to);
    Await.until("the mail is retrying", Duration.ofSeconds(10), () -> row(id, "status").equals("retrying"));
    assertThat(row(id, "last_error")).contains("451");
    Await.until("the mail failed", Duration.ofSeconds(10), () -> row(id, "status").equals("failed"));
    assertThat(row(id, "attempts")).isEqualTo(String.valueOf(MAX_ATTEMPTS));
    assertThat(row(id, "last_error")).contains("451").contains("try again later");
    assertThat(smtp.rcptTries(to)).isEqualTo(MAX_ATTEMPTS);
  }

  @Test
  void aServerThatFallsSilentCannotHangASend() {
    String to = "silent-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    String id = send(to);
    // The server never answers RCPT: the idle timeout (1 s here) ends the attempt.
    Await.until("the silent attempt ended", Duration.ofSeconds(5), () -> row(id, "status").equals("retrying"));
    assertThat(row(id, "last_error")).isNotBlank();
    assertThat(smtp.delivered).doesNotContain(to);
  }

  /**
   * Enough SMTP to take or refuse mail, scripted by the recipient's local part:
   * {@code reject-*} 550, {@code busy-*} always 451, {@code flaky-*} 451 twice then accepted,
   * {@code silent-*} no answer at all.
   */
  static final class FakeSmtp {
    final Map<String, AtomicInteger> rcpt = new ConcurrentHashMap<>();
    final List<String> delivered = new CopyOnWriteArrayList<>();

    int rcptTries(String to) {
      AtomicInteger tries = rcpt.get(to);
      return tries == null ? 0 : tries.get();
    }

    void serve(NetSocket socket) {
      boolean[] inData = {false};
      String[] recipient = {null};
      RecordParser parser = RecordParser.newDelimited("\r\n", line -> {
        String text = line.toString();
        if (inData[0]) {
          if (text.equals(".")) {
            inData[0] = false;
            delivered.add(recipient[0]);
            reply(socket, "250 2.0.0 queued");
          }
          return;
        }
        String verb = text.length() >= 4 ? text.substring(0, 4).toUpperCase() : text.toUpperCase();
        switch (verb) {
          case "EHLO", "HELO" -> reply(socket, "250 fake.smtp.test");
          case "RCPT" -> {
            String answer = rcptReply(recipient, text);
            if (answer != null) {
              reply(socket, answer);
            }
          }
          case "DATA" -> {
            inData[0] = true;
            reply(socket, "354 end with <CRLF>.<CRLF>");
          }
          case "QUIT" -> {
            reply(socket, "221 bye");
            socket.close();
          }
          default -> reply(socket, "250 OK");
        }
      });
      socket.handler(parser);
      reply(socket, "220 fake.smtp.test ESMTP");
    }

    private String rcptReply(String[] recipient, String line) {
      String to = line.substring(line.indexOf('<') + 1, line.indexOf('>'));
      recipient[0] = to;
      int tries = rcpt.computeIfAbsent(to, k -> new AtomicInteger()).incrementAndGet();
      if (to.startsWith("silent-")) {
        return null;
      }
      if (to.startsWith("reject-")) {
        return "550 5.1.1 <" + to + ">: no such user";
      }
      if (to.startsWith("busy-") || (to.startsWith("flaky-") && tries <= 2)) {
        return "451 4.3.0 mailbox busy, try again later";
      }
      return "250 2.1.5 OK";
    }

    private static void reply(NetSocket socket, String line) {
      socket.write(Buffer.buffer(line + "\r\n"));
    }
  }
}
