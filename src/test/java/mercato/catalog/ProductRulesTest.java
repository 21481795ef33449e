package mercato.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Principal;
import mercato.platform.bus.Problem;
import org.junit.jupiter.api.Test;

/** Product field rules and the listing's query building, without Vert.x or a database. */
class ProductRulesTest {
  static JsonObject body() {
    return new JsonObject().put("name", "Ærø Teapot ☕").put("sku", "TP-1")
        .put("price", new JsonObject().put("amount", 2500).put("currency", "DKK"));
  }

  static String pointer(Runnable action) {
    try {
      action.run();
    } catch (Problem problem) {
      return problem.errors().get(0).pointer();
    }
    throw new AssertionError("no problem raised");
  }

  @Test
  void aNewProductIsADraftWithADerivedSlugAndDefaults() {
    UUID seller = UUID.randomUUID();
    Product product = Product.create(UUID.randomUUID(), seller, body());
    assertThat(product.slug()).isEqualTo("r-teapot");
    assertThat(product.status()).isEqualTo("draft");
    assertThat(product.sellerId()).isEqualTo(seller);
    assertThat(product.lowStockThreshold()).isEqualTo(5);
    assertThat(ProductRules.slugOf("Crème Brûlée -- Set (2)")).isEqualTo("creme-brulee-set-2");
    assertThat(ProductRules.slugOf("???")).isEqualTo("product");
  }

  @Test
  void fieldsAreCheckedWithPointers() {
    UUID id = UUID.randomUUID();
    assertThat(pointer(() -> Product.create(id, id, body().put("price", new JsonObject().put("amount", -1).put("currency", "EUR")))))
        .isEqualTo("/price/amount");
    assertThat(pointer(() -> Product.create(id, id, body().put("price", new JsonObject().put("amount", 1).put("currency", "ABC")))))
        .isEqualTo("/price/currency");
    assertThat(pointer(() -> Product.create(id, id, body().putNull("sku"))))
        .isEqualTo("/sku");
    assertThat(pointer(() -> Product.create(id, id, body().put("sellerId", id.toString())))).isEqualTo("/sellerId");
    assertThat(pointer(() -> Product.create(id, id, body().put("images", new JsonArray()
        .add(new JsonObject().put("url", "https://ok.example/a.png")).add(new JsonObject().put("url", "/relative.png"))))))
        .isEqualTo("/images/1/url");
    assertThat(pointer(() -> Product.create(id, id, body().put("attributes", new JsonObject().put("x", "y".repeat(9000))))))
        .isEqualTo("/attributes");
    assertThat(pointer(() -> Product.create(id, id, body().put("tags", new JsonArray().add("ok").add("x".repeat(41))))))
        .isEqualTo("/tags/1");
    assertThat(ProductRules.isWebUrl("http://user:pw@example.com/x")).isFalse();
    assertThat(ProductRules.isWebUrl("ftp://example.com/x")).isFalse();
  }

  @Test
  void anUpdateKeepsWhatItDoesNotNameAndClearsWhatIsNull() {
    UUID id = UUID.randomUUID();
    Product product = Product.create(id, id, body().put("description", "hot").put("tags", new JsonArray().add("tea")));
    Product changed = product.apply(new JsonObject().putNull("description").put("status", "active"));
    assertThat(changed.description()).isNull();
    assertThat(changed.status()).isEqualTo("active");
    assertThat(changed.tags()).containsExactly("tea");
    assertThat(changed.price()).isEqualTo(product.price());
  }

  @Test
  void theListingUsesParametersOnlyAndRefusesStatusToStrangers() {
    String seller = UUID.randomUUID().toString();
    JsonObject query = new JsonObject().put("seller", seller).put("tag", "x'; DROP TABLE products; --")
        .put("minPrice", "5").put("sort", "-price");
    ProductListing listing = ProductListing.of(new Envelope(null, new JsonObject(), query, null, null, "r", null, null), 20);
    assertThat(listing.sql()).doesNotContain("DROP").contains("p.status = 'active'").contains("ORDER BY p.price_amount DESC")
        .endsWith("LIMIT 21");
    assertThat(listing.params().size()).isEqualTo(3);
    Principal stranger = new Principal(UUID.randomUUID().toString(), "company", java.util.List.of());
    assertThatThrownBy(() -> ProductListing.of(new Envelope(stranger, new JsonObject(),
        new JsonObject().put("seller", seller).put("status", "draft"), null, null, "r", null, null), 20))
        .isInstanceOf(Problem.class);
    Principal owner = new Principal(seller, "company", java.util.List.of());
    assertThat(ProductListing.of(new Envelope(owner, new JsonObject(), new JsonObject().put("seller", seller), null, null,
        "r", null, null), 20).sql()).doesNotContain("p.status =");
  }
}
