package mercato.cart;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Pure rules of a cart read: each line joined with what catalog and inventory say now,
 * flagged when it cannot be bought as is, and totals per seller and overall (minor units,
 * one total per currency) over the lines without issues.
 */
final class Pricing {
  static final String INACTIVE = "inactive";
  static final String OUT_OF_STOCK = "out-of-stock";
  static final String INSUFFICIENT = "insufficient-stock";

  private Pricing() {}

  /** The issues of one line: the product is gone or not active, or its stock is short. */
  static List<String> issues(JsonObject product, Integer available, int quantity) {
    List<String> issues = new ArrayList<>();
    if (product == null || product.getBoolean("deleted", false) || !"active".equals(product.getString("status"))) {
      issues.add(INACTIVE);
    }
    int stock = available == null ? 0 : available;
    if (stock <= 0) {
      issues.add(OUT_OF_STOCK);
    } else if (stock < quantity) {
      issues.add(INSUFFICIENT);
    }
    return issues;
  }

  static JsonObject line(CartRepository.Line line, JsonObject product, Integer available) {
    JsonObject json = new JsonObject().put("id", line.id().toString())
        .put("productId", line.productId().toString()).put("quantity", line.quantity())
        .put("available", available == null ? 0 : Math.max(0, available));
    if (product != null) {
      JsonObject price = product.getJsonObject("price");
      json.put("sellerId", product.getString("sellerId")).put("sku", product.getString("sku"))
          .put("name", product.getString("name")).put("status", product.getString("status"));
      if (price != null) {
        json.put("unitPrice", price.copy()).put("lineTotal", new JsonObject()
            .put("amount", price.getLong("amount") * line.quantity()).put("currency", price.getString("currency")));
      }
    }
    return json.put("issues", new JsonArray(issues(product, available, line.quantity())));
  }

  /**
   * The cart as a client sees it. {@code products} by id as catalog answered, {@code available}
   * by product id as inventory answered.
   */
  static JsonObject cart(UUID cartId, List<CartRepository.Line> lines, Map<String, JsonObject> products,
      Map<String, Integer> available) {
    JsonArray out = new JsonArray();
    Map<String, Long> totals = new LinkedHashMap<>();
    Map<String, Map<String, Long>> sellers = new LinkedHashMap<>();
    int units = 0;
    for (CartRepository.Line line : lines) {
      String product = line.productId().toString();
      JsonObject json = line(line, products.get(product), available.get(product));
      out.add(json);
      if (json.getJsonArray("issues").isEmpty() && json.containsKey("lineTotal")) {
        JsonObject total = json.getJsonObject("lineTotal");
        String currency = total.getString("currency");
        long amount = total.getLong("amount");
        totals.merge(currency, amount, Long::sum);
        sellers.computeIfAbsent(json.getString("sellerId"), k -> new LinkedHashMap<>()).merge(currency, amount, Long::sum);
        units += line.quantity();
      }
    }
    JsonArray totalList = new JsonArray();
    totals.forEach((currency, amount) -> totalList.add(money(amount, currency)));
    JsonArray sellerList = new JsonArray();
    sellers.forEach((seller, byCurrency) -> byCurrency.forEach((currency, amount) ->
        sellerList.add(new JsonObject().put("sellerId", seller).put("total", money(amount, currency)))));
    return new JsonObject().put("cartId", cartId == null ? null : cartId.toString()).put("lines", out)
        .put("sellers", sellerList).put("totals", totalList).put("units", units);
  }

  /**
   * The merged quantity of a product found in both carts: the sum, capped by what is
   * available (never below what the customer already had, never above the line maximum).
   * A guest line with nothing available is kept as is, to show up flagged.
   */
  static int merged(int customer, int guest, Integer available, int maxQuantity) {
    int stock = available == null ? 0 : Math.max(0, available);
    int merged = Math.max(customer, Math.min(customer + guest, stock));
    if (merged == 0) {
      merged = guest;
    }
    return Math.min(merged, maxQuantity);
  }

  private static JsonObject money(long amount, String currency) {
    return new JsonObject().put("amount", amount).put("currency", currency);
  }
}
