package mercato.analytics.api;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import mercato.platform.config.TrafficConfig;

/**
 * The Redis layout of the edge's traffic counters under {@code prefix}, shared by the edge
 * (which writes them) and analytics (which reads them); both take the prefix from the shared
 * {@code traffic:} section. Times are UTC. Request hashes per minute, hour and day hold
 * {@code "<METHOD> <route>|<class>"} fields (class 1xx..5xx); visitor HyperLogLogs per hour
 * and day; product views per day in a hash of product id to count.
 */
public record TrafficKeys(String prefix) {
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH");
  public static final String[] CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};

  /** The keys under {@code traffic.keyPrefix}. */
  public static TrafficKeys of(TrafficConfig traffic) {
    return new TrafficKeys(traffic.keyPrefix());
  }

  public String minute(long epochMinute) {
    return prefix + ":req:m:" + MINUTE.format(at(epochMinute));
  }

  public String hour(long epochMinute) {
    return prefix + ":req:h:" + HOUR.format(at(epochMinute));
  }

  public String day(LocalDate day) {
    return prefix + ":req:d:" + day;
  }

  public String visitorsOfHour(long epochMinute) {
    return prefix + ":uv:h:" + HOUR.format(at(epochMinute));
  }

  public String visitorsOfDay(LocalDate day) {
    return prefix + ":uv:d:" + day;
  }

  public String viewsOfDay(LocalDate day) {
    return prefix + ":views:d:" + day;
  }

  public static LocalDateTime at(long epochMinute) {
    return LocalDateTime.ofEpochSecond(epochMinute * 60, 0, ZoneOffset.UTC);
  }

  public static LocalDate dayOf(long epochMinute) {
    return LocalDate.ofEpochDay(Math.floorDiv(epochMinute, 1440));
  }

  /** The hash field of a route and status class: {@code GET /products/{product_id}|2xx}. */
  public static String field(String route, int statusClass) {
    return route + "|" + CLASSES[statusClass];
  }

  /** The index into {@link #CLASSES} for an HTTP status (anything odd counts as 5xx). */
  public static int classOf(int status) {
    int c = status / 100 - 1;
    return c < 0 || c > 4 ? 4 : c;
  }
}
