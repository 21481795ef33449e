package mercato.search;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Cursors;
import mercato.platform.bus.Problem;
import mercato.platform.ids.Ids;

/**
 * One product search, validated: the text split into words, the filters, the sort, the page
 * size and the position after a cursor. The cursor is opaque to clients: base64url of
 * {@code {"s": sort, "f": fuzzy, "h": hash of text and filters, "k": last sort key, "i": last id}},
 * so a next page continues strictly after the last row in the same mode and order, and a
 * cursor reused with another query or sort is refused (400).
 */
record SearchRequest(
    String text,
    List<String> words,
    UUID category,
    String tag,
    Long minPrice,
    Long maxPrice,
    String currency,
    BigDecimal minRating,
    UUID seller,
    boolean inStock,
    String sort,
    int limit,
    After after) {

  static final Set<String> SORTS = Set.of("relevance", "price", "-price", "rating", "newest");
  static final int MAX_WORDS = 10;
  static final long MAX_PRICE = 1_000_000_000_000L;
  static final int MAX_TAG = 64;

  /** Where the previous page ended: its mode, last sort key (as text) and last id. */
  record After(boolean fuzzy, String key, UUID id) {}

  /** GET reads the query string; POST /search reads the same fields from its JSON body. */
  static SearchRequest of(Envelope envelope, SearchConfig config, int maxPageSize) {
    Inputs in = new Inputs(envelope.body() instanceof JsonObject body ? body : envelope.query());
    if (envelope.body() != null && !(envelope.body() instanceof JsonObject)) {
      throw Problem.validation("The body must be a JSON object.", List.of(new Problem.FieldError("", "expected an object")));
    }
    String text = in.text("q", config.maxQueryLength());
    text = text == null ? "" : text;
    Long min = in.whole("minPrice", 0, MAX_PRICE);
    Long max = in.whole("maxPrice", 0, MAX_PRICE);
    if (min != null && max != null && min > max) {
      throw Problem.invalidField("/minPrice", "must not be greater than maxPrice");
    }
    String currency = in.text("currency", 3);
    if (currency != null && !currency.matches("[A-Z]{3}")) {
      throw Problem.invalidField("/currency", "must be an ISO 4217 code such as EUR");
    }
    String sort = in.text("sort", 20);
    sort = sort == null ? "relevance" : sort;
    if (!SORTS.contains(sort)) {
      throw Problem.invalidField("/sort", "must be one of relevance, price, -price, rating, newest");
    }
    Long limit = in.whole("limit", 1, maxPageSize);
    SearchRequest request = new SearchRequest(text, words(text), in.id("category"), in.text("tag", MAX_TAG), min, max,
        currency,
        in.decimal("minRating", BigDecimal.ZERO, BigDecimal.valueOf(5)), in.id("seller"), in.flag("inStock"), sort,
        limit == null ? Math.min(config.defaultPageSize(), maxPageSize) : limit.intValue(), null);
    String cursor = in.text("cursor", 1000);
    return cursor == null ? request : request.after(cursor);
  }

  /** The words of the text: runs of letters and digits, at most {@link #MAX_WORDS}. */
  static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    for (String word : text.split("[^\\p{L}\\p{N}]+")) {
      if (!word.isEmpty() && words.size() < MAX_WORDS) {
        words.add(word.length() > 64 ? word.substring(0, 64) : word);
      }
    }
    return List.copyOf(words);
  }

  boolean hasText() {
    return !words.isEmpty();
  }

  /** The text as the trigram match sees it: the words, space separated. */
  String phrase() {
    return String.join(" ", words);
  }

  /** Identifies the text and the filters, so a cursor is only taken back by the same search. */
  String hash() {
    String key = String.join("|", String.join(" ", words).toLowerCase(Locale.ROOT), String.valueOf(category),
        String.valueOf(tag),
        String.valueOf(minPrice), String.valueOf(maxPrice), String.valueOf(currency),
        minRating == null ? "null" : minRating.stripTrailingZeros().toPlainString(), String.valueOf(seller),
        String.valueOf(inStock));
    return Integer.toHexString(key.hashCode());
  }

  String cursor(boolean fuzzy, String key, UUID id) {
    return Cursors.encode(new JsonObject().put("s", sort).put("f", fuzzy).put("h", hash()).put("k", key)
        .put("i", id.toString()));
  }

  private SearchRequest after(String cursor) {
    JsonObject decoded = Cursors.decode(cursor);
    UUID id = Cursors.id(decoded, "i");
    if (!sort.equals(decoded.getValue("s")) || !hash().equals(decoded.getValue("h"))
        || !(decoded.getValue("k") instanceof String key) || !(decoded.getValue("f") instanceof Boolean fuzzy)) {
      throw Problem.invalidField("/cursor", Cursors.NOT_OURS + " (text, filters and sort must stay the same)");
    }
    SortKey.of(sort).value(key);
    return new SearchRequest(text, words, category, tag, minPrice, maxPrice, currency, minRating, seller, inStock,
        sort, limit, new After(fuzzy, key, id));
  }
}
