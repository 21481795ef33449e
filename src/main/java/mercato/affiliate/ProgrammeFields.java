package mercato.affiliate;

import io.vertx.core.json.JsonObject;
import java.util.Set;
import mercato.platform.bus.Fields;
import mercato.platform.bus.Problem;

/** Reading a programme's fields from a request body, with the rules the contract cannot say. */
final class ProgrammeFields {
  static final int MAX_NAME = 200;
  static final int MAX_WEBSITE = 500;
  static final int MAX_PAYOUT_DETAILS = 2000;
  static final Set<String> STATUSES = Set.of("active", "suspended");

  private ProgrammeFields() {}

  /** What a body naming a field its operation does not take is told. */
  static final String NOT_ALLOWED = "is not allowed here";

  static String email(JsonObject body) {
    return body.getValue("email") == null ? null : Fields.email(body, "email");
  }

  static String website(JsonObject body) {
    String website = Fields.optionalText(body, "website", MAX_WEBSITE);
    if (website != null && !website.startsWith("https://") && !website.startsWith("http://")) {
      throw Problem.invalidField("/website", "must be an http or https URL");
    }
    return website;
  }

  static JsonObject payoutDetails(JsonObject body) {
    Object value = body.getValue("payoutDetails");
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonObject details)) {
      throw Problem.invalidField("/payoutDetails", "must be an object");
    }
    if (details.encode().length() > MAX_PAYOUT_DETAILS) {
      throw Problem.invalidField("/payoutDetails", "must be at most " + MAX_PAYOUT_DETAILS + " characters of JSON");
    }
    return details;
  }

  static int rateBps(JsonObject body) {
    Object value = body.getValue("rateBps");
    if (!(value instanceof Integer || value instanceof Long)
        || ((Number) value).longValue() < 0 || ((Number) value).longValue() > CommissionRules.FULL_BPS) {
      throw Problem.invalidField("/rateBps", "must be an integer from 0 to " + CommissionRules.FULL_BPS
          + " (basis points: 500 is 5%)");
    }
    return ((Number) value).intValue();
  }

  static String status(JsonObject body) {
    Object value = body.getValue("status");
    if (!(value instanceof String status) || !STATUSES.contains(status)) {
      throw Problem.invalidField("/status", "must be active or suspended");
    }
    return status;
  }

  static String referralCode(JsonObject body) {
    Object value = body.getValue("referralCode");
    if (value == null) {
      return null;
    }
    if (!(value instanceof String code) || !ReferralCodes.valid(code)) {
      throw Problem.invalidField("/referralCode", "must be 4 to 32 letters, digits, '_' or '-'");
    }
    return code;
  }
}
