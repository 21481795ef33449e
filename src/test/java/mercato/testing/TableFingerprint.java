package mercato.testing;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every row of every table in some schemas, digested in one query (per table: count(*) and
 * the sum of hashtext(row::text)), so a test can tell whether a refused request changed
 * anything without reading the tables itself.
 */
public final class TableFingerprint {
  private final TestDatabase db;
  private final String query;

  /** The tables of {@code schemas} (not Flyway's history, not {@code excluded} names, written as quote_ident(schema).quote_ident(table)). */
  public TableFingerprint(TestDatabase db, List<String> schemas, Set<String> excluded) {
    this.db = db;
    String in = schemas.stream().map(s -> "'" + s + "'").collect(Collectors.joining(","));
    List<String> tables = db.column("SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables"
        + " WHERE table_type = 'BASE TABLE' AND table_schema IN (" + in + ")"
        + " AND table_name NOT LIKE 'flyway%' ORDER BY 1").stream().filter(t -> !excluded.contains(t)).toList();
    this.query = "SELECT string_agg(x, ' ' ORDER BY x) FROM (" + tables.stream()
        .map(t -> "SELECT '" + t + ":' || count(*) || ':' || coalesce(sum(hashtext(t::text)::bigint), 0) FROM " + t + " t")
        .collect(Collectors.joining(" UNION ALL ")) + ") s(x)";
  }

  public String take() {
    return db.column(query).get(0);
  }

  /** The same digest on a connection the caller holds (taking many fingerprints, a connection each is slow). */
  public String take(java.sql.Connection connection) {
    try (java.sql.Statement statement = connection.createStatement();
        java.sql.ResultSet rows = statement.executeQuery(query)) {
      rows.next();
      return rows.getString(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(query, e);
    }
  }

  /** The table digests that differ between two fingerprints (before -> after). */
  public static String difference(String before, String after) {
    Set<String> old = Set.of(before.split(" "));
    Set<String> now = Set.of(after.split(" "));
    return "was [" + old.stream().filter(t -> !now.contains(t)).sorted().collect(Collectors.joining(" "))
        + "] now [" + now.stream().filter(t -> !old.contains(t)).sorted().collect(Collectors.joining(" ")) + "]";
  }
}
