package mercato.inventory;

/** Pure stock rules: when thresholds are crossed, and what a set or an adjustment leads to. */
final class StockRules {
  private StockRules() {}

  /** The total available fell to or below the threshold from above it. */
  static boolean fellToLow(int before, int after, int threshold) {
    return after < before && after <= threshold && before > threshold;
  }

  /** The total available went from nothing to something. */
  static boolean backInStock(int before, int after) {
    return before <= 0 && after > 0;
  }

  /** The on-hand delta that an absolute set ({@code onHand}) or an adjustment ({@code delta}) means. */
  static int deltaOnHand(int currentOnHand, Integer onHand, Integer delta) {
    return onHand != null ? onHand - currentOnHand : delta;
  }
}
