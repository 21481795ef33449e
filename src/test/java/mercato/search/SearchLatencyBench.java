package mercato.search;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import mercato.catalog.CatalogDomain;
import mercato.inventory.InventoryDomain;
import mercato.testing.Await;
import mercato.testing.TestNode;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not a test (no assertion, not in the default suite): measures search and suggestion latency
 * over HTTP, p50 and p99, on a generated corpus of a few thousand products made through the
 * real catalog. Run alone: {@code mvn -o test -Dtest=SearchLatencyBench -Dbench.products=3000}.
 * Client and server share the machine's cores, so the figures include the client's cost.
 */
class SearchLatencyBench {
  private static final Logger LOG = LoggerFactory.getLogger(SearchLatencyBench.class);
  static final String[] BRANDS = {"Apple", "Samsung", "Sony", "Philips", "Bosch", "Lego", "Nike", "Adidas", "Canon", "Dyson",
      "Miele", "Braun", "Garmin", "Logitech", "Lenovo", "Asus", "Nikon", "Tefal", "Krups", "Ravensburger"};
  static final String[] THINGS = {"Phone", "Headphones", "Camera", "Kettle", "Toaster", "Drill", "Sneakers", "Jacket",
      "Watch", "Keyboard", "Mouse", "Laptop", "Vacuum", "Blender", "Puzzle", "Lamp", "Speaker", "Monitor", "Tablet", "Crème brûlée set"};
  static final String[] ADJECTIVES = {"Pro", "Mini", "Max", "Ultra", "Classic", "Sport", "Wireless", "Smart", "Eco", "Deluxe"};
  static final String[] WORDS = {"durable", "lightweight", "premium", "compact", "powerful", "quiet", "waterproof", "fast",
      "elegant", "ergonomic", "rechargeable", "stainless", "portable", "vintage", "modern"};

  @Test
  void measure() {
    int products = Integer.getInteger("bench.products", 3000);
    int samples = Integer.getInteger("bench.samples", 400);
    try (TestNode app = TestNode.of(CatalogDomain.domain(), InventoryDomain.domain(), SearchDomain.domain()).withKeys().set("http.contract", "openapi.yaml")
        .set("http.rateLimits.default.capacity", "1000000").set("http.rateLimits.default.refillPerSecond", "1000000")
        .start()) {
      SearchCorpus corpus = new SearchCorpus(app);
      Random random = new Random(42);
      List<String> categories = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        String root = corpus.category("Department " + i, null);
        categories.add(root);
        for (int j = 0; j < 4; j++) {
          categories.add(corpus.category("Aisle " + i + "-" + j, root));
        }
      }
      long made = System.nanoTime();
      for (int i = 0; i < products; i++) {
        String name = pick(random, BRANDS) + " " + pick(random, THINGS) + " " + pick(random, ADJECTIVES) + " " + (i % 97);
        String description = pick(random, WORDS) + " " + pick(random, WORDS) + " " + pick(random, WORDS) + " and "
            + pick(random, WORDS);
        corpus.product(name, categories.get(random.nextInt(categories.size())), 100 + random.nextInt(200_000),
            List.of(pick(random, WORDS)), description, "active");
      }
      Await.until("the index holds " + products + " products", Duration.ofMinutes(5), () ->
          app.api.get("/search/products?limit=1", null).bodyAsJsonObject().getLong("total") == products);
      LOG.info("corpus: {} products created and indexed in {} ms", products, (System.nanoTime() - made) / 1_000_000);
      List<String> searches = new ArrayList<>();
      java.util.Map<String, List<String>> byKind = new java.util.TreeMap<>();
      String[] kinds = {"two words", "typo (fuzzy)", "3-letter prefix", "word + price filter + sort", "category browse"};
      for (int i = 0; i < samples; i++) {
        String query = switch (i % 5) {
          case 0 -> "q=" + enc(pick(random, BRANDS) + " " + pick(random, THINGS));
          case 1 -> "q=" + enc(typo(pick(random, THINGS), random));
          case 2 -> "q=" + enc(pick(random, THINGS).substring(0, 3));
          case 3 -> "q=" + enc(pick(random, WORDS)) + "&minPrice=1000&maxPrice=50000&sort=price";
          default -> "category=" + categories.get(random.nextInt(categories.size())) + "&sort=newest";
        };
        searches.add("/search/products?" + query);
        byKind.computeIfAbsent(kinds[i % 5], k -> new ArrayList<>()).add("/search/products?" + query);
      }
      List<String> prefixes = new ArrayList<>();
      for (int i = 0; i < samples; i++) {
        String word = random.nextBoolean() ? pick(random, BRANDS) : pick(random, THINGS);
        prefixes.add("/search/suggestions?q=" + enc(word.substring(0, 1 + random.nextInt(Math.min(5, word.length())))));
      }
      report(app, "search", searches);
      byKind.forEach((kind, uris) -> report(app, "search, " + kind, uris));
      report(app, "suggestions", prefixes);
    }
  }

  private static void report(TestNode app, String what, List<String> uris) {
    for (int i = 0; i < Math.min(50, uris.size()); i++) {
      app.api.get(uris.get(i % uris.size()), null);
    }
    long[] millis = new long[uris.size()];
    for (int i = 0; i < uris.size(); i++) {
      long started = System.nanoTime();
      HttpResponse<Buffer> response = app.api.get(uris.get(i), null);
      millis[i] = (System.nanoTime() - started) / 1_000;
      if (response.statusCode() != 200) {
        throw new IllegalStateException(uris.get(i) + " answered " + response.statusCode() + " " + response.bodyAsString());
      }
    }
    Arrays.sort(millis);
    LOG.info("{}: {} requests over HTTP, p50 {} ms, p99 {} ms, max {} ms", what, millis.length,
        millis[millis.length / 2] / 1000.0, millis[(int) Math.ceil(millis.length * 0.99) - 1] / 1000.0,
        millis[millis.length - 1] / 1000.0);
  }

  private static String typo(String word, Random random) {
    if (word.length() < 4) {
      return word;
    }
    int at = 1 + random.nextInt(word.length() - 2);
    char[] chars = word.toCharArray();
    char swap = chars[at];
    chars[at] = chars[at + 1];
    chars[at + 1] = swap;
    return new String(chars);
  }

  private static String pick(Random random, String[] from) {
    return from[random.nextInt(from.length)];
  }

  private static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

}
