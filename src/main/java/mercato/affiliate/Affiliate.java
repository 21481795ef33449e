package mercato.affiliate;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.UUID;
import mercato.platform.bus.Principal;

/** One affiliate programme as stored; {@link #toJson()} is what its owner and admins see. */
record Affiliate(UUID id, UUID accountId, String name, String email, String website, JsonObject payoutDetails,
    String referralCode, int rateBps, String status, OffsetDateTime createdAt, OffsetDateTime updatedAt,
    OffsetDateTime deletedAt) {

  static final String COLUMNS = """
      affiliate_id, account_id, name, email, website, payout_details, referral_code, rate_bps, status,
      created_at, updated_at, deleted_at""";

  static Affiliate of(Row row) {
    Object details = row.getValue("payout_details");
    return new Affiliate(row.getUUID("affiliate_id"), row.getUUID("account_id"), row.getString("name"),
        row.getString("email"), row.getString("website"), details instanceof JsonObject json ? json : null,
        row.getString("referral_code"), row.getInteger("rate_bps"), row.getString("status"),
        row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"), row.getOffsetDateTime("deleted_at"));
  }

  boolean deleted() {
    return deletedAt != null;
  }

  /** The live programme attributes sales: active and not deleted. */
  boolean attributes() {
    return !deleted() && "active".equals(status);
  }

  /** Admins see every programme; an affiliate only its own. */
  boolean visibleTo(Principal principal) {
    return principal == null || principal.isAdmin()
        || (principal.is("affiliate") && accountId.toString().equals(principal.sub()));
  }

  JsonObject toJson() {
    return new JsonObject().put("id", id.toString()).put("accountId", accountId.toString()).put("name", name)
        .put("email", email).put("website", website).put("payoutDetails", payoutDetails)
        .put("referralCode", referralCode).put("rateBps", rateBps).put("status", status)
        .put("createdAt", createdAt.toInstant().toString()).put("updatedAt", updatedAt.toInstant().toString())
        .put("deletedAt", deletedAt == null ? null : deletedAt.toInstant().toString());
  }
}
