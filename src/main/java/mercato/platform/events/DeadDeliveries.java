package mercato.platform.events;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import mercato.platform.config.DbConfig;

/**
 * The operator's view of deliveries that gave up: list them with their last error, and
 * put them back in the queue. Plain JDBC, for the command line (not for an event loop).
 */
public final class DeadDeliveries {
  /** One dead delivery. */
  public record Dead(String schema, long seq, String subscriber, String type, String subject, int failures, String lastError) {}

  private static final String SCHEMAS = """
      SELECT table_schema FROM information_schema.tables WHERE table_name = 'outbox_delivery' ORDER BY 1
      """;
  private static final String LIST = """
      SELECT d.seq, d.subscriber, o.type, o.subject, d.failures, d.last_error
        FROM "%s".outbox_delivery d JOIN "%<s".outbox o ON o.seq = d.seq
       WHERE d.status = 'dead' ORDER BY d.seq
      """;
  private static final String REPLAY = """
      UPDATE "%s".outbox_delivery
         SET status = 'pending', failures = 0, attempts = 0, next_attempt_at = now(), locked_until = NULL
       WHERE status = 'dead'
      """;

  private DeadDeliveries() {}

  public static List<Dead> list(DbConfig db) throws SQLException {
    List<Dead> out = new ArrayList<>();
    try (Connection connection = connect(db)) {
      for (String schema : schemas(connection)) {
        try (PreparedStatement statement = connection.prepareStatement(LIST.formatted(schema));
            ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            out.add(new Dead(schema, rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4),
                rows.getInt(5), rows.getString(6)));
          }
        }
      }
    }
    return out;
  }

  /** Makes every dead delivery pending again (the relays wake on the next sweep); returns how many. */
  public static int replay(DbConfig db) throws SQLException {
    int replayed = 0;
    try (Connection connection = connect(db)) {
      for (String schema : schemas(connection)) {
        try (PreparedStatement statement = connection.prepareStatement(REPLAY.formatted(schema))) {
          replayed += statement.executeUpdate();
        }
      }
    }
    return replayed;
  }

  private static List<String> schemas(Connection connection) throws SQLException {
    List<String> schemas = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(SCHEMAS); ResultSet rows = statement.executeQuery()) {
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
