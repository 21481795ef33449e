package mercato.platform.events;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import mercato.platform.config.DbConfig;
import mercato.platform.config.DomainDatabases;

/**
 * The operator's view of what was set aside: outbox deliveries that gave up (listed with
 * their last error, and put back in the queue on replay) and the items every other
 * background path set aside in its domain's {@code set_aside} table. Plain JDBC, for the
 * command line (not for an event loop).
 */
public final class DeadDeliveries {
  /** One dead delivery. */
  public record Dead(String schema, long seq, String subscriber, String type, String subject, int failures,
      String lastError, OffsetDateTime at) {}

  /** One item a background path set aside. */
  public record Item(String schema, long id, String kind, String itemId, OffsetDateTime at, String error) {}

  static final String SCHEMAS = """
      SELECT table_schema FROM information_schema.tables WHERE table_name = 'outbox_delivery' ORDER BY 1
      """;
  static final String LIST = """
      SELECT d.seq, d.subscriber, o.type, o.subject, d.failures, d.last_error, d.next_attempt_at
        FROM "%s".outbox_delivery d JOIN "%<s".outbox o ON o.seq = d.seq
       WHERE d.status = 'dead' ORDER BY d.seq
      """;
  static final String ASIDE_SCHEMAS = """
      SELECT table_schema FROM information_schema.tables WHERE table_name = 'set_aside' ORDER BY 1
      """;
  static final String LIST_ASIDE = """
      SELECT id, kind, item_id, at, error FROM "%s".set_aside ORDER BY at, id
      """;
  static final String REPLAY = """
      UPDATE "%s".outbox_delivery
         SET status = 'pending', failures = 0, attempts = 0, next_attempt_at = now(), locked_until = NULL
       WHERE status = 'dead'
      """;

  private DeadDeliveries() {}

  /** Every dead delivery, in every database the domains live in. */
  public static List<Dead> list(DomainDatabases databases) throws SQLException {
    List<Dead> out = new ArrayList<>();
    eachSchema(databases, SCHEMAS, (connection, schema) -> {
      try (PreparedStatement statement = connection.prepareStatement(LIST.formatted(schema));
          ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          out.add(new Dead(schema, rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4),
              rows.getInt(5), rows.getString(6), rows.getObject(7, OffsetDateTime.class)));
        }
      }
    });
    return out;
  }

  /** Every item set aside by a background path, oldest first within each schema. */
  public static List<Item> setAside(DomainDatabases databases) throws SQLException {
    List<Item> out = new ArrayList<>();
    eachSchema(databases, ASIDE_SCHEMAS, (connection, schema) -> {
      try (PreparedStatement statement = connection.prepareStatement(LIST_ASIDE.formatted(schema));
          ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          out.add(new Item(schema, rows.getLong(1), rows.getString(2), rows.getString(3),
              rows.getObject(4, OffsetDateTime.class), rows.getString(5)));
        }
      }
    });
    return out;
  }

  /** Makes every dead delivery pending again (the relays wake on the next sweep); returns how many. */
  public static int replay(DomainDatabases databases) throws SQLException {
    int[] replayed = {0};
    eachSchema(databases, SCHEMAS, (connection, schema) -> {
      try (PreparedStatement statement = connection.prepareStatement(REPLAY.formatted(schema))) {
        replayed[0] += statement.executeUpdate();
      }
    });
    return replayed[0];
  }

  private interface SchemaWork {
    void run(Connection connection, String schema) throws SQLException;
  }

  /** Runs {@code work} for each schema {@code sql} names, in the database the configuration puts it in. */
  private static void eachSchema(DomainDatabases databases, String sql, SchemaWork work) throws SQLException {
    for (DbConfig db : databases.all()) {
      try (Connection connection = connect(db)) {
        for (String schema : schemas(connection, sql)) {
          if (databases.livesIn(schema, db)) {
            work.run(connection, schema);
          }
        }
      }
    }
  }

  private static List<String> schemas(Connection connection, String sql) throws SQLException {
    List<String> schemas = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        schemas.add(rows.getString(1));
      }
    }
    return schemas;
  }

  private static Connection connect(DbConfig db) throws SQLException {
    return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
  }
}
