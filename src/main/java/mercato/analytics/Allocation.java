package mercato.analytics;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Splits an amount of minor units over parts in proportion to their weights (largest
 * remainder): the shares are whole units and always add up to the amount. Ties in the
 * remainders go to the earlier part, so the split is deterministic (a rebuild repeats it).
 */
final class Allocation {
  private Allocation() {}

  static long[] proRata(long amount, long[] weights) {
    int n = weights.length;
    long[] shares = new long[n];
    if (n == 0) {
      return shares;
    }
    long[] w = Arrays.stream(weights).map(x -> Math.max(0, x)).toArray();
    if (Arrays.stream(w).sum() == 0) {
      Arrays.fill(w, 1);
    }
    BigInteger total = BigInteger.valueOf(Arrays.stream(w).sum());
    BigInteger whole = BigInteger.valueOf(amount);
    long[] remainders = new long[n];
    long given = 0;
    for (int i = 0; i < n; i++) {
      BigInteger[] division = whole.multiply(BigInteger.valueOf(w[i])).divideAndRemainder(total);
      shares[i] = division[0].longValueExact();
      remainders[i] = division[1].longValueExact();
      given += shares[i];
    }
    long left = amount - given;
    int[] order = IntStream.range(0, n).boxed()
        .sorted(Comparator.<Integer>comparingLong(i -> -remainders[i]).thenComparingInt(i -> i))
        .mapToInt(Integer::intValue).toArray();
    for (int k = 0; left > 0; k = (k + 1) % n, left--) {
      shares[order[k]]++;
    }
    return shares;
  }
}
