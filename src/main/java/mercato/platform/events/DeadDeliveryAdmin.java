package mercato.platform.events;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Operations;
import mercato.platform.bus.Problem;
import mercato.platform.config.DbConfig;
import mercato.platform.config.DomainDatabases;
import mercato.platform.db.Databases;

/**
 * Lists the dead outbox deliveries and set-aside items of every schema, in every database
 * the domains live in (whichever node answers sees them all), and makes dead deliveries
 * pending again, one by one ({@code schema:seq:subscriber}) or all, waking the schema's
 * relays at once. A schema is read where the configuration says it lives, so a stale copy
 * left in another database is not listed.
 */
final class DeadDeliveryAdmin extends VerticleBase {
  static final String LIST_DEAD = "mercato.events.list-dead-deliveries";
  static final String REPLAY_DEAD = "mercato.events.replay-dead-deliveries";
  static final int MAX_LISTED = 500;
  static final int MAX_IDS = 500;
  private static final Pattern ID = Pattern.compile("([a-z_][a-z0-9_]{0,62}):(\\d{1,18}):([A-Za-z0-9._-]{1,100})");
  private static final String REPLAY_ONE = """
      UPDATE "%s".outbox_delivery
         SET status = 'pending', failures = 0, attempts = 0, next_attempt_at = now(), locked_until = NULL
       WHERE status = 'dead' AND seq = $1 AND subscriber = $2
      """;
  private static final String WAKE = "SELECT pg_notify('" + OutboxRelayVerticle.CHANNEL + "', $1)";

  private final DomainDatabases databases;
  private final Map<DbConfig, Pool> pools = new LinkedHashMap<>();
  private Operations operations;

  DeadDeliveryAdmin(DomainDatabases databases) {
    this.databases = databases;
  }

  @Override
  public Future<?> start() {
    databases.all().forEach(db -> pools.put(db, Databases.pool(vertx, db, null, 2)));
    operations = new Operations(vertx).on(LIST_DEAD, this::list).on(REPLAY_DEAD, this::replay);
    return operations.ready();
  }

  @Override
  public Future<?> stop() {
    List<Future<?>> closing = new ArrayList<>(List.of(operations.close()));
    pools.values().forEach(pool -> closing.add(pool.close()));
    return Future.join(closing);
  }

  /** {items: [{id, schema, seq, subscriber, type, subject, failures, lastError, at}], setAside: [...]}, at most 500 each. */
  Future<?> list(Envelope envelope) {
    envelope.requirePrincipal();
    Future<JsonArray> dead = schemas(DeadDeliveries.SCHEMAS).compose(schemas -> eachSchema(schemas, DeadDeliveries.LIST, (schema, row) ->
        new JsonObject().put("id", schema + ":" + row.getLong(0) + ":" + row.getString(1)).put("schema", schema)
            .put("seq", row.getLong(0)).put("subscriber", row.getString(1)).put("type", row.getString(2))
            .put("subject", row.getString(3)).put("failures", row.getInteger(4)).put("lastError", row.getString(5))
            .put("at", instant(row.getOffsetDateTime(6)))));
    Future<JsonArray> aside = schemas(DeadDeliveries.ASIDE_SCHEMAS).compose(schemas -> eachSchema(schemas, DeadDeliveries.LIST_ASIDE, (schema, row) ->
        new JsonObject().put("schema", schema).put("id", row.getLong(0)).put("kind", row.getString(1))
            .put("itemId", row.getString(2)).put("at", instant(row.getOffsetDateTime(3))).put("error", row.getString(4))));
    return Future.all(dead, aside).map(v -> new JsonObject().put("items", dead.result()).put("setAside", aside.result()));
  }

