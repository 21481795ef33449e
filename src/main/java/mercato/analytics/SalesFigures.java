package mercato.analytics;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/**
 * The sales figures of one row of a report, in minor units of its currency: gross revenue
 * (totals of the orders paid), refunds (refunded amounts, by refund day), revenue = gross -
 * refunds, orders paid, units paid, average order value = revenue / orders (integer
 * division; null without orders), and where the rollup has them orders placed, their
 * amount and orders cancelled.
 */
final class SalesFigures {
  private SalesFigures() {}

  static JsonObject of(Row row) {
    long orders = row.getLong("orders");
    long gross = row.getLong("gross");
    long refunds = row.getLong("refunds");
    long revenue = gross - refunds;
    JsonObject json = new JsonObject()
        .put("currency", row.getString("currency"))
        .put("orders", orders)
        .put("units", row.getLong("units"))
        .put("grossRevenue", gross)
        .put("refunds", refunds)
        .put("revenue", revenue)
        .put("averageOrderValue", averageOrderValue(revenue, orders));
    if (row.getColumnIndex("placed_orders") >= 0) {
      json.put("placedOrders", row.getLong("placed_orders"))
          .put("placedAmount", row.getLong("placed_amount"))
          .put("cancelledOrders", row.getLong("cancelled"));
    }
    return json;
  }

  static Long averageOrderValue(long revenue, long orders) {
    return orders == 0 ? null : revenue / orders;
  }
}
