package mercato.affiliate;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Principal;
import mercato.platform.bus.Problem;
import mercato.platform.bus.QueryParams;
import mercato.platform.ids.Ids;

/**
 * Clicks on referral links: the storefront reports each visit that arrived with {@code ?ref=CODE}
 * ({@code POST /affiliate-clicks}, public; the answer never says whether the code exists), and
 * a programme reads its clicks per UTC day ({@code GET /affiliate-clicks}). Only live, active
 * programmes count clicks, as only they earn.
 */
final class Clicks {
  static final int MAX_RANGE_DAYS = 366;
  private static final String COUNT = """
      INSERT INTO referral_clicks (affiliate_id, day, clicks)
      SELECT affiliate_id, (now() AT TIME ZONE 'UTC')::date, 1 FROM affiliates
       WHERE lower(referral_code) = lower($1) AND deleted_at IS NULL AND status = 'active'
      ON CONFLICT (affiliate_id, day) DO UPDATE SET clicks = referral_clicks.clicks + 1
      """;
  private static final String PER_DAY = """
      SELECT day, clicks FROM referral_clicks WHERE affiliate_id = $1 AND day BETWEEN $2 AND $3 ORDER BY day
      """;

  private final Pool pool;

  Clicks(Pool pool) {
    this.pool = pool;
  }

  /** POST /affiliate-clicks {referralCode}: 204 whatever the code (a known code's programme counts one click). */
  Future<?> count(Envelope envelope) {
    JsonObject body = envelope.bodyObject();
    if (!(body.getValue("referralCode") instanceof String code) || !ReferralCodes.CHOSEN.matcher(code).matches()) {
      throw Problem.invalidField("/referralCode", "must be a referral code: 4 to 32 letters, digits, - or _");
    }
    return pool.preparedQuery(COUNT).execute(Tuple.of(code)).mapEmpty();
  }

  /** GET /affiliate-clicks?from&to[&affiliateId]: {affiliateId, from, to, total, items: [{day, clicks}]}, days with clicks only. */
  Future<?> list(Envelope envelope) {
    Principal principal = envelope.requirePrincipal();
    LocalDate to = QueryParams.day(envelope.query(), "to", LocalDate.now(ZoneOffset.UTC));
    LocalDate from = QueryParams.day(envelope.query(), "from", to.minusDays(29));
    if (from.isAfter(to) || from.plusDays(MAX_RANGE_DAYS).isBefore(to)) {
      throw Problem.invalidField("/from", "must be on or before to, at most " + MAX_RANGE_DAYS + " days earlier");
    }
    String asked = envelope.queryParam("affiliateId");
    UUID wanted = asked == null ? null : Ids.parse(asked);
    if (asked != null && wanted == null) {
      throw Problem.invalidField("/affiliateId", "must be an affiliate id");
    }
    Future<UUID> scope;
    if (principal.isAdmin()) {
      if (wanted == null) {
        throw Problem.invalidField("/affiliateId", "admins name the programme");
      }
      scope = Future.succeededFuture(wanted);
    } else {
      scope = AffiliateRepository.one(pool, AffiliateRepository.LIVE_BY_ACCOUNT, Ids.parse(principal.sub())).map(own -> {
        if (own == null) {
          throw Problem.notFound("You have no affiliate programme yet.");
        }
        if (wanted != null && !own.id().equals(wanted)) {
          throw Problem.forbidden("An affiliate sees its own clicks only.");
        }
        return own.id();
      });
    }
    return scope.compose(id -> pool.preparedQuery(PER_DAY).execute(Tuple.of(id, from, to)).map(rows -> {
      JsonArray items = new JsonArray();
      long total = 0;
      for (var row : rows) {
        long clicks = row.getLong("clicks");
        total += clicks;
        items.add(new JsonObject().put("day", row.getLocalDate("day").toString()).put("clicks", clicks));
      }
      return new JsonObject().put("affiliateId", id.toString()).put("from", from.toString())
          .put("to", to.toString()).put("total", total).put("items", items);
    }));
  }

}
