package mercato.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mail.SMTPException;
import java.net.ConnectException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import mercato.platform.bus.Problem;
import mercato.platform.config.ConfigReader;
import mercato.platform.ids.Ids;
import mercato.testing.TestConfig;
import org.junit.jupiter.api.Test;

/** The email domain's pure rules: addresses, requests, locales, cursors, retries, configuration. */
class EmailRulesTest {

  static List<String> pointers(Runnable action) {
    try {
      action.run();
    } catch (Problem problem) {
      assertThat(problem.status()).isEqualTo(400);
      return problem.errors().stream().map(Problem.FieldError::pointer).toList();
    }
    throw new AssertionError("no problem raised");
  }

  @Test
  void addressSyntax() {
    assertThat(Addresses.isValid("ann.lee+shop@mail.example.com")).isTrue();
    assertThat(Addresses.isValid("a@b.co")).isTrue();
    for (String bad : List.of("", "plain", "a@", "@b.com", "a@b", "a b@c.com", "a@b..com", ".a@b.com", "a.@b.com",
        "a@-b.com", "a@b.com\r\nBcc: x@y.com", "<a@b.com>", "a,b@c.com", "\"a\"@b.com")) {
      assertThat(Addresses.isValid(bad)).as(bad).isFalse();
    }
    assertThat(Addresses.isValid("x".repeat(65) + "@b.com")).isFalse();
    assertThat(Addresses.mailbox("Mercato <no-reply@mercato.local>")).isEqualTo("no-reply@mercato.local");
    assertThat(Addresses.mailbox("no-reply@mercato.local")).isEqualTo("no-reply@mercato.local");
    assertThat(Addresses.mailbox("Mercato <nope>")).isNull();
  }

  @Test
  void aRequestIsATemplateOrASubjectWithABody() {
    MailRequest templated = MailRequest.parse(new JsonObject().put("to", " Ann@Example.com ").put("template", "welcome")
        .put("locale", "pt_BR").put("variables", new JsonObject().put("name", "Ann")));
    assertThat(templated.to()).containsExactly("Ann@Example.com");
    assertThat(templated.locale()).isEqualTo("pt-br");
    assertThat(templated.templated()).isTrue();

    MailRequest direct = MailRequest.parse(new JsonObject().put("to", new JsonArray().add("a@x.com").add("A@X.com")
        .add("b@x.com")).put("subject", "Hi\r\nthere").put("html", "<p>x</p>"));
    assertThat(direct.to()).containsExactly("a@x.com", "b@x.com");
    assertThat(direct.subject()).isEqualTo("Hi there");
    assertThat(direct.text()).isNull();

    assertThat(pointers(() -> MailRequest.parse(new JsonObject()))).containsExactly("/to", "/subject", "/text");
    assertThat(pointers(() -> MailRequest.parse(new JsonObject().put("to", 5).put("subject", "s").put("text", "t"))))
        .containsExactly("/to");
    assertThat(pointers(() -> MailRequest.parse(new JsonObject().put("to", new JsonArray()).put("subject", "s")
        .put("text", "t")))).containsExactly("/to");
    assertThat(pointers(() -> MailRequest.parse(new JsonObject().put("to", new JsonArray().add("a@x.com").add(3))
        .put("subject", "s").put("text", "t")))).containsExactly("/to/1");
    assertThat(pointers(() -> MailRequest.parse(new JsonObject().put("to", "a@x.com").put("template", "Welcome!")
        .put("text", "t").put("locale", "english please").put("cc", "x")))).containsExactly(
        "/cc", "/template", "/locale", "/text");
    assertThat(pointers(() -> MailRequest.parse(new JsonObject().put("to", "a@x.com").put("subject", "s")
        .put("text", "t").put("variables", new JsonObject())))).containsExactly("/variables");
    assertThat(pointers(() -> MailRequest.parse(new JsonObject().put("to", "a@x.com").put("subject", " ")
        .put("text", "t")))).containsExactly("/subject");
  }

