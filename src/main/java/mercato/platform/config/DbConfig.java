package mercato.platform.config;

/**
 * A PostgreSQL database as {@code db:} (or a domain's {@code db.<domain>:}) names it; each
 * domain gets its own schema and pool in the database it is given.
 */
public record DbConfig(
    String host, int port, String database, String user, String password,
    int poolSize, int waitQueueSize, int pipeliningLimit, long replicaMaxLagMs) {

  public static DbConfig read(ConfigReader db) {
    return new DbConfig(
        db.string("host"),
        db.port("port", false),
        db.string("database"),
        db.string("user"),
        db.string("password"),
        db.integer("poolSize", 1, 100),
        db.integer("waitQueueSize", 0, 100_000),
        db.integer("pipeliningLimit", 1, 10_000),
        db.number("replicaMaxLagMs", 0, 3_600_000));
  }

  /** Which database this is, for grouping: {@code user@host:port/database}. */
  public String endpoint() {
    return user + "@" + address();
  }

  /** Where the database is, for messages and check names: {@code host:port/database}. */
  public String address() {
    return host + ":" + port + "/" + database;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }
}
