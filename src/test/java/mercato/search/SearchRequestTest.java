package mercato.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Problem;
import mercato.platform.config.ConfigException;
import org.junit.jupiter.api.Test;

/** The search section and request rules without a database: words, bounds, cursors. */
class SearchRequestTest {
  static JsonObject section() {
    return new JsonObject().put("defaultPageSize", 20).put("maxQueryLength", 50).put("fuzzyBelow", 3)
        .put("fuzzyThreshold", "0.4").put("priceBuckets", new JsonArray().add(1000).add(5000)).put("sellerFacetSize", 10)
        .put("suggestionLimit", 10).put("logFlushMs", 1000).put("logBatchSize", 500).put("logBufferMax", 10000)
        .put("rebuildPollMs", 2000).put("rebuildPageSize", 200).put("busTimeoutMs", 10000);
  }

  static final SearchConfig CONFIG = SearchConfig.read(section());

  static SearchRequest request(JsonObject query) {
    return SearchRequest.of(new Envelope(null, new JsonObject(), query, null, null, "r", null, null), CONFIG, 100);
  }

  static String pointer(Runnable call) {
    try {
      call.run();
    } catch (Problem problem) {
      assertThat(problem.status()).isEqualTo(400);
      return problem.errors().get(0).pointer();
    }
    throw new AssertionError("no problem");
  }

  @Test
  void theSectionIsValidated() {
    assertThat(CONFIG.priceBuckets()).containsExactly(1000L, 5000L);
    assertThat(CONFIG.fuzzyThreshold()).isEqualTo(0.4);
    assertThatThrownBy(() -> SearchConfig.read(section().put("priceBuckets", new JsonArray().add(5000).add(1000))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("search.priceBuckets");
    assertThatThrownBy(() -> SearchConfig.read(section().put("fuzzyThreshold", "2")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("search.fuzzyThreshold");
  }

  @Test
  void wordsAreRunsOfLettersAndDigits() {
    assertThat(SearchRequest.words("  Crème-brûlée, 2 x!! ")).containsExactly("Crème", "brûlée", "2", "x");
    assertThat(SearchRequest.words("a b c d e f g h i j k l")).hasSize(SearchRequest.MAX_WORDS);
    assertThat(SearchRequest.words("'; DROP TABLE products; --")).containsExactly("DROP", "TABLE", "products");
    assertThat(request(new JsonObject()).hasText()).isFalse();
  }

  @Test
  void inputsAreBoundedAndNamed() {
    assertThat(pointer(() -> request(new JsonObject().put("q", "x".repeat(51))))).isEqualTo("/q");
    assertThat(pointer(() -> request(new JsonObject().put("minPrice", "9").put("maxPrice", "1")))).isEqualTo("/minPrice");
    assertThat(pointer(() -> request(new JsonObject().put("limit", "101")))).isEqualTo("/limit");
    assertThat(pointer(() -> request(new JsonObject().put("minRating", "5.5")))).isEqualTo("/minRating");
    assertThat(pointer(() -> request(new JsonObject().put("inStock", "yes")))).isEqualTo("/inStock");
    assertThat(pointer(() -> request(new JsonObject().put("seller", "me")))).isEqualTo("/seller");
    assertThat(pointer(() -> request(new JsonObject().put("q", new JsonArray().add("a"))))).isEqualTo("/q");
  }

  @Test
  void aCursorOnlyContinuesTheSameSearch() {
    JsonObject query = new JsonObject().put("q", "phone").put("sort", "price").put("maxPrice", 900);
    SearchRequest first = request(query);
    UUID id = UUID.randomUUID();
    String cursor = first.cursor(true, "450", id);
    SearchRequest next = request(query.copy().put("cursor", cursor));
    assertThat(next.after()).isEqualTo(new SearchRequest.After(true, "450", id));
    for (JsonObject other : List.of(query.copy().put("q", "phones"), query.copy().put("sort", "-price").put("cursor", cursor),
        query.copy().put("maxPrice", 901))) {
      assertThat(pointer(() -> request(other.put("cursor", cursor)))).isEqualTo("/cursor");
    }
    String badKey = request(query).cursor(false, "not-a-number", id);
    assertThat(pointer(() -> request(query.copy().put("cursor", badKey)))).isEqualTo("/cursor");
  }
}
