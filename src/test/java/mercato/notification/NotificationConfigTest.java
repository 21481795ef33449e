package mercato.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import mercato.platform.config.ConfigException;
import org.junit.jupiter.api.Test;

/** The notification section is validated with the keys' full names; backoff grows and is capped. */
class NotificationConfigTest {
  private static JsonObject section(String key, Object value) {
    JsonObject webhooks = new JsonObject().put("allowPrivateNetworks", false).put("timeoutMs", 5000)
        .put("maxAttempts", 10).put("backoffBaseMs", 1000).put("backoffMaxMs", 300000)
        .put("disableAfterFailures", 10).put("endpointsRefreshMs", 1000);
    JsonObject section = new JsonObject().put("webhooks", webhooks).put("sweepMs", 1000);
    if (key.equals("sweepMs")) {
      section.put(key, value);
    } else if (key != null && !key.isEmpty()) {
      webhooks.put(key, value);
    }
    return section;
  }

  @Test
  void readsTheShippedShape() {
    NotificationConfig config = NotificationConfig.read(section("", null));
    assertThat(config.allowPrivateNetworks()).isFalse();
    assertThat(config.timeoutMs()).isEqualTo(5000);
    assertThat(config.maxAttempts()).isEqualTo(10);
    assertThat(config.sweepMs()).isEqualTo(1000);
    assertThat(config.leaseMs()).isGreaterThan(config.timeoutMs());
    assertThat(config.disableAfterFailures()).isEqualTo(10);
  }

  @Test
  void badValuesNameTheirKey() {
    assertThatThrownBy(() -> NotificationConfig.read(section("timeoutMs", 0)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("notification.webhooks.timeoutMs");
    assertThatThrownBy(() -> NotificationConfig.read(section("allowPrivateNetworks", "maybe")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("notification.webhooks.allowPrivateNetworks");
    assertThatThrownBy(() -> NotificationConfig.read(section("disableAfterFailures", 0)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("notification.webhooks.disableAfterFailures");
    assertThatThrownBy(() -> NotificationConfig.read(section("maxAttempts", "ten")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("notification.webhooks.maxAttempts");
    assertThatThrownBy(() -> NotificationConfig.read(section("backoffMaxMs", 10)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("notification.webhooks.backoffMaxMs");
    assertThatThrownBy(() -> NotificationConfig.read(section("sweepMs", -1)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("notification.sweepMs");
    assertThatThrownBy(() -> NotificationConfig.read(new JsonObject()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("notification.webhooks");
  }

  @Test
  void backoffDoublesUpToTheCeilingWithJitter() {
    NotificationConfig config = NotificationConfig.read(section("", null));
    assertThat(config.backoffCeilingMs(1)).isEqualTo(1000);
    assertThat(config.backoffCeilingMs(2)).isEqualTo(2000);
    assertThat(config.backoffCeilingMs(5)).isEqualTo(16000);
    assertThat(config.backoffCeilingMs(30)).isEqualTo(300000);
    assertThat(config.backoffCeilingMs(1000)).isEqualTo(300000);
    for (int i = 0; i < 100; i++) {
      assertThat(config.backoffMs(3)).isBetween(2000L, 4000L);
    }
    assertThat(WebhookSender.retryAfterMs("7")).isEqualTo(7000);
    assertThat(WebhookSender.retryAfterMs("Wed, 21 Oct 2015 07:28:00 GMT")).isZero();
    assertThat(WebhookSender.retryAfterMs(null)).isZero();
  }
}
