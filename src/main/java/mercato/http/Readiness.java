package mercato.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The readiness checks behind {@code /health/ready}: each PostgreSQL primary the node's
 * domains use, Redis, Kafka (when the bridge is enabled) and cluster membership
 * (when clustered), each bounded in time.
 */
final class Readiness {
  private static final long CHECK_TIMEOUT_MS = 2000;

  private final Vertx vertx;
  private final Map<String, Supplier<Future<JsonObject>>> checks = new LinkedHashMap<>();

  /** @param databases the node's domains' databases by check name (none for a node without domains) */
  Readiness(Vertx vertx, Map<String, Pool> databases, RedisAPI redis, KafkaAdminClient kafka, ClusterManager cluster) {
    this.vertx = vertx;
    databases.forEach((name, pool) -> checks.put(name, () -> pool.query("SELECT 1").execute().map(rows -> new JsonObject())));
    checks.put("redis", () -> redis.ping(List.of()).map(pong -> new JsonObject()));
    if (kafka != null) {
      checks.put("kafka", () -> kafka.describeCluster().map(d -> new JsonObject().put("brokers", d.getNodes().size())));
    }
    if (cluster != null) {
      checks.put("cluster", () -> cluster.isActive()
          ? Future.succeededFuture(new JsonObject().put("members", cluster.getNodes().size()).put("node", cluster.getNodeId()))
          : Future.failedFuture("not a member of the cluster"));
    }
  }

  /** Every check's result; {@code status} is UP only when all are. */
  Future<JsonObject> check() {
    JsonObject out = new JsonObject();
    List<Future<Void>> running = checks.entrySet().stream().map(check -> bounded(check.getValue())
        .transform(result -> {
          JsonObject entry = result.succeeded() ? result.result().put("status", "UP")
              : new JsonObject().put("status", "DOWN").put("error", String.valueOf(result.cause().getMessage()));
          out.put(check.getKey(), entry);
          return Future.<Void>succeededFuture();
        })).toList();
    return Future.all(running).map(v -> {
      List<String> down = checks.keySet().stream()
          .filter(name -> !"UP".equals(out.getJsonObject(name).getString("status"))).toList();
      return new JsonObject().put("status", down.isEmpty() ? "UP" : "DOWN").put("down", down).put("checks", out);
    });
  }

  private Future<JsonObject> bounded(Supplier<Future<JsonObject>> check) {
    Future<JsonObject> result;
    try {
      result = check.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return result.timeout(CHECK_TIMEOUT_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
  }
}
