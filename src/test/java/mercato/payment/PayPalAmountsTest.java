package mercato.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Minor units to PayPal's decimal strings and back, exactly, by each currency's exponent. */
class PayPalAmountsTest {
  @Test
  void twoDecimalCurrenciesKeepEveryCent() {
    assertThat(PayPalAmounts.value(1999, "EUR")).isEqualTo("19.99");
    assertThat(PayPalAmounts.value(1, "USD")).isEqualTo("0.01");
    assertThat(PayPalAmounts.value(0, "USD")).isEqualTo("0.00");
    assertThat(PayPalAmounts.value(100, "GBP")).isEqualTo("1.00");
    assertThat(PayPalAmounts.value(1010, "EUR")).isEqualTo("10.10");
    // far beyond what a double holds exactly
    assertThat(PayPalAmounts.value(9_007_199_254_740_993L, "USD")).isEqualTo("90071992547409.93");
    assertThat(PayPalAmounts.amount(1234, "EUR"))
        .isEqualTo(new JsonObject().put("currency_code", "EUR").put("value", "12.34"));
  }

  @Test
  void zeroDecimalCurrenciesAreWholeUnits() {
    assertThat(PayPalAmounts.value(1999, "JPY")).isEqualTo("1999");
    assertThat(PayPalAmounts.value(5, "JPY")).isEqualTo("5");
    assertThat(PayPalAmounts.minor("1999", "JPY")).isEqualTo(1999);
    assertThatThrownBy(() -> PayPalAmounts.minor("19.99", "JPY")).isInstanceOf(ArithmeticException.class);
  }

  @Test
  void currenciesPayPalTakesWholeOnlyRefuseAFraction() {
    assertThat(PayPalAmounts.value(150000, "HUF")).isEqualTo("1500");
    assertThat(PayPalAmounts.value(100, "TWD")).isEqualTo("1");
    assertThatThrownBy(() -> PayPalAmounts.value(150050, "HUF")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decimalsComeBackAsTheSameMinorUnits() {
    for (long minor : new long[] {0, 1, 9, 10, 99, 100, 101, 1999, 123456789}) {
      assertThat(PayPalAmounts.minor(PayPalAmounts.value(minor, "EUR"), "EUR")).isEqualTo(minor);
      assertThat(PayPalAmounts.minor(PayPalAmounts.value(minor, "JPY"), "JPY")).isEqualTo(minor);
    }
    assertThat(PayPalAmounts.minor("12.3", "EUR")).isEqualTo(1230);
    assertThat(PayPalAmounts.minor("12", "EUR")).isEqualTo(1200);
    assertThatThrownBy(() -> PayPalAmounts.minor("12.345", "EUR")).isInstanceOf(ArithmeticException.class);
    for (String bad : new String[] {"-1.00", "1e3", "1,00", " 1.00", "", "0x10", "1.", ".5"}) {
      assertThatThrownBy(() -> PayPalAmounts.minor(bad, "EUR")).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(PayPalAmounts.minor(new JsonObject().put("currency_code", "EUR").put("value", "7.05"), "EUR"))
        .isEqualTo(705L);
    assertThat(PayPalAmounts.minor(new JsonObject().put("currency_code", "USD").put("value", "7.05"), "EUR")).isNull();
    assertThat(PayPalAmounts.minor(new JsonObject().put("currency_code", "EUR").put("value", 7.05), "EUR")).isNull();
    assertThat(PayPalAmounts.minor((Object) null, "EUR")).isNull();
  }

  @Test
  void negativeAmountsAreRefused() {
    assertThatThrownBy(() -> PayPalAmounts.value(-1, "EUR")).isInstanceOf(IllegalArgumentException.class);
  }
}
