package mercato.catalog;

import io.vertx.core.json.JsonObject;

/** An amount in integer minor units of an ISO 4217 currency. */
record Money(long amount, String currency) {
  JsonObject toJson() {
    return new JsonObject().put("amount", amount).put("currency", currency);
  }
}
