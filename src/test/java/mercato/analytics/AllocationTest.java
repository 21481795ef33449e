package mercato.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The pro-rata split of refunds: whole units, exact sums, deterministic ties, odd weights. */
class AllocationTest {
  @Test
  void splitsInProportionAndTheRemainderGoesToTheLargestFractions() {
    assertThat(Allocation.proRata(900, new long[] {2000, 250})).containsExactly(800, 100);
    assertThat(Allocation.proRata(429, new long[] {2000, 250})).containsExactly(381, 48);
    assertThat(Allocation.proRata(1001, new long[] {2250, 3000})).containsExactly(429, 572);
    assertThat(Allocation.proRata(10, new long[] {1, 1, 1})).containsExactly(4, 3, 3);
  }

  @Test
  void zeroOrNegativeWeightsAndHugeAmountsStillAddUp() {
    assertThat(Allocation.proRata(5, new long[] {0, 0})).containsExactly(3, 2);
    assertThat(Allocation.proRata(7, new long[] {-5, 10})).containsExactly(0, 7);
    assertThat(Allocation.proRata(Long.MAX_VALUE / 2, new long[] {Long.MAX_VALUE / 4, Long.MAX_VALUE / 4}))
        .containsExactly(Long.MAX_VALUE / 4 + 1, Long.MAX_VALUE / 4);
    assertThat(Allocation.proRata(100, new long[] {})).isEmpty();
    Random random = new Random(7);
    for (int i = 0; i < 1000; i++) {
      long amount = random.nextInt(1_000_000);
      long[] weights = random.longs(1 + random.nextInt(6), 0, 100_000).toArray();
      long[] shares = Allocation.proRata(amount, weights);
      assertThat(Arrays.stream(shares).sum()).isEqualTo(amount);
      assertThat(Arrays.stream(shares).allMatch(s -> s >= 0)).isTrue();
    }
  }

  @Test
  void aRefundNamingAGroupStaysInThatGroup() {
    List<SaleRow> sold = List.of(SaleRow.group("g1", "a", 2250, 3), SaleRow.line("g1", "a", "p1", 2000, 2),
        SaleRow.line("g1", "a", "p2", 250, 1), SaleRow.group("g2", "b", 3000, 1), SaleRow.line("g2", "b", "p3", 3000, 1));
    List<SaleRow> rows = OrderFacts.allocate(900, "g1", sold);
    assertThat(rows).extracting(SaleRow::productId, SaleRow::amount)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(null, 900L), org.assertj.core.groups.Tuple.tuple("p1", 800L),
            org.assertj.core.groups.Tuple.tuple("p2", 100L));
    assertThat(OrderFacts.allocate(1001, null, sold)).filteredOn(r -> r.level().equals("group"))
        .extracting(SaleRow::amount).containsExactly(429L, 572L);
    assertThat(OrderFacts.allocate(50, "unknown", sold)).filteredOn(r -> r.level().equals("group"))
        .extracting(SaleRow::amount).containsExactly(21L, 29L);
  }
}
