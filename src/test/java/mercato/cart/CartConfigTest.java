package mercato.cart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import mercato.platform.config.ConfigException;
import org.junit.jupiter.api.Test;

/** The cart section is validated at start, naming the bad key. */
class CartConfigTest {
  static JsonObject section() {
    return new JsonObject().put("maxLines", 50).put("maxQuantity", 99).put("abandonAfterHours", 720).put("sweepMs", 60000)
        .put("referralWindowHours", 720).put("peerTimeoutMs", 5000);
  }

  @Test
  void readsTheSection() {
    assertThat(CartConfig.read(section())).isEqualTo(new CartConfig(50, 99, 720, 60000, 720, 5000));
  }

  @Test
  void aBadValueNamesItsKey() {
    assertThatThrownBy(() -> CartConfig.read(section().put("maxLines", 0)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("cart.maxLines");
    assertThatThrownBy(() -> CartConfig.read(section().put("maxLines", CartConfig.MAX_LINES + 1)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("cart.maxLines");
    assertThatThrownBy(() -> CartConfig.read(section().put("abandonAfterHours", "soon")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("cart.abandonAfterHours");
    assertThatThrownBy(() -> CartConfig.read(section().put("referralWindowHours", 0)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("cart.referralWindowHours");
    JsonObject missing = section();
    missing.remove("sweepMs");
    assertThatThrownBy(() -> CartConfig.read(missing))
        .isInstanceOf(ConfigException.class).hasMessageContaining("cart.sweepMs");
  }
}
