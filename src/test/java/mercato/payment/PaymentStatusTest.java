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
  private static final Path MIGRATIONS = Path.of("src/main/resources/db/payment");

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
    String sql = migrations();
    assertThat(Arrays.stream(PaymentStatus.values()).map(s -> s.text))
        .containsExactlyInAnyOrderElementsOf(allowed(sql, "status"));
    assertThat(Arrays.stream(TransactionKind.values()).map(k -> k.text))
        .containsExactlyInAnyOrderElementsOf(allowed(sql, "kind"));
  }

  @Test
  void capturedAndFailedAreFinalAndNothingMovesBack() {
    for (PaymentStatus final_ : List.of(PaymentStatus.CAPTURED, PaymentStatus.FAILED)) {
      for (PaymentStatus next : PaymentStatus.values()) {
        assertThat(final_.canMoveTo(next)).as(final_ + " -> " + next).isFalse();
      }
    }
    assertThat(PaymentStatus.PENDING.canMoveTo(PaymentStatus.CAPTURED)).isTrue();
    assertThat(PaymentStatus.PENDING.canMoveTo(PaymentStatus.FAILED)).isTrue();
    assertThat(PaymentStatus.PENDING.canMoveTo(PaymentStatus.UNKNOWN)).isFalse();
    assertThat(PaymentStatus.PENDING.canMoveTo(PaymentStatus.PROCESSING)).isFalse();
    assertThat(PaymentStatus.UNKNOWN.canMoveTo(PaymentStatus.CAPTURED)).isTrue();
    assertThat(PaymentStatus.UNKNOWN.canMoveTo(PaymentStatus.PENDING)).isTrue();
    assertThat(PaymentStatus.UNKNOWN.canMoveTo(PaymentStatus.PROCESSING)).isFalse();
    assertThat(PaymentStatus.PROCESSING.canMoveTo(PaymentStatus.UNKNOWN)).isTrue();
    for (PaymentStatus status : PaymentStatus.values()) {
      assertThat(status.canMoveTo(status)).as(status + " -> itself").isFalse();
    }
  }

  /** Every payment migration, in version order. */
  private static String migrations() throws IOException {
    try (var files = Files.list(MIGRATIONS)) {
      List<Path> sorted = files.sorted(java.util.Comparator.comparingInt(
          p -> Integer.parseInt(p.getFileName().toString().replaceAll("^V(\\d+)__.*", "$1")))).toList();
      StringBuilder all = new StringBuilder();
      for (Path file : sorted) {
        all.append(Files.readString(file)).append('\n');
      }
      return all.toString();
    }
  }

  /** The texts of the last {@code CHECK (<column> IN (...))}: the one a later migration put in place. */
  private static List<String> allowed(String sql, String column) {
    Matcher m = Pattern.compile("CHECK \\(" + column + " IN \\(([^)]*)\\)\\)").matcher(sql);
    String last = null;
    while (m.find()) {
      last = m.group(1);
    }
    assertThat(last).as(column + " CHECK").isNotNull();
    return Arrays.stream(last.split(",")).map(s -> s.strip().replace("'", "")).toList();
  }
}
