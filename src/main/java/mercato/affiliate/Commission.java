package mercato.affiliate;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One commission row as stored; {@link #toJson()} is what GET /affiliate-sales lists. */
record Commission(UUID id, UUID affiliateId, String kind, UUID orderId, UUID parentId, String currency,
    Long orderTotal, Integer rateBps, long originalAmount, long effective, long amount, String status,
    String externalReference, String requestHash, String note, UUID payoutId, OffsetDateTime earnedAt,
    OffsetDateTime approvedAt, OffsetDateTime paidAt, OffsetDateTime createdAt) {

  static final String COLUMNS = """
      commission_id, affiliate_id, kind, order_id, parent_id, currency, order_total, rate_bps, original_amount,
      effective, amount, status, external_reference, request_hash, note, payout_id, earned_at, approved_at, paid_at,
      created_at""";

  static Commission of(Row row) {
    return new Commission(row.getUUID("commission_id"), row.getUUID("affiliate_id"), row.getString("kind"),
        row.getUUID("order_id"), row.getUUID("parent_id"), row.getString("currency"), row.getLong("order_total"),
        row.getInteger("rate_bps"), row.getLong("original_amount"), row.getLong("effective"), row.getLong("amount"),
        row.getString("status"), row.getString("external_reference"), row.getString("request_hash"),
        row.getString("note"), row.getUUID("payout_id"), row.getOffsetDateTime("earned_at"),
        row.getOffsetDateTime("approved_at"), row.getOffsetDateTime("paid_at"), row.getOffsetDateTime("created_at"));
  }

  static JsonObject money(long amount, String currency) {
    return new JsonObject().put("amount", amount).put("currency", currency);
  }

  JsonObject toJson() {
    return new JsonObject().put("id", id.toString()).put("affiliateId", affiliateId.toString()).put("kind", kind)
        .put("orderId", orderId == null ? null : orderId.toString())
        .put("parentId", parentId == null ? null : parentId.toString())
        .put("status", status).put("amount", money(amount, currency))
        .put("originalAmount", money(originalAmount, currency))
        .put("orderTotal", orderTotal == null ? null : money(orderTotal, currency)).put("rateBps", rateBps)
        .put("externalReference", externalReference).put("note", note)
        .put("payoutId", payoutId == null ? null : payoutId.toString())
        .put("earnedAt", instant(earnedAt)).put("approvedAt", instant(approvedAt)).put("paidAt", instant(paidAt))
        .put("createdAt", instant(createdAt));
  }

  private static String instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant().toString();
  }
}
