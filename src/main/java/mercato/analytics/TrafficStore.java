package mercato.analytics;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mercato.analytics.api.TrafficKeys;

/**
 * Reads the edge's traffic counters from Redis (see {@link TrafficKeys}), one pipelined
 * batch per report: request hashes per period, visitor HyperLogLog counts and product views.
 */
final class TrafficStore {
  private final Redis redis;
  private final TrafficKeys keys;

  TrafficStore(Redis redis, TrafficKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  TrafficKeys keys() {
    return keys;
  }

  /** The hash behind each key, in the order given (missing keys are empty). */
  Future<List<Map<String, Long>>> hashes(List<String> hashKeys) {
    if (hashKeys.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    List<Request> batch = hashKeys.stream().map(key -> Request.cmd(Command.HGETALL).arg(key)).toList();
    return redis.batch(batch).map(responses -> responses.stream().map(TrafficStore::hash).toList());
  }

  /** The estimated distinct visitors of each key alone, then of all keys together (last element). */
  Future<List<Long>> visitors(List<String> hllKeys) {
    List<Request> batch = new ArrayList<>();
    hllKeys.forEach(key -> batch.add(Request.cmd(Command.PFCOUNT).arg(key)));
    if (!hllKeys.isEmpty()) {
      Request union = Request.cmd(Command.PFCOUNT);
      hllKeys.forEach(union::arg);
      batch.add(union);
    } else {
      return Future.succeededFuture(List.of(0L));
    }
    return redis.batch(batch).map(responses -> responses.stream().map(r -> r == null ? 0L : r.toLong()).toList());
  }

  /** Product views per product over the days. */
  Future<Map<String, Long>> views(List<LocalDate> days) {
    return hashes(days.stream().map(keys::viewsOfDay).toList()).map(perDay -> {
      Map<String, Long> total = new HashMap<>();
      perDay.forEach(day -> day.forEach((product, n) -> total.merge(product, n, Long::sum)));
      return total;
    });
  }

  /** Product views per day (the sum over products), in the order of {@code days}. */
  Future<List<Long>> viewsPerDay(List<LocalDate> days) {
    return hashes(days.stream().map(keys::viewsOfDay).toList())
        .map(perDay -> perDay.stream().map(day -> day.values().stream().mapToLong(Long::longValue).sum()).toList());
  }

  private static Map<String, Long> hash(Response response) {
    Map<String, Long> out = new LinkedHashMap<>();
    if (response == null) {
      return out;
    }
    if (response.isMap()) {
      for (String key : response.getKeys()) {
        out.put(key, response.get(key).toLong());
      }
    } else {
      for (int i = 0; i + 1 < response.size(); i += 2) {
        out.put(response.get(i).toString(), response.get(i + 1).toLong());
      }
    }
    return out;
  }
}
