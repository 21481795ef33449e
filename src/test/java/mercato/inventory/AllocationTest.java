package mercato.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import mercato.inventory.Allocation.Line;
import mercato.inventory.Allocation.Offer;
import mercato.inventory.Allocation.Pick;
import mercato.inventory.Allocation.Plan;
import org.junit.jupiter.api.Test;

/** The allocation strategy, without a database. */
class AllocationTest {
  static final UUID A = UUID.randomUUID();
  static final UUID B = UUID.randomUUID();
  static final UUID C = UUID.randomUUID();
  static final UUID W1 = UUID.randomUUID();
  static final UUID W2 = UUID.randomUUID();
  static final UUID W3 = UUID.randomUUID();

  static List<Line> lines(Object... productAndQuantity) {
    List<Line> lines = new ArrayList<>();
    for (int i = 0; i < productAndQuantity.length; i += 2) {
      lines.add(new Line(i / 2, (UUID) productAndQuantity[i], (Integer) productAndQuantity[i + 1]));
    }
    return lines;
  }

  @Test
  void oneWarehouseThatShipsEverythingBeatsABetterPriorityPair() {
    Plan plan = Allocation.plan(lines(A, 2, B, 2), List.of(
        new Offer(A, W1, 10, 1), new Offer(A, W2, 10, 2), new Offer(B, W2, 10, 2)));
    assertThat(plan.picks()).containsExactlyInAnyOrder(new Pick(A, W2, 2), new Pick(B, W2, 2));
  }

  @Test
  void theFewestWarehousesWhenNoneShipsEverything() {
    // W2 alone ships B; W3 ships B and C; W1 alone ships A: {W1, W3} beats {W1, W2, W3}.
    Plan plan = Allocation.plan(lines(A, 1, B, 1, C, 1), List.of(
        new Offer(A, W1, 5, 1), new Offer(B, W2, 5, 2), new Offer(B, W3, 5, 3), new Offer(C, W3, 5, 3)));
    assertThat(plan.picks()).containsExactlyInAnyOrder(new Pick(A, W1, 1), new Pick(B, W3, 1), new Pick(C, W3, 1));
  }

  @Test
  void priorityBreaksTies() {
    Plan plan = Allocation.plan(lines(A, 3), List.of(new Offer(A, W2, 5, 7), new Offer(A, W1, 5, 3),
        new Offer(A, W3, 5, 9)));
    assertThat(plan.picks()).containsExactly(new Pick(A, W1, 3));
    Plan pair = Allocation.plan(lines(A, 1, B, 1), List.of(new Offer(A, W1, 5, 5), new Offer(B, W1, 5, 5),
        new Offer(A, W2, 5, 1), new Offer(B, W2, 5, 1)));
    assertThat(pair.picks()).containsExactlyInAnyOrder(new Pick(A, W2, 1), new Pick(B, W2, 1));
  }

  @Test
  void aLineNoWarehouseHoldsWholeIsSplitChosenWarehousesFirst() {
    Plan plan = Allocation.plan(lines(A, 10, B, 1), List.of(
        new Offer(A, W1, 6, 1), new Offer(A, W2, 6, 2), new Offer(A, W3, 6, 3), new Offer(B, W3, 1, 3)));
    // B pins W3; A takes W3's 6 first, then 4 from W1 (the better priority of the rest).
    assertThat(plan.picks()).containsExactlyInAnyOrder(new Pick(B, W3, 1), new Pick(A, W3, 6), new Pick(A, W1, 4));
  }

  @Test
  void shortLinesAreNamedAndNothingIsPicked() {
    Plan plan = Allocation.plan(lines(A, 1, B, 20, C, 1), List.of(new Offer(A, W1, 5, 1), new Offer(B, W1, 10, 1),
        new Offer(B, W2, 9, 1)));
    assertThat(plan.feasible()).isFalse();
    assertThat(plan.short_()).extracting(Line::index).containsExactly(1, 2);
    assertThat(plan.picks()).isEmpty();
  }

  @Test
  void thresholdsAreCrossingsNotLevels() {
    assertThat(StockRules.fellToLow(6, 5, 5)).isTrue();
    assertThat(StockRules.fellToLow(5, 4, 5)).isFalse();
    assertThat(StockRules.fellToLow(3, 4, 5)).isFalse();
    assertThat(StockRules.backInStock(0, 1)).isTrue();
    assertThat(StockRules.backInStock(1, 2)).isFalse();
  }
}
