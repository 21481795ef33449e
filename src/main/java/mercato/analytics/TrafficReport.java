package mercato.analytics;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mercato.analytics.api.TrafficKeys;
import mercato.platform.bus.Envelope;

/**
 * GET /analytics/traffic: requests and status classes per period (minute, hour or day),
 * distinct visitors per hour or day and over the whole range, and the busiest routes (by
 * route template), all from the edge's counters in Redis.
 */
final class TrafficReport {
  private final TrafficStore store;
  private final AnalyticsConfig config;

  TrafficReport(TrafficStore store, AnalyticsConfig config) {
    this.store = store;
    this.config = config;
  }

  /** Requests of one period or route, by status class. */
  private static final class Counts {
    long requests;
    final long[] classes = new long[TrafficKeys.CLASSES.length];

    void add(String field, long n) {
      requests += n;
      String statusClass = field.substring(field.lastIndexOf('|') + 1);
      for (int i = 0; i < classes.length; i++) {
        if (TrafficKeys.CLASSES[i].equals(statusClass)) {
          classes[i] += n;
        }
      }
    }

    JsonObject toJson() {
      JsonObject statuses = new JsonObject();
      for (int i = 0; i < classes.length; i++) {
        statuses.put(TrafficKeys.CLASSES[i], classes[i]);
      }
      return new JsonObject().put("requests", requests).put("statusClasses", statuses);
    }
  }

  Future<?> handle(Envelope envelope) {
    ReportQuery query = ReportQuery.read(envelope, config, ReportQuery.TRAFFIC_INTERVALS, "day");
    envelope.requirePrincipal();
    TrafficKeys keys = store.keys();
    List<LocalDate> days = query.dayList();
    List<Long> minutes = periods(query);
    List<String> periodKeys = switch (query.interval()) {
      case "minute" -> minutes.stream().map(keys::minute).toList();
      case "hour" -> minutes.stream().map(keys::hour).toList();
      default -> days.stream().map(keys::day).toList();
    };
    List<String> visitorKeys = switch (query.interval()) {
      case "hour" -> minutes.stream().map(keys::visitorsOfHour).toList();
      default -> days.stream().map(keys::visitorsOfDay).toList();
    };
    Future<List<Map<String, Long>>> series = store.hashes(periodKeys);
    Future<List<Map<String, Long>>> perDay = query.interval().equals("day") ? series
        : store.hashes(days.stream().map(keys::day).toList());
    Future<List<Long>> visitors = store.visitors(visitorKeys);
    return Future.all(series, perDay, visitors).map(all -> {
      JsonArray items = new JsonArray();
      List<Long> uniques = visitors.result();
      for (int i = 0; i < periodKeys.size(); i++) {
        Counts counts = new Counts();
        series.result().get(i).forEach(counts::add);
        JsonObject item = new JsonObject().put("period", label(query.interval(), days, minutes, i)).mergeIn(counts.toJson());
        if (!query.interval().equals("minute")) {
          item.put("uniqueVisitors", uniques.get(i));
        }
        items.add(item);
      }
      Counts total = new Counts();
      Map<String, Counts> routes = new HashMap<>();
      for (Map<String, Long> day : perDay.result()) {
        day.forEach((field, n) -> {
          total.add(field, n);
          routes.computeIfAbsent(field.substring(0, field.lastIndexOf('|')), r -> new Counts()).add(field, n);
        });
      }
      JsonArray busiest = new JsonArray();
      routes.entrySet().stream()
          .sorted(Map.Entry.<String, Counts>comparingByValue((a, b) -> Long.compare(b.requests, a.requests))
              .thenComparing(Map.Entry.comparingByKey()))
          .limit(query.limit())
          .forEach(e -> busiest.add(new JsonObject().put("route", e.getKey()).mergeIn(e.getValue().toJson())));
      return new JsonObject()
          .put("from", query.from().toString())
          .put("to", query.to().toString())
          .put("interval", query.interval())
          .put("totals", total.toJson().put("uniqueVisitors", uniques.get(uniques.size() - 1)))
          .put("items", items)
          .put("routes", busiest);
    });
  }

  /** The first minute of each hour (interval hour) or every minute (interval minute) of the range. */
  private static List<Long> periods(ReportQuery query) {
    List<Long> out = new ArrayList<>();
    int step = query.interval().equals("minute") ? 1 : query.interval().equals("hour") ? 60 : 0;
    if (step == 0) {
      return out;
    }
    long first = query.from().atStartOfDay().toEpochSecond(ZoneOffset.UTC) / 60;
    long end = query.to().plusDays(1).atStartOfDay().toEpochSecond(ZoneOffset.UTC) / 60;
    for (long m = first; m < end; m += step) {
      out.add(m);
    }
    return out;
  }

  private static String label(String interval, List<LocalDate> days, List<Long> minutes, int i) {
    return interval.equals("day") ? days.get(i).toString()
        : TrafficKeys.at(minutes.get(i)).atOffset(ZoneOffset.UTC).toInstant().toString();
  }
}
