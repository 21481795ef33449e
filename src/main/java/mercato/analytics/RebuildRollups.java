package mercato.analytics;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import mercato.platform.config.DbConfig;

/**
 * The operator's rebuild ({@code mercato analytics rebuild}): empties every rollup and
 * recomputes it from the stored facts, in one transaction. The facts are locked against
 * writes meanwhile, so events arriving during the rebuild wait and are then added to the
 * rebuilt rollups. Plain JDBC, for the command line (not for an event loop).
 */
public final class RebuildRollups {
  private RebuildRollups() {}

  /** Rebuilds the rollups; returns how many rollup rows now exist. */
  public static long run(DbConfig db) throws SQLException {
    try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.execute("SET LOCAL search_path TO " + AnalyticsDomain.NAME);
        statement.execute("LOCK TABLE sale_fact, activity_fact IN SHARE MODE");
        statement.execute("TRUNCATE " + String.join(", ", Rollups.TABLES));
        for (String sql : Rollups.rebuildStatements()) {
          statement.executeUpdate(sql);
        }
        long rows = 0;
        for (String table : Rollups.TABLES) {
          try (var result = statement.executeQuery("SELECT count(*) FROM " + table)) {
            result.next();
            rows += result.getLong(1);
          }
        }
        connection.commit();
        return rows;
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      }
    }
  }
}
