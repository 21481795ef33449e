package mercato.order;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import mercato.platform.bus.Fields;
import mercato.platform.bus.Problem;
import mercato.platform.bus.Problem.FieldError;
import mercato.platform.ids.Ids;

/**
 * One order as the customer asks for it: lines (or "from my cart"), a shipping address and
 * an optional referral code. Prices, totals and sellers a client sends are ignored: they
 * come from the catalog.
 */
record OrderRequest(boolean fromCart, List<Wanted> lines, JsonObject shippingAddress, String referralCode) {
  static final Pattern REFERRAL = Pattern.compile("[A-Za-z0-9_-]{4,32}");
  static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
  static final int MAX_ADDRESS_FIELD = 200;

  /** A product and how many, as asked. */
  record Wanted(UUID productId, int quantity) {}

  /** The orders of a body: a batch {orders: [...]} or one order. */
  static boolean isBatch(JsonObject body) {
    return body.containsKey("orders");
  }

  static List<JsonObject> batch(JsonObject body, int max) {
    if (!(body.getValue("orders") instanceof JsonArray orders) || orders.isEmpty() || orders.size() > max) {
      throw Problem.invalidField("/orders", "must be a list of 1 to " + max + " orders");
    }
    List<JsonObject> out = new ArrayList<>();
    for (int i = 0; i < orders.size(); i++) {
      if (!(orders.getValue(i) instanceof JsonObject one)) {
        throw Problem.invalidField("/orders/" + i, "must be an object");
      }
      out.add(one);
    }
    return out;
  }

  static OrderRequest parse(JsonObject body, OrderConfig config) {
    List<FieldError> errors = new ArrayList<>();
    boolean fromCart = Boolean.TRUE.equals(body.getValue("fromCart"));
    if (body.containsKey("fromCart") && !(body.getValue("fromCart") instanceof Boolean)) {
      errors.add(new FieldError("/fromCart", "must be true or false"));
    }
    List<Wanted> lines = List.of();
    if (fromCart && body.containsKey("lines")) {
      errors.add(new FieldError("/lines", "must not be sent with fromCart"));
    } else if (!fromCart) {
      lines = lines(body.getValue("lines"), "/lines", config, errors);
    }
    JsonObject address = address(body.getValue("shippingAddress"), "/shippingAddress", errors);
    String referral = referral(body.getValue("referralCode"), errors);
    if (!errors.isEmpty()) {
      throw Problem.validation("The order is invalid.", errors);
    }
    return new OrderRequest(fromCart, lines, address, referral);
  }

  /** Lines as asked, repeated products merged; each quantity within 1..maxQuantity. */
  static List<Wanted> lines(Object value, String pointer, OrderConfig config, List<FieldError> errors) {
    if (!(value instanceof JsonArray array) || array.isEmpty() || array.size() > config.maxLines()) {
      errors.add(new FieldError(pointer, "must be a list of 1 to " + config.maxLines() + " lines"));
      return List.of();
    }
    Map<UUID, Integer> merged = new LinkedHashMap<>();
    for (int i = 0; i < array.size(); i++) {
      String at = pointer + "/" + i;
      if (!(array.getValue(i) instanceof JsonObject line)) {
        errors.add(new FieldError(at, "must be an object"));
        continue;
      }
      UUID product = line.getValue("productId") instanceof String s ? Ids.parse(s) : null;
      if (product == null) {
        errors.add(new FieldError(at + "/productId", "must be a UUID"));
      }
      Object q = line.getValue("quantity");
      if (!(q instanceof Integer || q instanceof Long) || ((Number) q).longValue() < 1
          || ((Number) q).longValue() > config.maxQuantity()) {
        errors.add(new FieldError(at + "/quantity", "must be a whole number from 1 to " + config.maxQuantity()));
        continue;
      }
      if (product != null) {
        merged.merge(product, ((Number) q).intValue(), Integer::sum);
      }
    }
    List<Wanted> out = new ArrayList<>();
    merged.forEach((product, quantity) -> {
      if (quantity > config.maxQuantity()) {
        errors.add(new FieldError(pointer, "asks more than " + config.maxQuantity() + " of " + product));
      }
      out.add(new Wanted(product, quantity));
    });
    return out;
  }

  /** {name, line1, line2?, city, postalCode, region?, country (ISO 3166 alpha-2), phone?}, text only. */
  static JsonObject address(Object value, String pointer, List<FieldError> errors) {
    if (!(value instanceof JsonObject given)) {
      errors.add(new FieldError(pointer, "is required (name, line1, city, postalCode, country)"));
      return null;
    }
    JsonObject address = new JsonObject();
    for (String field : List.of("name", "line1", "line2", "city", "postalCode", "region", "country", "phone")) {
      Object v = given.getValue(field);
      boolean required = List.of("name", "line1", "city", "postalCode", "country").contains(field);
      if (v == null && !required) {
        continue;
      }
      if (!(v instanceof String text) || text.isBlank() || text.length() > MAX_ADDRESS_FIELD) {
        errors.add(new FieldError(pointer + "/" + field, "must be text of 1 to " + MAX_ADDRESS_FIELD + " characters"));
        continue;
      }
      address.put(field, text.strip());
    }
    errors.addAll(Fields.unexpected(given, pointer,
        List.of("name", "line1", "line2", "city", "postalCode", "region", "country", "phone"), "is not an address field"));
    if (address.getValue("country") instanceof String country && !COUNTRY.matcher(country).matches()) {
      errors.add(new FieldError(pointer + "/country", "must be an ISO 3166 alpha-2 code such as DE"));
    }
    return address;
  }

  private static String referral(Object value, List<FieldError> errors) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof String code) || !REFERRAL.matcher(code).matches()) {
      errors.add(new FieldError("/referralCode", "must be 4 to 32 letters, digits, _ or -"));
      return null;
    }
    return code;
  }
}
