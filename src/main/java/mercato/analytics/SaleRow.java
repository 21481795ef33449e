package mercato.analytics;

/** One fact row of an order event below the order level: a seller's group or one of its lines. */
record SaleRow(String level, String groupId, String sellerId, String productId, long amount, long units) {
  static SaleRow group(String groupId, String sellerId, long amount, long units) {
    return new SaleRow("group", groupId, sellerId, null, amount, units);
  }

  static SaleRow line(String groupId, String sellerId, String productId, long amount, long units) {
    return new SaleRow("line", groupId, sellerId, productId, amount, units);
  }

  SaleRow withAmount(long newAmount, long newUnits) {
    return new SaleRow(level, groupId, sellerId, productId, newAmount, newUnits);
  }
}
