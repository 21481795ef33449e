package mercato.platform.money;

import io.vertx.core.json.JsonObject;

/** An amount in integer minor units of an ISO 4217 currency; JSON {amount, currency}. */
public record Money(long amount, String currency) {
  public JsonObject toJson() {
    return json(amount, currency);
  }

  public static JsonObject json(long amount, String currency) {
    return new JsonObject().put("amount", amount).put("currency", currency);
  }
}
