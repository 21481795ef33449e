package mercato.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import mercato.platform.bus.Principal;
import mercato.platform.bus.Problem;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The request rules that hold for every caller, HTTP or bus, without Vert.x. */
class NotificationRulesTest {
  private static void refused(ThrowingCallable call, String pointer) {
    assertThatThrownBy(call).isInstanceOfSatisfying(Problem.class, problem -> {
      assertThat(problem.status()).isEqualTo(400);
      assertThat(problem.errors()).extracting(Problem.FieldError::pointer).containsExactly(pointer);
    });
  }

  private static JsonObject send() {
    return new JsonObject().put("accountId", UUID.randomUUID().toString()).put("topic", "order-updates")
        .put("title", "Shipped").put("body", "Your order is on its way.");
  }

  @Test
  void sendNeedsAnAccountAKnownTopicATitleAndABody() {
    NotificationRules.SendRequest request = NotificationRules.send(send().put("subject", "o-1")
        .put("data", new JsonObject().put("orderId", "o-1")));
    assertThat(request.topic()).isEqualTo("order-updates");
    assertThat(request.subject()).isEqualTo("o-1");
    assertThat(request.data().getString("orderId")).isEqualTo("o-1");
    assertThat(NotificationRules.send(send()).data()).isEqualTo(new JsonObject());

    refused(() -> NotificationRules.send(send().put("accountId", "me")), "/accountId");
    refused(() -> NotificationRules.send(send().put("topic", "gossip")), "/topic");
    refused(() -> NotificationRules.send(send().put("topic", 7)), "/topic");
    refused(() -> NotificationRules.send(send().put("title", " ")), "/title");
    refused(() -> NotificationRules.send(send().put("body", "x".repeat(4001))), "/body");
    refused(() -> NotificationRules.send(send().put("data", "text")), "/data");
    refused(() -> NotificationRules.send(send().put("data", new JsonObject().put("big", "x".repeat(9000)))), "/data");
  }

  @Test
  void subscribeRulesPerChannel() {
    JsonObject webhook = new JsonObject().put("topic", "back-in-stock").put("channel", "webhook")
        .put("url", "https://hooks.example.com/x").put("subject", "p-1");
    NotificationRules.SubscribeRequest request = NotificationRules.subscribe(webhook);
    assertThat(request.url()).isEqualTo("https://hooks.example.com/x");
    assertThat(request.secret()).isNull();
    assertThat(request.subject()).isEqualTo("p-1");

    refused(() -> NotificationRules.subscribe(webhook.copy().put("topic", "everything")), "/topic");
    refused(() -> NotificationRules.subscribe(webhook.copy().put("channel", "pigeon")), "/channel");
    refused(() -> NotificationRules.subscribe(webhook.copy().put("secret", "hunter2")), "/secret");
    refused(() -> NotificationRules.subscribe(new JsonObject().put("topic", "promotions").put("channel", "webhook")),
        "/url");
    refused(() -> NotificationRules.subscribe(new JsonObject().put("topic", "promotions").put("channel", "email")),
        "/email");
    refused(() -> NotificationRules.subscribe(new JsonObject().put("topic", "promotions").put("channel", "email")
        .put("email", "not-an-address")), "/email");
    refused(() -> NotificationRules.subscribe(new JsonObject().put("topic", "promotions").put("channel", "in-app")
        .put("url", "https://x.example/")), "/url");
    refused(() -> NotificationRules.subscribe(new JsonObject().put("topic", "promotions").put("channel", "sms")
        .put("email", "a@example.com")), "/email");
    assertThat(NotificationRules.subscribe(new JsonObject().put("topic", "account").put("channel", "email")
        .put("email", " a@example.com ")).email()).isEqualTo("a@example.com");
  }

  @Test
  void pageDefaultsAndLimits() {
    NotificationRules.Page page = NotificationRules.page(new JsonObject());
    assertThat(page.limit()).isEqualTo(20);
    assertThat(page.cursor()).isNull();
    assertThat(page.unreadOnly()).isFalse();
    UUID cursor = UUID.randomUUID();
    page = NotificationRules.page(new JsonObject().put("limit", 5).put("cursor", cursor.toString()).put("unreadOnly", true));
    assertThat(page.limit()).isEqualTo(5);
    assertThat(page.cursor()).isEqualTo(cursor);
    assertThat(page.unreadOnly()).isTrue();
    assertThat(NotificationRules.page(new JsonObject().put("limit", "7").put("unreadOnly", "false")).limit()).isEqualTo(7);
    refused(() -> NotificationRules.page(new JsonObject().put("limit", 0)), "/limit");
    refused(() -> NotificationRules.page(new JsonObject().put("limit", 101)), "/limit");
    refused(() -> NotificationRules.page(new JsonObject().put("cursor", "nope")), "/cursor");
    refused(() -> NotificationRules.page(new JsonObject().put("unreadOnly", "yes")), "/unreadOnly");
  }

  @Test
  void markReadTakesIdsOrAll() {
    UUID id = UUID.randomUUID();
    assertThat(NotificationRules.markRead(new JsonObject().put("ids", new JsonArray().add(id.toString()))).ids())
        .containsExactly(id);
    assertThat(NotificationRules.markRead(new JsonObject().put("all", true)).all()).isTrue();
    refused(() -> NotificationRules.markRead(new JsonObject()), "");
    refused(() -> NotificationRules.markRead(new JsonObject().put("all", true).put("ids", new JsonArray())), "");
    refused(() -> NotificationRules.markRead(new JsonObject().put("all", false)), "/all");
    refused(() -> NotificationRules.markRead(new JsonObject().put("ids", new JsonArray())), "/ids");
    refused(() -> NotificationRules.markRead(new JsonObject().put("ids", new JsonArray().add(id.toString()).add("x"))),
        "/ids/1");
  }

  @Test
  void theAccountIsTheTokensSubject() {
    UUID id = UUID.randomUUID();
    assertThat(NotificationRules.accountOf(new Principal(id.toString(), "customer", List.of()))).isEqualTo(id);
    assertThatThrownBy(() -> NotificationRules.accountOf(new Principal("robot", "customer", List.of())))
        .isInstanceOfSatisfying(Problem.class, problem -> assertThat(problem.status()).isEqualTo(403));
  }
}
