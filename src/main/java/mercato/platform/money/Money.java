package mercato.platform.money;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.Currency;

/** An amount in integer minor units of an ISO 4217 currency; JSON {amount, currency}. */
public record Money(long amount, String currency) {
  public JsonObject toJson() {
    return json(amount, currency);
  }

  public static JsonObject json(long amount, String currency) {
    return new JsonObject().put("amount", amount).put("currency", currency);
  }

  /** 1999 EUR -> "19.99 EUR": the currency's own minor-unit digits, no float on the way. */
  public static String text(JsonObject money) {
    String currency = money.getString("currency");
    int digits;
    try {
      digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
    } catch (IllegalArgumentException e) {
      digits = 2;
    }
    return BigDecimal.valueOf(money.getLong("amount"), digits).toPlainString() + " " + currency;
  }
}
