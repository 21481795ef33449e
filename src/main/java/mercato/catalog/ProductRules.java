package mercato.catalog;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import mercato.platform.bus.Problem;
import mercato.platform.ids.Ids;
import mercato.platform.money.Money;

/**
 * Product field rules. The contract checks shapes at the edge; these hold for every caller,
 * the bus included, and say what a schema cannot (currency codes, absolute image URLs,
 * the attributes' encoded size). Each failure points at its field.
 */
final class ProductRules {
  static final int MAX_NAME = 200;
  static final int MAX_SLUG = 120;
  static final int MAX_DESCRIPTION = 10_000;
  static final int MAX_TAGS = 20;
  static final int MAX_TAG = 40;
  static final int MAX_IMAGES = 20;
  static final int MAX_ATTRIBUTES_BYTES = 8_192;
  static final long MAX_AMOUNT = 1_000_000_000_000L;
  static final Set<String> STATUSES = Set.of("draft", "active", "archived");
  static final Set<String> FIELDS = Set.of("name", "slug", "description", "price", "status", "categoryId", "tags",
      "attributes", "images", "sku", "lowStockThreshold");
  static final Pattern SLUG = Pattern.compile("^[a-z0-9]+(?:-[a-z0-9]+)*$");
  static final Pattern SKU = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$");
  private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
      .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());

  private ProductRules() {}

  static void requireFields(JsonObject body, String... names) {
    for (String name : names) {
      if (body.getValue(name) == null) {
        throw Problem.invalidField("/" + name, "is required");
      }
    }
  }

  static String name(JsonObject body) {
    return text(body, "name", MAX_NAME);
  }

  static String slug(JsonObject body) {
    String slug = text(body, "slug", MAX_SLUG);
    if (!SLUG.matcher(slug).matches()) {
      throw Problem.invalidField("/slug", "must be lowercase letters and digits separated by single hyphens");
    }
    return slug;
  }

  /** A slug derived from a name: accents dropped, lowercase, runs of other characters as one hyphen. */
  static String slugOf(String name) {
    String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (slug.length() > MAX_SLUG - 9) {
      slug = slug.substring(0, MAX_SLUG - 9).replaceAll("-+$", "");
    }
    return slug.isEmpty() ? "product" : slug;
  }

  static String description(JsonObject body) {
    Object value = body.getValue("description");
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw Problem.invalidField("/description", "must be a string");
    }
    if (text.length() > MAX_DESCRIPTION) {
      throw Problem.invalidField("/description", "must be at most " + MAX_DESCRIPTION + " characters");
    }
    return text;
  }

  static Money price(JsonObject body) {
    if (!(body.getValue("price") instanceof JsonObject price)) {
      throw Problem.invalidField("/price", "must be an object {amount, currency}");
    }
    Object amount = price.getValue("amount");
    if (!(amount instanceof Number number) || amount instanceof Double || amount instanceof Float) {
      throw Problem.invalidField("/price/amount", "must be an integer number of minor units");
    }
    if (number.longValue() < 0) {
      throw Problem.invalidField("/price/amount", "must not be negative");
    }
    if (number.longValue() > MAX_AMOUNT) {
      throw Problem.invalidField("/price/amount", "must be at most " + MAX_AMOUNT);
    }
    String currency = price.getValue("currency") instanceof String code ? code : null;
    if (currency == null || !CURRENCIES.contains(currency)) {
      throw Problem.invalidField("/price/currency", "must be an ISO 4217 currency code such as EUR");
    }
    return new Money(number.longValue(), currency);
  }

  static boolean isCurrency(String code) {
    return code != null && CURRENCIES.contains(code);
  }

  static String status(JsonObject body) {
    Object status = body.getValue("status");
    if (!(status instanceof String text) || !STATUSES.contains(text)) {
      throw Problem.invalidField("/status", "must be one of draft, active, archived");
    }
    return text;
  }

  static UUID categoryId(JsonObject body) {
    Object value = body.getValue("categoryId");
    if (value == null) {
      return null;
    }
    UUID id = value instanceof String text ? Ids.parse(text) : null;
    if (id == null) {
      throw Problem.invalidField("/categoryId", "must be a category id");
    }
    return id;
  }

  static List<String> tags(JsonObject body) {
    if (!(body.getValue("tags") instanceof JsonArray tags)) {
      throw Problem.invalidField("/tags", "must be an array of tags");
    }
    if (tags.size() > MAX_TAGS) {
      throw Problem.invalidField("/tags", "must have at most " + MAX_TAGS + " tags");
    }
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i < tags.size(); i++) {
      Object tag = tags.getValue(i);
      if (!(tag instanceof String text) || !isTag(text)) {
        throw Problem.invalidField("/tags/" + i, "must be a lowercase slug of 1 to " + MAX_TAG + " characters");
      }
      out.add(text);
    }
    return List.copyOf(out);
  }

  static boolean isTag(String text) {
    return text != null && !text.isEmpty() && text.length() <= MAX_TAG && SLUG.matcher(text).matches();
  }

  static JsonObject attributes(JsonObject body) {
    if (!(body.getValue("attributes") instanceof JsonObject attributes)) {
      throw Problem.invalidField("/attributes", "must be a JSON object");
    }
    if (attributes.encode().getBytes(StandardCharsets.UTF_8).length > MAX_ATTRIBUTES_BYTES) {
      throw Problem.invalidField("/attributes", "must encode to at most " + MAX_ATTRIBUTES_BYTES + " bytes");
    }
    return attributes;
  }

  /** Ordered {url, alt}; URLs must be absolute http(s) with a host. They are stored, never fetched. */
  static JsonArray images(JsonObject body) {
    if (!(body.getValue("images") instanceof JsonArray images)) {
      throw Problem.invalidField("/images", "must be an array of {url, alt}");
    }
    if (images.size() > MAX_IMAGES) {
      throw Problem.invalidField("/images", "must have at most " + MAX_IMAGES + " images");
    }
    List<JsonObject> out = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      if (!(images.getValue(i) instanceof JsonObject image)) {
        throw Problem.invalidField("/images/" + i, "must be an object {url, alt}");
      }
      Object url = image.getValue("url");
      if (!(url instanceof String text) || !isWebUrl(text)) {
        throw Problem.invalidField("/images/" + i + "/url", "must be an absolute http or https URL");
      }
      Object alt = image.getValue("alt");
      if (alt != null && (!(alt instanceof String altText) || altText.length() > 300)) {
        throw Problem.invalidField("/images/" + i + "/alt", "must be a string of at most 300 characters");
      }
      out.add(new JsonObject().put("url", text).put("alt", alt == null ? "" : alt));
    }
    return new JsonArray(out);
  }

  static boolean isWebUrl(String text) {
    if (text.length() > 2048) {
      return false;
    }
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return uri.isAbsolute() && (scheme.equals("https") || scheme.equals("http"))
          && uri.getHost() != null && !uri.getHost().isEmpty() && uri.getUserInfo() == null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  static String sku(JsonObject body) {
    String sku = text(body, "sku", 64);
    if (!SKU.matcher(sku).matches()) {
      throw Problem.invalidField("/sku", "must be 1 to 64 letters, digits or . _ / - starting with a letter or digit");
    }
    return sku;
  }

  static int lowStockThreshold(JsonObject body) {
    Object value = body.getValue("lowStockThreshold");
    if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < 0
        || ((Number) value).longValue() > 1_000_000) {
      throw Problem.invalidField("/lowStockThreshold", "must be an integer from 0 to 1000000");
    }
    return ((Number) value).intValue();
  }

  private static String text(JsonObject body, String name, int max) {
    Object value = body.getValue(name);
    if (!(value instanceof String text) || text.isBlank()) {
      throw Problem.invalidField("/" + name, "must be a non-empty string");
    }
    String trimmed = text.strip();
    if (trimmed.length() > max) {
      throw Problem.invalidField("/" + name, "must be at most " + max + " characters");
    }
    return trimmed;
  }
}
