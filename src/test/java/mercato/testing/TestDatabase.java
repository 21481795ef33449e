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
  private final String name;
  private final int port;
  private final String url;
  private final boolean standby;

  private TestDatabase(String name, int port, boolean standby) {
    this.name = name;
    this.port = port;
    this.url = url(port);
    this.standby = standby;
  }

  public static TestDatabase create() {
    return create(Services.POSTGRES);
  }

  /** A fresh database on the PostgreSQL at {@code port} ({@link Services#POSTGRES2} for the second primary). */
  public static TestDatabase create(int port) {
    Services.require(port == Services.POSTGRES ? "postgres" : "postgres2");
    String name = "mercato_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    admin(port, "CREATE DATABASE " + name);
    return new TestDatabase(name, port, false);
  }

  private static String url(int port) {
    return "jdbc:postgresql://" + Services.HOST + ":" + port + "/";
  }

  public String name() {
    return name;
  }

  public int port() {
    return port;
  }

  /** This database as its streaming standby at {@code standbyPort} holds it: for reads; closing it drops nothing. */
  public TestDatabase standby(int standbyPort) {
    return new TestDatabase(name, standbyPort, true);
  }

  /** A connection of its own to this database (the caller closes it). */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url + name, "mercato", "mercato");
  }

  /** Runs a query in this database and returns the first column of every row, as text. */
  public List<String> column(String sql) {
    try (Connection connection = connect();
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
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  @Override
  public void close() {
    if (standby) {
      return;
    }
    admin(port, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  private static void admin(int port, String sql) {
    try (Connection connection = DriverManager.getConnection(url(port) + "mercato", "mercato", "mercato");
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new AssertionError("PostgreSQL refused '" + sql + "' (run scripts/services.sh up): " + e.getMessage(), e);
    }
  }
}
