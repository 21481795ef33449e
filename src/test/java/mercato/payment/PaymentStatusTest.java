package mercato.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The payment's status and transaction kind texts: what the database allows, what the wire carries. */
class PaymentStatusTest {
  private static final Path MIGRATION = Path.of("src/main/resources/db/payment/V1__payments_transactions_idempotency_webhooks.sql");

  @Test
  void eachStatusIsReadBackFromItsText() {
    for (PaymentStatus status : PaymentStatus.values()) {
      assertThat(PaymentStatus.of(status.text)).isSameAs(status);
    }
  }

  @Test
  void anUnknownStatusIsRefused() {
    for (String text : Arrays.asList("CAPTURED", "Pending", "captured ", "", "refunded", "authorized", null)) {
      assertThatThrownBy(() -> PaymentStatus.of(text)).as(String.valueOf(text))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a payment status");
    }
  }

  @Test
  void theTextsAreExactlyWhatTheTablesAllow() throws IOException {
    String sql = Files.readString(MIGRATION);
    assertThat(Arrays.stream(PaymentStatus.values()).map(s -> s.text))
        .containsExactlyInAnyOrderElementsOf(allowed(sql, "status"));
    assertThat(Arrays.stream(TransactionKind.values()).map(k -> k.text))
        .containsExactlyInAnyOrderElementsOf(allowed(sql, "kind"));
  }

  /** The texts of the first {@code CHECK (<column> IN (...))}. */
  private static List<String> allowed(String sql, String column) {
    Matcher m = Pattern.compile("CHECK \\(" + column + " IN \\(([^)]*)\\)\\)").matcher(sql);
    assertThat(m.find()).as(column + " CHECK").isTrue();
    return Arrays.stream(m.group(1).split(",")).map(s -> s.strip().replace("'", "")).toList();
  }
}
