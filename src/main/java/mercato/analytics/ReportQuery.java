package mercato.analytics;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Principal;
import mercato.platform.bus.Problem;
import mercato.platform.bus.QueryParams;

/**
 * The query of a report, validated: {@code from} and {@code to} (ISO dates, UTC, both
 * inclusive; by default the last 30 days), the interval, the grouping, a currency, a seller
 * (forced to the caller for a seller; another seller's id is 403), a product, an account and
 * the ranking limit.
 */
record ReportQuery(LocalDate from, LocalDate to, String interval, String groupBy, String currency, String sellerId,
    String productId, String accountId, int limit) {
  static final List<String> SALES_INTERVALS = List.of("day", "week", "month");
  static final List<String> TRAFFIC_INTERVALS = List.of("minute", "hour", "day");
  private static final int DEFAULT_DAYS = 30;

  static ReportQuery read(Envelope envelope, AnalyticsConfig config, List<String> intervals, String defaultInterval) {
    LocalDate to = QueryParams.day(envelope.query(), "to", LocalDate.now(ZoneOffset.UTC));
    LocalDate from = QueryParams.day(envelope.query(), "from", to.minusDays(DEFAULT_DAYS - 1));
    if (from.isAfter(to)) {
      throw Problem.invalidField("/from", "must not be after to");
    }
    long days = ChronoUnit.DAYS.between(from, to) + 1;
    String interval = choice(envelope, "interval", intervals, defaultInterval);
    int cap = switch (interval) {
      case "minute" -> config.maxMinuteRangeDays();
      case "hour" -> config.maxHourRangeDays();
      default -> config.maxRangeDays();
    };
    if (days > cap) {
      throw Problem.invalidField("/to", "the range covers " + days + " days; at most " + cap + " with interval " + interval);
    }
    String currency = envelope.queryParam("currency");
    if (currency != null && !currency.matches("[A-Z]{3}")) {
      throw Problem.invalidField("/currency", "must be an ISO 4217 code such as EUR");
    }
    return new ReportQuery(from, to, interval, choice(envelope, "groupBy", List.of("product", "seller"), null),
        currency, id(envelope, "sellerId"), id(envelope, "productId"), id(envelope, "accountId"),
        limit(envelope, config));
  }

  /** The same query with the seller a caller may see: a seller only its own, an admin any (or all). */
  ReportQuery scopedTo(Principal caller) {
    if (caller.isAdmin()) {
      return this;
    }
    if (!caller.isSeller()) {
      throw Problem.forbidden("Only admins and sellers read these figures.");
    }
    if (sellerId != null && !sellerId.equals(caller.sub())) {
      throw Problem.forbidden("A seller sees only its own figures.");
    }
    return new ReportQuery(from, to, interval, groupBy, currency, caller.sub(), productId, accountId, limit);
  }

  long days() {
    return ChronoUnit.DAYS.between(from, to) + 1;
  }

  List<LocalDate> dayList() {
    return from.datesUntil(to.plusDays(1)).toList();
  }

  private static String choice(Envelope envelope, String name, List<String> allowed, String otherwise) {
    String value = envelope.queryParam(name);
    if (value == null) {
      return otherwise;
    }
    if (!allowed.contains(value)) {
      throw Problem.invalidField("/" + name, "must be one of " + String.join(", ", allowed));
    }
    return value;
  }

  private static String id(Envelope envelope, String name) {
    String value = envelope.queryParam(name);
    if (value != null && (value.isBlank() || value.length() > 64)) {
      throw Problem.invalidField("/" + name, "must be 1 to 64 characters");
    }
    return value;
  }

  private static int limit(Envelope envelope, AnalyticsConfig config) {
    String value = envelope.queryParam("limit");
    if (value == null) {
      return config.defaultLimit();
    }
    if (!value.matches("\\d{1,9}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > config.maxLimit()) {
      throw Problem.invalidField("/limit", "must be a whole number from 1 to " + config.maxLimit());
    }
    return Integer.parseInt(value);
  }
}
