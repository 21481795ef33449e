package mercato.affiliate;

import java.math.BigInteger;

/**
 * The arithmetic of commissions, in minor units, always rounded down (the marketplace never
 * pays a fraction of a cent it did not earn). BigInteger keeps large totals from overflowing.
 */
final class CommissionRules {
  static final int FULL_BPS = 10_000;

  private CommissionRules() {}

  /** floor(total * rateBps / 10000). */
  static long commission(long total, int rateBps) {
    if (total <= 0 || rateBps <= 0) {
      return 0;
    }
    return BigInteger.valueOf(total).multiply(BigInteger.valueOf(rateBps))
        .divide(BigInteger.valueOf(FULL_BPS)).longValueExact();
  }

  /**
   * What a commission of {@code original} is worth once {@code refundedTotal} of an order
   * totalling {@code total} was refunded: floor(original * (total - refundedTotal) / total),
   * never below zero.
   */
  static long afterRefund(long original, long total, long refundedTotal) {
    if (total <= 0 || original <= 0) {
      return 0;
    }
    long remaining = Math.max(0, total - Math.max(0, refundedTotal));
    return BigInteger.valueOf(original).multiply(BigInteger.valueOf(remaining))
        .divide(BigInteger.valueOf(total)).longValueExact();
  }
}