  /** Body {ids: ["schema:seq:subscriber", ...]} or {all: true}: {replayed: n}. */
  Future<?> replay(Envelope envelope) {
    envelope.requirePrincipal();
    JsonObject body = envelope.bodyObject();
    boolean all = Boolean.TRUE.equals(body.getValue("all"));
    JsonArray ids = body.getValue("ids") instanceof JsonArray list ? list : null;
    if (all == (ids != null)) {
      throw Problem.validation("Send either ids (the deliveries to replay) or all: true.",
          List.of(new Problem.FieldError("/ids", "give ids or all, not both nor neither")));
    }
    List<Matcher> wanted = new ArrayList<>();
    if (ids != null) {
      if (ids.isEmpty() || ids.size() > MAX_IDS) {
        throw Problem.invalidField("/ids", "must hold 1 to " + MAX_IDS + " ids");
      }
      for (int i = 0; i < ids.size(); i++) {
        Matcher m = ids.getValue(i) instanceof String text ? ID.matcher(text) : null;
        if (m == null || !m.matches()) {
          throw Problem.invalidField("/ids/" + i, "must be an id from GET /admin/events/dead (schema:seq:subscriber)");
        }
        wanted.add(m);
      }
    }
    return schemas(DeadDeliveries.SCHEMAS).compose(schemas -> {
      // One transaction per database: one statement after another on its connection; ids of unknown schemas match nothing.
      Map<Pool, List<Replay>> byDatabase = new LinkedHashMap<>();
      if (all) {
        schemas.forEach((schema, pool) -> byDatabase.computeIfAbsent(pool, k -> new ArrayList<>()).add(new Replay(schema, null)));
      } else {
        for (Matcher m : wanted) {
          Pool pool = schemas.get(m.group(1));
          if (pool != null) {
            byDatabase.computeIfAbsent(pool, k -> new ArrayList<>())
                .add(new Replay(m.group(1), Tuple.of(Long.parseLong(m.group(2)), m.group(3))));
          }
        }
      }
      List<Future<Integer>> done = byDatabase.entrySet().stream().map(each -> each.getKey().withTransaction(tx -> {
        Future<Integer> chain = Future.succeededFuture(0);
        for (Replay replay : each.getValue()) {
          chain = chain.compose(n -> replay.run(tx).map(r -> n + r));
        }
        Set<String> touched = new LinkedHashSet<>();
        each.getValue().forEach(replay -> touched.add(replay.schema()));
        return chain.compose(replayed -> wake(tx, touched).map(v -> replayed));
      })).toList();
      return Future.all(new ArrayList<>(done)).map(v -> done.stream().mapToInt(Future::result).sum());
    }).map(replayed -> new JsonObject().put("replayed", replayed));
  }

  /** One replay statement: every dead delivery of {@code schema}, or the one {@code id} names (seq, subscriber). */
  private record Replay(String schema, Tuple id) {
    Future<Integer> run(SqlClient tx) {
      return (id == null ? tx.query(DeadDeliveries.REPLAY.formatted(schema)).execute()
          : tx.preparedQuery(REPLAY_ONE.formatted(schema)).execute(id)).map(rows -> rows.rowCount());
    }
  }

  /** NOTIFY is sent at commit: the relays of those schemas run at once instead of at their next sweep. */
  private static Future<Void> wake(SqlClient tx, Iterable<String> schemas) {
    Future<Void> chain = Future.succeededFuture();
    for (String schema : schemas) {
      chain = chain.compose(v -> tx.preparedQuery(WAKE).execute(Tuple.of(schema)).mapEmpty());
    }
    return chain;
  }

  /** The schemas {@code sql} names, each with the pool of the database it lives in. */
  private Future<Map<String, Pool>> schemas(String sql) {
    List<Future<Map<String, Pool>>> each = pools.entrySet().stream().map(home -> home.getValue().query(sql).execute().map(rows -> {
      Map<String, Pool> out = new LinkedHashMap<>();
      rows.forEach(row -> {
        if (databases.livesIn(row.getString(0), home.getKey())) {
          out.put(row.getString(0), home.getValue());
        }
      });
      return out;
    })).toList();
    return Future.all(new ArrayList<>(each)).map(v -> {
      Map<String, Pool> out = new java.util.TreeMap<>();
      each.forEach(one -> out.putAll(one.result()));
      return out;
    });
  }

  private interface RowJson {
    JsonObject of(String schema, Row row);
  }

  private Future<JsonArray> eachSchema(Map<String, Pool> schemas, String sql, RowJson json) {
    List<Future<List<JsonObject>>> reads = schemas.entrySet().stream().map(home -> home.getValue().query(sql.formatted(home.getKey())).execute().map(rows -> {
      String schema = home.getKey();
      List<JsonObject> out = new ArrayList<>();
      rows.forEach(row -> out.add(json.of(schema, row)));
      return out;
    })).toList();
    return Future.all(new ArrayList<>(reads)).map(v -> {
      JsonArray out = new JsonArray();
      reads.forEach(r -> r.result().stream().limit(MAX_LISTED - out.size()).forEach(out::add));
      return out;
    });
  }

  private static String instant(OffsetDateTime at) {
    return at == null ? null : at.toInstant().toString();
  }
}
