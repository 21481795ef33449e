package mercato.search;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import mercato.platform.config.DbConfig;
import mercato.platform.ids.Ids;

/**
 * The operator's {@code search rebuild} command: records a rebuild request that a running
 * search verticle picks up within {@code search.rebuildPollMs}, and {@code search rebuild
 * status} lists the latest requests. Plain JDBC, for the command line (not for an event loop).
 */
public final class RebuildCommand {
  private static final String REQUEST = "INSERT INTO search.rebuilds (id) VALUES (?)";
  private static final String STATUS = """
      SELECT id, status, requested_at, started_at, finished_at, products, error
        FROM search.rebuilds ORDER BY requested_at DESC LIMIT 10
      """;

  private RebuildCommand() {}

  /** Records a request; returns its id. */
  public static UUID request(DbConfig db) throws SQLException {
    UUID id = Ids.uuid7();
    try (Connection connection = connect(db); PreparedStatement statement = connection.prepareStatement(REQUEST)) {
      statement.setObject(1, id);
      statement.executeUpdate();
    }
    return id;
  }

  /** The latest requests, newest first, one line each. */
  public static List<String> status(DbConfig db) throws SQLException {
    List<String> lines = new ArrayList<>();
    try (Connection connection = connect(db); PreparedStatement statement = connection.prepareStatement(STATUS);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        lines.add("%s %s requested=%s started=%s finished=%s products=%d%s".formatted(rows.getString(1),
            rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5), rows.getInt(6),
            rows.getString(7) == null ? "" : " error=" + rows.getString(7)));
      }
    }
    return lines;
  }

  private static Connection connect(DbConfig db) throws SQLException {
    return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
  }
}
