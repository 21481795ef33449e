package mercato.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mercato.order.api.OrderStates;
import org.junit.jupiter.api.Test;

/** The order's and the groups' status texts: what the database allows, what the wire carries. */
class OrderStatusTest {
  private static final Path MIGRATION = Path.of("src/main/resources/db/order/V1__orders_groups_lines_history.sql");

  @Test
  void eachOrderStatusIsReadBackFromItsText() {
    for (OrderStatus status : OrderStatus.values()) {
      assertThat(OrderStatus.of(status.text)).isSameAs(status);
      assertThat(OrderStatus.find(status.text)).contains(status);
    }
  }

  @Test
  void eachGroupStatusIsReadBackFromItsText() {
    for (GroupStatus status : GroupStatus.values()) {
      assertThat(GroupStatus.of(status.text)).isSameAs(status);
      assertThat(GroupStatus.find(status.text)).contains(status);
    }
  }

  @Test
  void anUnknownTextIsRefused() {
    for (String text : Arrays.asList("PAID", "Paid", "paid ", "", "partially-refunded", "lost", null)) {
      assertThatThrownBy(() -> OrderStatus.of(text)).as(String.valueOf(text))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an order status");
      assertThat(OrderStatus.find(text)).isEmpty();
    }
    // Statuses of the order alone are not a group's.
    for (String text : Arrays.asList("payment_failed", "partially_refunded", "SHIPPED", null)) {
      assertThatThrownBy(() -> GroupStatus.of(text)).as(String.valueOf(text))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a group status");
    }
  }

  @Test
  void theTextsAreExactlyWhatTheTablesAllow() throws IOException {
    String sql = Files.readString(MIGRATION);
    assertThat(Arrays.stream(OrderStatus.values()).map(s -> s.text))
        .containsExactlyInAnyOrderElementsOf(allowed(sql, "orders"));
    assertThat(Arrays.stream(GroupStatus.values()).map(s -> s.text))
        .containsExactlyInAnyOrderElementsOf(allowed(sql, "order_groups"));
  }

  @Test
  void theTextsOtherDomainsCompareAreTheEnumsOwn() {
    assertThat(OrderStatus.PENDING_PAYMENT.text).isEqualTo(OrderStates.PENDING_PAYMENT).isEqualTo("pending_payment");
    assertThat(OrderStatus.PAYMENT_FAILED.text).isEqualTo(OrderStates.PAYMENT_FAILED).isEqualTo("payment_failed");
    assertThat(OrderStatus.CANCELLED.text).isEqualTo(OrderStates.CANCELLED).isEqualTo("cancelled");
  }

  @Test
  void aFilterNamingNoStatusIsToldTheSortedTexts() {
    assertThat(OrderQueries.STATUS_TEXTS).isEqualTo("cancelled, delivered, fulfilling, paid, partially_refunded, "
        + "payment_failed, pending_payment, refunded, shipped");
  }

  /** The texts of {@code table}'s {@code CHECK (status IN (...))}. */
  private static List<String> allowed(String sql, String table) {
    Matcher m = Pattern.compile("CREATE TABLE " + table + " \\(.*?CHECK \\(status IN \\(([^)]*)\\)\\)",
        Pattern.DOTALL).matcher(sql);
    assertThat(m.find()).as("status CHECK of " + table).isTrue();
    return Arrays.stream(m.group(1).split(",")).map(s -> s.strip().replace("'", "")).toList();
  }
}
