package mercato.analytics;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import mercato.platform.events.Event;

/**
 * Turns order events into sale facts: one order row, one row per seller group and one per
 * line. Placed and paid events carry their groups and lines; a cancellation takes the
 * groups of the placed order; a refund's amount is allocated to the paid order's groups
 * (all to the refunded group when it names one, else in proportion to the group totals)
 * and within a group to its lines in proportion to the line totals.
 */
final class OrderFacts {
  private static final String INSERT_ROW = """
      INSERT INTO sale_fact (event_id, row_no, kind, level, order_id, refund_id, group_id, seller_id, product_id,
                             day, currency, amount, units)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
      ON CONFLICT DO NOTHING
      RETURNING row_no
      """;
  private static final String ROWS_OF_ORDER = """
      SELECT level, group_id, seller_id, product_id, amount, units FROM sale_fact
       WHERE order_id = $1 AND kind = $2 AND level <> 'order'
       ORDER BY row_no
      """;

  private OrderFacts() {}

  /** Records the facts of {@code event}; false when the same order fact was already recorded under another id. */
  static Future<Boolean> record(SqlConnection tx, Event event, String kind) {
    JsonObject data = event.data();
    String orderId = EventFields.text(data, "orderId");
    return switch (kind) {
      case "placed", "paid" -> {
        String currency = EventFields.currency(data, "total");
        LocalDate day = EventFields.day(EventFields.instant(event, kind.equals("paid") ? "paidAt" : "placedAt"));
        List<SaleRow> rows = groupsAndLines(data, currency);
        long units = rows.stream().filter(r -> r.level().equals("line")).mapToLong(SaleRow::units).sum();
        yield insert(tx, event, kind, orderId, null, day, currency, EventFields.amount(data, "total", currency), units,
            rows);
      }
      case "cancelled" -> {
        String currency = EventFields.currency(data, "total");
        LocalDate day = EventFields.day(EventFields.instant(event, "cancelledAt"));
        long total = EventFields.amount(data, "total", currency);
        yield rowsOf(tx, orderId, "placed").compose(placed -> insert(tx, event, kind, orderId, null, day, currency,
            total, 0, placed.stream().filter(r -> r.level().equals("group")).map(r -> r.withAmount(r.amount(), 0))
                .toList()));
      }
      case "refund" -> {
        String currency = EventFields.currency(data, "amount");
        LocalDate day = EventFields.day(EventFields.instant(event, "refundedAt"));
        long amount = EventFields.amount(data, "amount", currency);
        String refundId = EventFields.text(data, "refundId");
        String groupId = EventFields.optionalText(data, "groupId");
        yield rowsOf(tx, orderId, "paid")
            .compose(paid -> paid.isEmpty() ? rowsOf(tx, orderId, "placed") : Future.succeededFuture(paid))
            .compose(sold -> insert(tx, event, kind, orderId, refundId, day, currency, amount, 0,
                allocate(amount, groupId, sold)));
      }
      default -> throw new IllegalArgumentException("no sale facts for " + kind);
    };
  }

  /** The group and line rows of a placed or paid order, from its payload. */
  static List<SaleRow> groupsAndLines(JsonObject data, String currency) {
    List<SaleRow> rows = new ArrayList<>();
    JsonArray groups = EventFields.array(data, "groups");
    for (int g = 0; g < groups.size(); g++) {
      JsonObject group = groups.getJsonObject(g);
      String groupId = EventFields.text(group, "groupId");
      String sellerId = EventFields.text(group, "sellerId");
      List<SaleRow> lines = new ArrayList<>();
      JsonArray items = EventFields.array(group, "lines");
      for (int l = 0; l < items.size(); l++) {
        JsonObject line = items.getJsonObject(l);
        lines.add(SaleRow.line(groupId, sellerId, EventFields.text(line, "productId"),
            EventFields.amount(line, "lineTotal", currency), EventFields.whole(line, "quantity")));
      }
      rows.add(SaleRow.group(groupId, sellerId, EventFields.amount(group, "total", currency),
          lines.stream().mapToLong(SaleRow::units).sum()));
      rows.addAll(lines);
    }
    return rows;
  }

  /** The refund's rows: its amount split over the sold groups, then over each group's lines. */
  static List<SaleRow> allocate(long amount, String groupId, List<SaleRow> sold) {
    List<SaleRow> groups = sold.stream().filter(r -> r.level().equals("group")).toList();
    List<SaleRow> named = groups.stream().filter(g -> Objects.equals(g.groupId(), groupId)).toList();
    List<SaleRow> targets = groupId != null && !named.isEmpty() ? named : groups;
    long[] groupShares = Allocation.proRata(amount, targets.stream().mapToLong(SaleRow::amount).toArray());
    List<SaleRow> rows = new ArrayList<>();
    for (int g = 0; g < targets.size(); g++) {
      SaleRow group = targets.get(g);
      rows.add(group.withAmount(groupShares[g], 0));
      List<SaleRow> lines = sold.stream()
          .filter(r -> r.level().equals("line") && Objects.equals(r.groupId(), group.groupId())).toList();
      long[] lineShares = Allocation.proRata(groupShares[g], lines.stream().mapToLong(SaleRow::amount).toArray());
      for (int l = 0; l < lines.size(); l++) {
        rows.add(lines.get(l).withAmount(lineShares[l], 0));
      }
    }
    return rows;
  }

  private static Future<List<SaleRow>> rowsOf(SqlConnection tx, String orderId, String kind) {
    return tx.preparedQuery(ROWS_OF_ORDER).execute(Tuple.of(orderId, kind)).map(result -> {
      List<SaleRow> rows = new ArrayList<>();
      for (Row row : result) {
        rows.add(new SaleRow(row.getString("level"), row.getString("group_id"), row.getString("seller_id"),
            row.getString("product_id"), row.getLong("amount"), row.getLong("units")));
      }
      return rows;
    });
  }

  /** The order row first: when it conflicts (this fact is known), nothing else is written. */
  private static Future<Boolean> insert(SqlConnection tx, Event event, String kind, String orderId, String refundId,
      LocalDate day, String currency, long amount, long units, List<SaleRow> rows) {
    return tx.preparedQuery(INSERT_ROW)
        .execute(Tuple.from(new Object[] {event.id(), 0, kind, "order", orderId, refundId, null, null, null, day,
            currency, amount, units}))
        .compose(first -> {
          if (first.size() == 0) {
            return Future.succeededFuture(false);
          }
          if (rows.isEmpty()) {
            return Future.succeededFuture(true);
          }
          List<Tuple> batch = new ArrayList<>();
          for (int i = 0; i < rows.size(); i++) {
            SaleRow row = rows.get(i);
            batch.add(Tuple.from(new Object[] {event.id(), i + 1, kind, row.level(), orderId, refundId, row.groupId(),
                row.sellerId(), row.productId(), day, currency, row.amount(), row.units()}));
          }
          return tx.preparedQuery(INSERT_ROW).executeBatch(batch).map(true);
        });
  }
}
