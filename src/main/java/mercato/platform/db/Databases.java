package mercato.platform.db;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import mercato.platform.config.DbConfig;

/** Connection options and pools: one small pool per domain whose search_path is its schema. */
public final class Databases {
  private Databases() {}

  public static PgConnectOptions connectOptions(DbConfig db, String schema) {
    PgConnectOptions options = new PgConnectOptions()
        .setHost(db.host())
        .setPort(db.port())
        .setDatabase(db.database())
        .setUser(db.user())
        .setPassword(db.password())
        .setCachePreparedStatements(true)
        .setPipeliningLimit(db.pipeliningLimit())
        .addProperty("application_name", "mercato-" + (schema == null ? "platform" : schema));
    if (schema != null) {
      options.addProperty("search_path", schema);
    }
    return options;
  }

  /** A pool for {@code schema} (null: no search_path) of at most {@code size} connections. */
  public static Pool pool(Vertx vertx, DbConfig db, String schema, int size) {
    return pool(vertx, connectOptions(db, schema), options(db, size, "mercato-" + (schema == null ? "platform" : schema)));
  }

  /** The pool options of {@code db}: at most {@code size} connections, named {@code name} (the metrics' pool label). */
  public static PoolOptions options(DbConfig db, int size, String name) {
    return new PoolOptions().setMaxSize(size).setMaxWaitQueueSize(db.waitQueueSize()).setName(name);
  }

  public static Pool pool(Vertx vertx, PgConnectOptions connect, PoolOptions options) {
    return PgBuilder.pool().with(options).connectingTo(connect).using(vertx).build();
  }

  public static Pool pool(Vertx vertx, DbConfig db, String schema) {
    return pool(vertx, db, schema, db.poolSize());
  }
}
