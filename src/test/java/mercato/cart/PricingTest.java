package mercato.cart;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The pure rules of a cart read and of a merge. */
class PricingTest {
  static JsonObject product(String seller, String status, long amount, String currency) {
    return new JsonObject().put("sellerId", seller).put("status", status).put("deleted", false)
        .put("price", new JsonObject().put("amount", amount).put("currency", currency));
  }

  @Test
  void issuesNameWhyALineCannotBeBought() {
    assertThat(Pricing.issues(product("s", "active", 1, "EUR"), 5, 5)).isEmpty();
    assertThat(Pricing.issues(product("s", "active", 1, "EUR"), 4, 5)).containsExactly("insufficient-stock");
    assertThat(Pricing.issues(product("s", "active", 1, "EUR"), 0, 5)).containsExactly("out-of-stock");
    assertThat(Pricing.issues(product("s", "archived", 1, "EUR"), 9, 5)).containsExactly("inactive");
    assertThat(Pricing.issues(product("s", "active", 1, "EUR").put("deleted", true), 9, 5)).containsExactly("inactive");
    assertThat(Pricing.issues(null, null, 1)).containsExactly("inactive", "out-of-stock");
  }

  @Test
  void totalsArePerSellerAndPerCurrencyOverTheBuyableLines() {
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    UUID c = UUID.randomUUID();
    UUID d = UUID.randomUUID();
    List<CartRepository.Line> lines = List.of(new CartRepository.Line(UUID.randomUUID(), a, 2),
        new CartRepository.Line(UUID.randomUUID(), b, 1), new CartRepository.Line(UUID.randomUUID(), c, 3),
        new CartRepository.Line(UUID.randomUUID(), d, 1));
    Map<String, JsonObject> products = Map.of(a.toString(), product("s1", "active", 250, "EUR"),
        b.toString(), product("s2", "active", 1000, "EUR"), c.toString(), product("s1", "active", 99, "USD"),
        d.toString(), product("s2", "draft", 5000, "EUR"));
    Map<String, Integer> available = Map.of(a.toString(), 9, b.toString(), 9, c.toString(), 9, d.toString(), 9);
    JsonObject cart = Pricing.cart(UUID.randomUUID(), lines, products, available);
    assertThat(cart.getJsonArray("totals")).containsExactly(
        new JsonObject().put("amount", 1500L).put("currency", "EUR"),
        new JsonObject().put("amount", 297L).put("currency", "USD"));
    assertThat(cart.getJsonArray("sellers")).hasSize(3);
    assertThat(cart.getInteger("units")).isEqualTo(6);
  }

  @Test
  void aMergeAddsUpCappedByAvailability() {
    assertThat(Pricing.merged(3, 4, 5, 99)).isEqualTo(5);
    assertThat(Pricing.merged(3, 4, 10, 99)).isEqualTo(7);
    assertThat(Pricing.merged(6, 4, 5, 99)).isEqualTo(6); // never below what the customer had
    assertThat(Pricing.merged(0, 4, 0, 99)).isEqualTo(4); // kept, shown flagged out-of-stock
    assertThat(Pricing.merged(60, 60, 500, 99)).isEqualTo(99);
  }
}
