package mercato.analytics.api;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import mercato.platform.config.ConfigReader;

/**
 * The Redis layout of the edge's traffic counters, shared by the edge (which writes them)
 * and analytics (which reads them), and their settings ({@code analytics.traffic}).
 * Times are UTC. Request hashes per minute, hour and day hold {@code "<METHOD> <route>|<class>"}
 * fields (class 1xx..5xx); visitor HyperLogLogs per hour and day; product views per day in a
 * hash of product id to count.
 */
public final class TrafficKeys {
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH");
  public static final String[] CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};

  /**
   * @param enabled          whether the edge counts at all
   * @param prefix           the key prefix (tests give each node its own)
   * @param flushMs          how often each edge instance writes what it counted
   * @param minuteTtlHours   how long per-minute keys live
   * @param hourTtlDays      how long per-hour keys live
   * @param dayTtlDays       how long per-day keys live
   * @param maxVisitors      distinct visitors one instance remembers between flushes (more are not counted)
   * @param maxProducts      distinct viewed products one instance remembers between flushes
   */
  public record Settings(boolean enabled, String prefix, long flushMs, int minuteTtlHours, int hourTtlDays,
      int dayTtlDays, int maxVisitors, int maxProducts) {

    /** Reads {@code analytics.traffic} from the whole configuration. */
    public static Settings read(JsonObject root) {
      ConfigReader traffic = ConfigReader.root(root).section("analytics").section("traffic");
      return new Settings(
          traffic.bool("enabled"),
          traffic.string("keyPrefix"),
          traffic.number("flushMs", 100, 60_000),
          traffic.integer("minuteTtlHours", 1, 24 * 14),
          traffic.integer("hourTtlDays", 1, 366),
          traffic.integer("dayTtlDays", 1, 3660),
          traffic.integer("maxVisitorsPerFlush", 1, 1_000_000),
          traffic.integer("maxProductsPerFlush", 1, 1_000_000));
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
  }

  private TrafficKeys() {}

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
