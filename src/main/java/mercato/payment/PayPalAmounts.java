package mercato.payment;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Set;

/**
 * Mercato's integer minor units as PayPal's {@code amount} objects ({@code currency_code},
 * {@code value} a decimal string) and back, exactly, by the currency's ISO 4217 exponent
 * (EUR 2: 1999 is "19.99"; JPY 0: 1999 is "1999"), never through a float. PayPal takes
 * HUF and TWD in whole units only, so an amount with a fraction of one of those cannot be
 * sent. Pure functions, no Vert.x.
 */
final class PayPalAmounts {
  /** Currencies PayPal accepts without decimals although ISO 4217 gives them two. */
  static final Set<String> WHOLE_ONLY = Set.of("HUF", "TWD");

  private PayPalAmounts() {}

  /** The decimal string of {@code minor} units of {@code currency}; refuses what PayPal cannot take. */
  static String value(long minor, String currency) {
    if (minor < 0) {
      throw new IllegalArgumentException("a negative amount");
    }
    BigDecimal value = BigDecimal.valueOf(minor, exponent(currency));
    if (WHOLE_ONLY.contains(currency) && value.stripTrailingZeros().scale() > 0) {
      throw new IllegalArgumentException(currency + " amounts are whole units at PayPal, not " + value.toPlainString());
    }
    return WHOLE_ONLY.contains(currency) ? value.setScale(0).toPlainString() : value.toPlainString();
  }

  /** {@code {currency_code, value}}. */
  static JsonObject amount(long minor, String currency) {
    return new JsonObject().put("currency_code", currency).put("value", value(minor, currency));
  }

  /** The minor units of a decimal {@code value} of {@code currency}; refuses more digits than the currency has. */
  static long minor(String value, String currency) {
    if (value == null || !value.matches("\\d{1,15}(\\.\\d{1,6})?")) {
      throw new IllegalArgumentException("not a decimal amount: " + value);
    }
    // longValueExact refuses a value with digits below the minor unit rather than rounding them away
    return new BigDecimal(value).movePointRight(exponent(currency)).longValueExact();
  }

  /** The minor units of a PayPal amount object of {@code currency}; null when it is missing, of another currency or unreadable. */
  static Long minor(Object amount, String currency) {
    if (!(amount instanceof JsonObject money) || !currency.equals(money.getValue("currency_code"))
        || !(money.getValue("value") instanceof String value)) {
      return null;
    }
    try {
      return minor(value, currency);
    } catch (IllegalArgumentException | ArithmeticException e) {
      return null;
    }
  }

  private static int exponent(String currency) {
    int digits = Currency.getInstance(currency).getDefaultFractionDigits();
    if (digits < 0) {
      throw new IllegalArgumentException(currency + " has no minor unit");
    }
    return digits;
  }
}
