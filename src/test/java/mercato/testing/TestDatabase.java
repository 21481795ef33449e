package mercato.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** A fresh database per test class on the real PostgreSQL, dropped afterwards. */
public final class TestDatabase implements AutoCloseable {
  private static final String URL = "jdbc:postgresql://" + Services.HOST + ":" + Services.POSTGRES + "/";
  private final String name;

  private TestDatabase(String name) {
    this.name = name;
  }

  public static TestDatabase create() {
    Services.require("postgres");
    String name = "mercato_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    admin("CREATE DATABASE " + name);
    return new TestDatabase(name);
  }

  public String name() {
    return name;
  }

  /** A connection of its own to this database (the caller closes it). */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(URL + name, "mercato", "mercato");
  }

  /** Runs a query in this database and returns the first column of every row, as text. */
  public List<String> column(String sql) {
    try (Connection connection = DriverManager.getConnection(URL + name, "mercato", "mercato");
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      List<String> out = new ArrayList<>();
      while (rows.next()) {
        out.add(rows.getString(1));
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  public long count(String sql) {
    return Long.parseLong(column(sql).get(0));
  }

  public void execute(String sql) {
    try (Connection connection = DriverManager.getConnection(URL + name, "mercato", "mercato");
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  @Override
  public void close() {
    admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  private static void admin(String sql) {
    try (Connection connection = DriverManager.getConnection(URL + "mercato", "mercato", "mercato");
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new AssertionError("PostgreSQL refused '" + sql + "' (run scripts/services.sh up): " + e.getMessage(), e);
    }
  }
}