  @Test
  void localesFallBackToTheLanguageThenTheDefault() {
    assertThat(Locales.normalize("de_CH")).isEqualTo("de-ch");
    assertThat(Locales.normalize("x")).isNull();
    assertThat(Locales.normalize("en; DROP")).isNull();
    assertThat(Locales.candidates("de-ch", "en")).containsExactly("de-ch", "de", "en");
    assertThat(Locales.candidates("en", "en")).containsExactly("en");
    assertThat(Locales.candidates(null, "en")).containsExactly("en");
  }

  @Test
  void cursorsRoundTripAndGarbageIsA400() {
    LogCursor cursor = new LogCursor(OffsetDateTime.of(2026, 3, 1, 12, 30, 15, 123_456_000, ZoneOffset.UTC), Ids.uuid7());
    assertThat(LogCursor.decode(cursor.encode())).isEqualTo(cursor);
    assertThat(pointers(() -> LogCursor.decode("garbage"))).containsExactly("/cursor");
    assertThat(pointers(() -> LogCursor.decode("MTIzOm5vdC1hLXV1aWQ"))).containsExactly("/cursor");
  }

  @Test
  void onlyTransientFailuresAreRetried() {
    DeliveryFailure refused = DeliveryFailure.of(new SMTPException("recipient address not accepted", 550,
        List.of("550 5.1.1 no such user"), false));
    assertThat(refused.permanent()).isTrue();
    assertThat(refused.error()).contains("550 5.1.1 no such user");
    assertThat(DeliveryFailure.of(new SMTPException("sender refused", 451, List.of("451 later"), false)).permanent())
        .isFalse();
    DeliveryFailure down = DeliveryFailure.of(new ConnectException("Connection refused"));
    assertThat(down.permanent()).isFalse();
    assertThat(down.error()).isEqualTo("ConnectException: Connection refused");
    assertThat(DeliveryFailure.of(new RuntimeException("x".repeat(5000))).error()).hasSize(DeliveryFailure.MAX_ERROR);
  }

  static EmailConfig config(Map<String, String> overrides) {
    return EmailConfig.read(new ConfigReader(TestConfig.of(null, overrides).section("email"), "email"));
  }

  @Test
  void theShippedConfigurationIsValidAndBackoffGrowsToItsCap() {
    EmailConfig config = config(Map.of("email.backoffBaseMs", "100", "email.backoffMaxMs", "1000"));
    assertThat(config.smtp().tls()).isEqualTo(EmailConfig.Tls.NONE);
    assertThat(config.smtp().login()).isFalse();
    assertThat(config.linkBase()).isEqualTo("http://127.0.0.1:8080");
    assertThat(List.of(config.backoffMs(1), config.backoffMs(2), config.backoffMs(3), config.backoffMs(5),
        config.backoffMs(80))).containsExactly(100L, 200L, 400L, 1000L, 1000L);
    assertThat(config.leaseMs()).isGreaterThan(config.sendTimeoutMs());
    var mail = EmailSender.mailConfig(config(Map.of("email.smtp.tls", "required", "email.smtp.username", "u",
        "email.smtp.password", "p")));
    assertThat(mail.isSsl()).isTrue();
    assertThat(mail.getUsername()).isEqualTo("u");
  }

  @Test
  void aBadValueNamesItsKey() {
    Map<String, String> bad = Map.of(
        "email.smtp.tls", "sometimes",
        "email.smtp.port", "0",
        "email.from", "nobody",
        "email.linkBase", "ftp://files.example",
        "email.defaultLocale", "english",
        "email.maxAttempts", "0",
        "email.backoffMaxMs", "10",
        "email.smtp.username", "someone");
    Map<String, String> expectedKey = Map.of("email.smtp.username", "email.smtp.password");
    bad.forEach((key, value) -> assertThatThrownBy(() -> config(Map.of(key, value)))
        .as(key)
        .hasMessageContaining("'" + expectedKey.getOrDefault(key, key) + "'"));
  }
}
