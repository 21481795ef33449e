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
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Operations;
import mercato.platform.bus.Problem;
import mercato.platform.config.DbConfig;
import mercato.platform.db.Databases;

/**
 * Lists the dead outbox deliveries and set-aside items of every schema of the database
 * (whichever node answers sees them all), and makes dead deliveries pending again, one by
 * one ({@code schema:seq:subscriber}) or all, waking the schema's relays at once.
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

  private final DbConfig db;
  private Pool pool;
  private Operations operations;

  DeadDeliveryAdmin(DbConfig db) {
    this.db = db;
  }

  @Override
  public Future<?> start() {
    pool = Databases.pool(vertx, db, null, 2);
    operations = new Operations(vertx).on(LIST_DEAD, this::list).on(REPLAY_DEAD, this::replay);
    return operations.ready();
  }

  @Override
  public Future<?> stop() {
    return Future.join(operations.close(), pool.close());
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
    return schemas(DeadDeliveries.SCHEMAS).compose(schemas -> pool.withTransaction(tx -> {
      // One statement after another on the transaction's connection; ids of unknown schemas match nothing.
      Set<String> touched = new LinkedHashSet<>();
      Future<Integer> chain = Future.succeededFuture(0);
      if (all) {
        for (String schema : schemas) {
          touched.add(schema);
          chain = chain.compose(n -> tx.query(DeadDeliveries.REPLAY.formatted(schema)).execute().map(r -> n + r.rowCount()));
        }
      } else {
        for (Matcher m : wanted) {
          String schema = m.group(1);
          if (schemas.contains(schema)) {
            touched.add(schema);
            chain = chain.compose(n -> tx.preparedQuery(REPLAY_ONE.formatted(schema))
                .execute(Tuple.of(Long.parseLong(m.group(2)), m.group(3))).map(r -> n + r.rowCount()));
          }
        }
      }
      return chain.compose(replayed -> wake(tx, touched).map(v -> replayed));
    })).map(replayed -> new JsonObject().put("replayed", replayed));
  }

  /** NOTIFY is sent at commit: the relays of those schemas run at once instead of at their next sweep. */
  private static Future<Void> wake(SqlClient tx, Iterable<String> schemas) {
    Future<Void> chain = Future.succeededFuture();
    for (String schema : schemas) {
      chain = chain.compose(v -> tx.preparedQuery(WAKE).execute(Tuple.of(schema)).mapEmpty());
    }
    return chain;
  }

  private Future<List<String>> schemas(String sql) {
    return pool.query(sql).execute().map(rows -> {
      List<String> out = new ArrayList<>();
      rows.forEach(row -> out.add(row.getString(0)));
      return out;
    });
  }

  private interface RowJson {
    JsonObject of(String schema, Row row);
  }

  private Future<JsonArray> eachSchema(List<String> schemas, String sql, RowJson json) {
    List<Future<List<JsonObject>>> reads = schemas.stream().map(schema -> pool.query(sql.formatted(schema)).execute().map(rows -> {
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
