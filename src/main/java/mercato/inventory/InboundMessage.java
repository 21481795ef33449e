package mercato.inventory;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import mercato.platform.bus.Problem;
import mercato.platform.bus.TextRules;
import mercato.platform.ids.Ids;

/**
 * One message of {@code mercato.inbound.warehouse-stock}:
 * {@code {messageId, warehouseId, productId | sku, quantity (absolute) | delta, timestamp}}.
 * Pure parsing and validation; a bad message is a {@link Refusal} naming why.
 */
record InboundMessage(String messageId, UUID warehouseId, UUID productId, String sku, Integer quantity, Integer delta,
    Instant timestamp) {

  /** Why a message goes to the dead-letter topic; {@code reason} is a short slug. */
  static final class Refusal extends RuntimeException {
    final String reason;

    Refusal(String reason, String detail) {
      super(detail, null, false, false);
      this.reason = reason;
    }
  }

  static InboundMessage parse(String value) {
    JsonObject json;
    try {
      json = new JsonObject(value == null ? "" : value);
    } catch (DecodeException | ClassCastException e) {
      throw new Refusal("malformed-json", "the value is not a JSON object");
    }
    // The rule every outside text passes: a NUL or a lone surrogate would fail the database, not the record.
    Problem.FieldError text = TextRules.firstViolation(json, "");
    if (text != null) {
      throw new Refusal("invalid-text", text.pointer() + " " + text.detail());
    }
    Object id = json.getValue("messageId");
    if (!(id instanceof String messageId) || messageId.isBlank() || messageId.length() > 200) {
      throw new Refusal("invalid", "/messageId must be a non-empty string of at most 200 characters");
    }
    UUID warehouse = json.getValue("warehouseId") instanceof String w ? Ids.parse(w) : null;
    if (warehouse == null) {
      throw new Refusal("invalid", "/warehouseId must be a UUID");
    }
    UUID product = null;
    String sku = null;
    if (json.getValue("productId") != null) {
      product = json.getValue("productId") instanceof String p ? Ids.parse(p) : null;
      if (product == null) {
        throw new Refusal("invalid", "/productId must be a UUID");
      }
    }
    if (json.getValue("sku") != null) {
      if (!(json.getValue("sku") instanceof String s) || s.isBlank() || s.length() > 100) {
        throw new Refusal("invalid", "/sku must be a non-empty string of at most 100 characters");
      }
      sku = s.strip();
    }
    if ((product == null) == (sku == null)) {
      throw new Refusal("invalid", "exactly one of /productId and /sku is required");
    }
    Integer quantity = whole(json, "quantity", 0);
    Integer delta = whole(json, "delta", -StockLevels.MAX_ON_HAND);
    if ((quantity == null) == (delta == null)) {
      throw new Refusal("invalid", "exactly one of /quantity and /delta is required");
    }
    Instant timestamp;
    try {
      timestamp = Instant.parse(String.valueOf(json.getValue("timestamp")));
    } catch (DateTimeParseException e) {
      throw new Refusal("invalid", "/timestamp must be an ISO-8601 instant such as 2026-01-01T12:00:00Z");
    }
    return new InboundMessage(messageId, warehouse, product, sku, quantity, delta, timestamp);
  }

  private static Integer whole(JsonObject json, String name, int min) {
    Object value = json.getValue(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < min
        || ((Number) value).longValue() > StockLevels.MAX_ON_HAND) {
      throw new Refusal("invalid", "/" + name + " must be a whole number from " + min + " to " + StockLevels.MAX_ON_HAND);
    }
    return ((Number) value).intValue();
  }
}
